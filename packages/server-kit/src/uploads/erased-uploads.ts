import type { Logger } from '../logger';
import type { UploadStore } from './upload-store';

/**
 * Deletes the stored files (and thumbnails) of uploads whose rows an erasure removed, after
 * its commit. Best-effort: the erasure already holds, so a failure is logged with the upload
 * id, and never thrown. No sweeper finds these bytes later (it works from rows, and the rows
 * are gone), so the log is the retry path: `store.delete(uploadId)` again, or remove that
 * upload's files by hand (the README's Uploads section gives each store's layout).
 */
export async function deleteErasedUploads(
  store: UploadStore,
  uploadIds: readonly string[],
  logger: Logger,
): Promise<void> {
  for (const uploadId of uploadIds) {
    await store.delete(uploadId).catch((error) => {
      logger.warn('unable to delete the files of an erased user; delete them by hand', {
        uploadId,
        store: store.name,
        error: String(error),
      });
    });
  }
}
