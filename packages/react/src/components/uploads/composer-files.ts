import { useCallback, useSyncExternalStore } from 'react';

/**
 * Files picked, pasted or dropped for the message being written, per
 * conversation, outside React state so the chat window (drop) and the
 * composer (attach, paste, send) share them.
 */
const picked = new Map<string, readonly File[]>();
const listeners = new Set<() => void>();
const none: readonly File[] = [];

function change(conversationId: string, files: readonly File[]) {
  if (files.length === 0) picked.delete(conversationId);
  else picked.set(conversationId, files);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Most files in one message: the protocol's limit on uploads per send. */
export const maxFilesPerMessage = 10;

/** Adds files to a conversation's message being written (beyond the limit they are left out). */
export function addComposerFiles(conversationId: string, files: Iterable<File>) {
  const next = [...(picked.get(conversationId) ?? none), ...files].slice(0, maxFilesPerMessage);
  change(conversationId, next);
}

/** The files of the message being written in one conversation, and what changes them. */
export function useComposerFiles(conversationId: string) {
  const files = useSyncExternalStore(
    subscribe,
    () => picked.get(conversationId) ?? none,
    () => none,
  );
  const add = useCallback(
    (more: Iterable<File>) => addComposerFiles(conversationId, more),
    [conversationId],
  );
  const remove = useCallback(
    (file: File) =>
      change(
        conversationId,
        (picked.get(conversationId) ?? none).filter((f) => f !== file),
      ),
    [conversationId],
  );
  const clear = useCallback(() => change(conversationId, none), [conversationId]);
  return { files, add, remove, clear };
}

/** The files of a clipboard paste or a drop, if any. */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}
