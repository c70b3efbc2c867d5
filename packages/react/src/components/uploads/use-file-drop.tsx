import { type DragEvent, useId } from 'react';
import { uploadChunk, useUploadParts, withUploadParts } from './upload-chunk';

/**
 * Drag and drop of files onto the chat window: `dragging` while files are
 * over it, `zone` to draw then, and a drop adds them to the message being
 * written. Only what must happen during the event stays on the page (accepting
 * the drop, reading the dropped files); the counting, the drop zone and the
 * files' store come with the upload chunk (file-drag.ts), which the first
 * drag fetches.
 */
export function useFileDrop(conversationId: string | null) {
  const target = useId();
  const dragging = useUploadParts((parts) => parts.isDragging(target), false);
  // While dragging, the chunk is here: it is what counted the drag.
  const Zone = dragging ? uploadChunk.loaded?.DropZone : undefined;
  const forward = (event: DragEvent) => {
    const data = event.dataTransfer;
    if (!conversationId || !data?.types.includes('Files')) return;
    // Without this (on dragover and drop) the browser opens the file instead of dropping it here.
    event.preventDefault();
    const { type } = event;
    if (type === 'dragover') return;
    // Read now: the browser empties the drop's files once the event is over.
    const files = [...data.files];
    withUploadParts((parts) => parts.fileDrag(target, conversationId, type, files));
  };
  return {
    dragging,
    zone: Zone ? <Zone /> : null,
    handlers: { onDragEnter: forward, onDragOver: forward, onDragLeave: forward, onDrop: forward },
  };
}
