import { type DragEvent, useRef, useState } from 'react';
import { addComposerFiles, filesOf } from './composer-files';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Drag and drop of files onto the chat window: `dragging` while files are
 * over it (to show the drop zone), and a drop adds them to the message being
 * written. Counts enter/leave pairs, as children fire their own.
 */
export function useFileDrop(conversationId: string | null) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  if (!conversationId) return { dragging: false, handlers: {} };
  return {
    dragging,
    handlers: {
      onDragEnter(event: DragEvent) {
        if (!carriesFiles(event)) return;
        depth.current++;
        setDragging(true);
      },
      onDragOver(event: DragEvent) {
        if (!carriesFiles(event)) return;
        // Without this the browser opens the file instead of dropping it here.
        event.preventDefault();
      },
      onDragLeave(event: DragEvent) {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop(event: DragEvent) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        addComposerFiles(conversationId, filesOf(event.dataTransfer));
      },
    },
  };
}
