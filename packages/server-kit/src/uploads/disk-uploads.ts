import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChatError } from '@banter/core/protocol';
import { isUploadId } from './upload-ids';
import type { UploadStore, UploadVariant } from './upload-store';

/** Options of `diskUploads`. */
export interface DiskUploadsOptions {
  /** The directory that holds every upload (created if missing). Share it between nodes, or use S3. */
  dir: string;
}

const folders = {
  received: 'received',
  file: 'files',
  thumbnail: 'thumbnails',
  partial: 'partial',
} as const;

/**
 * Uploads in a directory of the server's disk: the embedded default. Clients
 * PUT the bytes to the server's own signed route, and read them through
 * signed routes too (served with `nosniff` and a CSP). Paths are built from
 * upload ids only, never from names, and checked to stay inside `dir`.
 *
 * @example
 * createBanter({ storage, authenticate, uploads: diskUploads({ dir: './.banter-uploads' }) });
 */
export function diskUploads(options: DiskUploadsOptions): UploadStore {
  const root = resolve(options.dir);
  let ready: Promise<void> | null = null;
  const prepare = () => {
    ready ??= Promise.all(
      Object.values(folders).map((folder) => mkdir(resolve(root, folder), { recursive: true })),
    ).then(() => {});
    return ready;
  };
  const pathOf = (folder: keyof typeof folders, uploadId: string, suffix = '') => {
    if (!isUploadId(uploadId)) throw new ChatError('not_found', 'no such upload');
    const path = resolve(root, folders[folder], uploadId + suffix);
    // Ids cannot hold a separator or dots; this is the second lock on the same door.
    if (!path.startsWith(root + sep)) throw new ChatError('not_found', 'no such upload');
    return path;
  };
  const sizeOf = async (path: string) => {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };

  return {
    name: 'disk',

    async uploadTarget(uploadId, upload, expiresAt, signer) {
      return {
        url: signer.sign('content', uploadId, expiresAt),
        headers: { 'Content-Type': upload.contentType },
      };
    },

    async receive(uploadId, body, size) {
      await prepare();
      const final = pathOf('received', uploadId);
      // Written aside and renamed when whole: a reader never sees half a file, and a PUT
      // cut short (or a server killed mid-upload) leaves nothing but a partial file to sweep.
      const partial = pathOf('partial', uploadId, `.${randomBytes(6).toString('hex')}`);
      let received = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          if (received > size) {
            done(
              new ChatError(
                'file_too_large',
                `unable to upload: more than the declared ${size} bytes`,
                { limit: size },
              ),
            );
          } else done(null, chunk);
        },
      });
      try {
        await pipeline(body, counter, createWriteStream(partial, { flags: 'wx' }));
        if (received !== size) {
          throw new ChatError(
            'upload_incomplete',
            `unable to upload: ${received} of ${size} bytes arrived`,
          );
        }
        await rename(partial, final);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },

    async receivedSize(uploadId) {
      return sizeOf(pathOf('received', uploadId));
    },

    async openReceived(uploadId) {
      return createReadStream(pathOf('received', uploadId));
    },

    async keepReceived(uploadId) {
      await prepare();
      // A second name for the same bytes (no copy): the received name goes once the row says
      // complete, so a crash in between leaves a state that completing again repairs.
      const target = pathOf('file', uploadId);
      const aside = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await link(pathOf('received', uploadId), aside);
      await rename(aside, target);
    },

    async storeVariant(uploadId, variant, path) {
      await prepare();
      const target = pathOf(variant, uploadId);
      const aside = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await copyFile(path, aside);
      await rename(aside, target);
    },

    async dropReceived(uploadId) {
      await rm(pathOf('received', uploadId), { force: true });
    },

    async readUrl(uploadId, variant, _serveAs, expiresAt, signer) {
      return signer.sign(variant, uploadId, expiresAt);
    },

    async openVariant(uploadId, variant: UploadVariant) {
      const path = pathOf(variant, uploadId);
      const size = await sizeOf(path);
      return size === null ? null : { stream: createReadStream(path) as Readable, size };
    },

    async sweep(before) {
      await prepare();
      // Partial files of PUTs cut short by a crash: nothing else removes them.
      const dir = resolve(root, folders.partial);
      for (const name of await readdir(dir)) {
        const path = resolve(dir, name);
        const info = await stat(path).catch(() => null);
        if (info && info.mtime < before) await rm(path, { force: true });
      }
    },

    async delete(uploadId) {
      await Promise.all([
        rm(pathOf('received', uploadId), { force: true }),
        rm(pathOf('file', uploadId), { force: true }),
        rm(pathOf('thumbnail', uploadId), { force: true }),
      ]);
    },
  };
}
