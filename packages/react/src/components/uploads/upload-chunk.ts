import { useSyncExternalStore } from 'react';
import { lazyChunk } from '../../utils/lazy-chunk';

/** What the upload chunk holds (UploadParts.tsx). */
export type UploadParts = typeof import('./UploadParts');

/**
 * The upload UI beyond the attach button and the image boxes: the files
 * picked for the message being written (their store and previews), the drop
 * zone, images and file cards of uploaded files, the progress ring and the
 * lightbox. Fetched when a first file is picked, dropped or pasted, or a first
 * message with an uploaded file is shown.
 */
export const uploadChunk = lazyChunk(() => import('./UploadParts'));

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Called by the chunk's stores on every change, so the page's readers (useUploadParts) look again. */
export function uploadsChanged() {
  for (const listener of listeners) listener();
}

/**
 * What `select` reads from the upload chunk's state (the files picked in a
 * conversation, whether files are dragged over a window), `otherwise` until
 * the chunk is here. Reading never fetches the chunk: a pick, paste or drop
 * does (withUploadParts).
 */
export function useUploadParts<T>(select: (parts: UploadParts) => T, otherwise: T): T {
  const read = () => {
    const parts = uploadChunk.loaded;
    return parts ? select(parts) : otherwise;
  };
  return useSyncExternalStore(subscribe, read, () => otherwise);
}

let loading: Promise<UploadParts> | undefined;

/**
 * Hands the upload chunk to `use`, fetching it first if need be. Calls run in
 * the order they were made (one promise), so a drag's enter, leave and drop
 * arrive as they happened. When the chunk cannot be fetched the call is
 * dropped, and the next one tries again.
 */
export function withUploadParts(use: (parts: UploadParts) => void) {
  loading ??= uploadChunk.load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  loading.then(
    (parts) => {
      uploadChunk.loaded = parts;
      use(parts);
    },
    () => {},
  );
}
