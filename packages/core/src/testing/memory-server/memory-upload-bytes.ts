import { ChatError, type UploadTarget } from '../../protocol';
import type { MemoryServer } from './memory-server';
import { uploadBookOf } from './upload-book';

/** An image's size from its header (PNG, GIF); null for other files or formats. */
async function imageSize(blob: Blob): Promise<{ width: number; height: number } | null> {
  const head = new DataView(await blob.slice(0, 32).arrayBuffer());
  if (head.byteLength >= 24 && head.getUint32(0) === 0x89504e47) {
    return { width: head.getUint32(16), height: head.getUint32(20) };
  }
  if (head.byteLength >= 10 && head.getUint32(0) === 0x47494638) {
    return { width: head.getUint16(6, true), height: head.getUint16(8, true) };
  }
  return null;
}

/**
 * The in-memory server's byte route: takes a target's PUT in four steps
 * (so progress is seen), across the link's latency and faults: offline
 * fails it, as a dropped connection fails a real PUT.
 */
export async function memoryPut(
  server: MemoryServer,
  reachable: () => Promise<boolean>,
  target: UploadTarget,
  blob: Blob,
  onProgress: (sent: number) => void,
): Promise<void> {
  const id = /^\/uploads\/([^/]+)\/content$/.exec(target.url)?.[1];
  const stored = id ? uploadBookOf(server).byId.get(id) : undefined;
  if (!stored) throw new ChatError('not_found', 'no such upload');
  for (const step of [1, 2, 3]) {
    if (!(await reachable())) throw new ChatError('unavailable', 'the upload connection failed');
    onProgress(Math.floor((blob.size * step) / 4));
  }
  if (!(await reachable())) throw new ChatError('unavailable', 'the upload connection failed');
  // Gone meanwhile (cancelled, or the server forgot it): the PUT finds nothing.
  if (uploadBookOf(server).byId.get(stored.upload.id) !== stored) {
    throw new ChatError('not_found', 'no such upload');
  }
  if (stored.upload.status === 'complete') throw new ChatError('conflict', 'already complete');
  if (blob.size !== stored.upload.size) {
    throw new ChatError('upload_incomplete', 'the body is not the declared size');
  }
  stored.bytes = blob;
  const size = stored.upload.declaredType.startsWith('image/') ? await imageSize(blob) : null;
  if (size) stored.upload = { ...stored.upload, ...size };
  onProgress(blob.size);
}
