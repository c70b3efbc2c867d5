'use client';
import type { ClipboardEvent, RefObject } from 'react';
import { useChunk } from '../../utils/lazy-chunk';
import { AttachButton } from './AttachButton';
import { filesOf, useComposerFiles } from './composer-files';
import { uploadChunk } from './upload-chunk';

/**
 * The composer's file handling in one place: the attach button, paste of
 * files, the preview tray (from the upload chunk) and the files to send.
 * Composer.tsx only places `attachButton` and `tray` and calls `take()`.
 */
export function useComposerUploads(
  conversationId: string,
  textarea: RefObject<HTMLTextAreaElement | null>,
  disabled: boolean,
) {
  const { files, add, remove, clear } = useComposerFiles(conversationId);
  return {
    /** Files waiting to go with the next message. */
    files,
    /** Clipboard files (a screenshot, copied files) join the message instead of pasting text. */
    onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
      const pasted = filesOf(event.clipboardData);
      if (pasted.length === 0) return;
      event.preventDefault();
      add(pasted);
    },
    /** The files for the send now being made; the tray empties. */
    take(): File[] {
      const taken = [...files];
      clear();
      return taken;
    },
    attachButton: <AttachButton onFiles={add} disabled={disabled} />,
    tray:
      files.length > 0 ? (
        <FileTray files={files} onRemove={remove} onEmptied={() => textarea.current?.focus()} />
      ) : null,
  };
}

function FileTray(props: {
  files: readonly File[];
  onRemove: (file: File) => void;
  onEmptied: () => void;
}) {
  const { module } = useChunk(uploadChunk);
  return module ? <module.ComposerFileTray {...props} /> : null;
}
