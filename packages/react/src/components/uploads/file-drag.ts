import { addComposerFiles } from './composer-files';
import { uploadsChanged } from './upload-chunk';

/**
 * Files dragged over chat windows, in the upload chunk: the page's drag
 * handlers (use-file-drop.ts) forward each window's enter, leave and drop
 * here, in order. Counts enter/leave pairs per window, as its children fire
 * their own.
 */
const depths = new Map<string, number>();

/** Whether files are over the window `target` (to show its drop zone). */
export function isDragging(target: string): boolean {
  return (depths.get(target) ?? 0) > 0;
}

/** One drag event with files on the window `target`; a drop adds them to the conversation's message. */
export function fileDrag(
  target: string,
  conversationId: string,
  type: string,
  files: readonly File[],
) {
  const now = depths.get(target) ?? 0;
  const next = type === 'dragenter' ? now + 1 : type === 'dragleave' ? Math.max(0, now - 1) : 0;
  if (next > 0) depths.set(target, next);
  else depths.delete(target);
  if (type === 'drop') addComposerFiles(conversationId, files);
  uploadsChanged();
}
