'use client';
/** The upload chunk's entry: what `uploadChunk` loads (see upload-chunk.ts). */
export { AttachmentList } from './AttachmentList';
export { ComposerFileTray } from './ComposerFileTray';
export {
  addComposerFiles,
  composerFiles,
  removeComposerFile,
  takeComposerFiles,
} from './composer-files';
export { DropZone } from './DropZone';
export { fileDrag, isDragging } from './file-drag';
export { Lightbox } from './Lightbox';
export { SendingFiles } from './SendingFiles';
export { FileCard, UploadedFiles } from './UploadedFiles';
