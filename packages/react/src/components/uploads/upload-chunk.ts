import { lazyChunk } from '../../utils/lazy-chunk';

/**
 * The upload UI beyond the attach button and the image boxes: images and file
 * cards of uploaded files, the progress ring, the composer's previews and the
 * lightbox. Fetched when a first file is picked, dropped or pasted, or a first
 * message with an uploaded file is shown.
 */
export const uploadChunk = lazyChunk(() => import('./UploadParts'));
