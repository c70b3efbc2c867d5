import { uploadsChanged } from './upload-chunk';

/**
 * Files picked, pasted or dropped for the message being written, per
 * conversation, outside React state so the chat window (drop) and the
 * composer (attach, paste, send) share them. It lives in the upload chunk:
 * the page reads it through useUploadParts once a first file brought the
 * chunk, and until then no conversation has files.
 */
const picked = new Map<string, readonly File[]>();
const none: readonly File[] = [];

function change(conversationId: string, files: readonly File[]) {
  if (files.length === 0) picked.delete(conversationId);
  else picked.set(conversationId, files);
  uploadsChanged();
}

/** Most files in one message: the protocol's limit on uploads per send. */
export const maxFilesPerMessage = 10;

/** The files of the message being written in one conversation (the same array until they change). */
export function composerFiles(conversationId: string): readonly File[] {
  return picked.get(conversationId) ?? none;
}

/** Adds files to a conversation's message being written (beyond the limit they are left out). */
export function addComposerFiles(conversationId: string, files: Iterable<File>) {
  change(conversationId, [...composerFiles(conversationId), ...files].slice(0, maxFilesPerMessage));
}

/** Takes one file out of the message being written. */
export function removeComposerFile(conversationId: string, file: File) {
  change(
    conversationId,
    composerFiles(conversationId).filter((f) => f !== file),
  );
}

/** The files for the send now being made; the message being written has none after. */
export function takeComposerFiles(conversationId: string): File[] {
  const taken = [...composerFiles(conversationId)];
  change(conversationId, none);
  return taken;
}
