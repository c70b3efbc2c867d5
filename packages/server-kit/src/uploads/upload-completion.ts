import { ChatError, type Upload } from '@banter/core/protocol';
import { fileTypeFromBuffer } from 'file-type';
import { processImage } from './image-processing';
import { decideType, rasterImageTypes } from './media-types';
import { serveAsFor, thumbnailServeAs } from './serve-as';
import type { ResolvedUploads } from './upload-options';
import * as sql from './upload-sql';

/**
 * `upload:complete` for a pending upload: the bytes must be the declared size;
 * their type is sniffed and checked against the declared one and the
 * allow-list; a raster image is re-encoded without metadata, measured and
 * given a thumbnail. Only then is the upload `complete`, and only complete
 * uploads can be sent or read by anyone but their owner. A file refused for
 * its type is deleted, row and bytes.
 *
 * Each step can be repeated after a crash: the received bytes are dropped
 * only after the row says complete.
 */
export async function completeUpload(u: ResolvedUploads, row: sql.UploadRow): Promise<Upload> {
  const size = Number(row.size);
  const received = await u.store.receivedSize(row.id);
  if (received !== size) {
    if (received !== null) await u.store.dropReceived(row.id);
    throw new ChatError(
      'upload_incomplete',
      received === null
        ? 'unable to complete upload: no bytes have arrived; PUT the file first'
        : `unable to complete upload: ${received} bytes arrived, ${size} were declared; PUT the file again`,
    );
  }
  try {
    const type = decideType(row.declared_type, await sniff(u, row.id), u.allowedTypes);
    let details = {
      type,
      width: null as number | null,
      height: null as number | null,
      placeholder: null as string | null,
    };
    if (rasterImageTypes.has(type)) {
      const image = await processImage(await u.store.openReceived(row.id), type, u.maxImagePixels);
      try {
        await u.store.storeVariant(
          row.id,
          'file',
          image.filePath,
          serveAsFor(type, true, row.name),
        );
        await u.store.storeVariant(row.id, 'thumbnail', image.thumbnailPath, thumbnailServeAs(row));
      } finally {
        await image.cleanup();
      }
      details = { type, width: image.width, height: image.height, placeholder: image.placeholder };
    } else {
      await u.store.keepReceived(row.id, serveAsFor(type, false, row.name));
    }
    const done = await sql.markComplete(u.sql, row.id, details);
    if (!done) throw new ChatError('not_found', 'upload not found: it was cancelled');
    await u.store.dropReceived(row.id);
    return sql.toUpload(done);
  } catch (error) {
    if (
      error instanceof ChatError &&
      ['file_type_mismatch', 'file_type_not_allowed', 'file_too_large'].includes(error.code)
    ) {
      // Refused for what it is: sending it again cannot help, so nothing of it is kept.
      if (await sql.deleteUnsent(u.sql, row.id)) await u.store.delete(row.id);
    }
    throw error;
  }
}

/** Enough of the start of a file for every signature file-type knows (office formats look far in). */
const sniffBytes = 64 * 1024;

/** The type the first bytes say, or undefined when no known signature matches. */
async function sniff(u: ResolvedUploads, uploadId: string): Promise<string | undefined> {
  const stream = await u.store.openReceived(uploadId);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= sniffBytes) break;
    }
  } finally {
    stream.destroy();
  }
  return (await fileTypeFromBuffer(Buffer.concat(chunks).subarray(0, sniffBytes)))?.mime;
}
