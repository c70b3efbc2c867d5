'use client';
import type { ClipboardEvent, RefObject } from 'react';
import { AttachButton } from './AttachButton';
import { uploadChunk, useUploadParts, withUploadParts } from './upload-chunk';

const none: readonly File[] = [];

/**
 * The composer's file handling in one place: the attach button, paste of
 * files, the preview tray and the files to send. Composer.tsx only places
 * `attachButton` and `tray` and calls `take()`. The picked files live in the
 * upload chunk (composer-files.ts), which a first pick or paste fetches:
 * until then a conversation has none.
 */
export function useComposerUploads(
  conversationId: string,
  textarea: RefObject<HTMLTextAreaElement | null>,
  disabled: boolean,
) {
  const files = useUploadParts((parts) => parts.composerFiles(conversationId), none);
  const add = (more: File[]) => {
    if (more.length > 0) withUploadParts((parts) => parts.addComposerFiles(conversationId, more));
  };
  // Files picked means the chunk is here.
  const parts = files.length > 0 ? uploadChunk.loaded : undefined;
  return {
    /** Files waiting to go with the next message. */
    files,
    /** Clipboard files (a screenshot, copied files) join the message instead of pasting text. */
    onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
      const pasted = event.clipboardData?.files;
      if (!pasted?.length) return;
      event.preventDefault();
      add([...pasted]);
    },
    /** The files for the send now being made; the tray empties. */
    take: (): File[] => parts?.takeComposerFiles(conversationId) ?? [],
    attachButton: <AttachButton onFiles={add} disabled={disabled} />,
    tray: parts ? (
      <parts.ComposerFileTray
        conversationId={conversationId}
        files={files}
        onEmptied={() => textarea.current?.focus()}
      />
    ) : null,
  };
}
