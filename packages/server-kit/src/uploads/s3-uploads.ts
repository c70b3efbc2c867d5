import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ChatError } from '@banter/core/protocol';
import { contentDisposition } from './file-names';
import { isUploadId } from './upload-ids';
import type { ServeAs, UploadStore, UploadVariant } from './upload-store';

/** Options of `s3Uploads`: a bucket of AWS S3 or of any S3-compatible service. */
export interface S3UploadsOptions {
  /** The bucket; it must exist, and allow PUT and GET from your app's origin (CORS). */
  bucket: string;
  /** Prefix of every key, e.g. `banter/`. Default none. */
  prefix?: string;
  /** The region (`auto` for Cloudflare R2). Default: the SDK's (`AWS_REGION`). */
  region?: string;
  /** The service's URL, for anything but AWS: `https://<account>.r2.cloudflarestorage.com`, `http://minio:9000`. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most local servers need. Default false. */
  forcePathStyle?: boolean;
  /** Keys; default: the SDK's chain (environment, shared files, instance roles). */
  credentials?: {
    /** Access key id. */
    accessKeyId: string;
    /** Secret access key. */
    secretAccessKey: string;
    /** Session token of temporary credentials. */
    sessionToken?: string;
  };
  /** Any other `S3ClientConfig` field, passed to the client as it is. */
  clientConfig?: Record<string, unknown>;
}

type S3 = typeof import('@aws-sdk/client-s3');
type Presign = typeof import('@aws-sdk/s3-request-presigner');

/**
 * Uploads in an S3-compatible bucket (AWS SDK v3). Browsers PUT the bytes
 * straight to the bucket with a presigned request and read them with
 * presigned GETs; the chat server never carries them, except to check them
 * and to re-encode images once, at `upload:complete`. Read URLs force the
 * type and disposition (`response-content-type`, `response-content-disposition`),
 * so a non-image always downloads.
 *
 * `@aws-sdk/client-s3` and `@aws-sdk/s3-request-presigner` are optional peer
 * dependencies: install them to use this store. They are loaded on first use.
 *
 * @example
 * createBanter({
 *   storage, authenticate,
 *   uploads: { store: s3Uploads({ bucket: 'chat-files', region: 'eu-west-1' }), secret: process.env.UPLOAD_SECRET },
 * });
 */
export function s3Uploads(options: S3UploadsOptions): UploadStore {
  const prefix = options.prefix ?? '';
  const Bucket = options.bucket;
  let loaded: Promise<{ s3: S3; presign: Presign; client: InstanceType<S3['S3Client']> }> | null =
    null;
  const sdk = () => {
    loaded ??= (async () => {
      const [s3, presign] = await Promise.all([
        import('@aws-sdk/client-s3').catch(missing),
        import('@aws-sdk/s3-request-presigner').catch(missing),
      ]);
      const client = new s3.S3Client({
        ...options.clientConfig,
        ...(options.region ? { region: options.region } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.forcePathStyle ? { forcePathStyle: true } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      });
      return { s3, presign, client };
    })();
    return loaded;
  };
  const key = (folder: 'received' | UploadVariant, uploadId: string) => {
    if (!isUploadId(uploadId)) throw new ChatError('not_found', 'no such upload');
    return `${prefix}${folder === 'received' ? 'received' : `${folder}s`}/${uploadId}`;
  };
  const secondsUntil = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));

  return {
    name: 's3',

    async uploadTarget(uploadId, upload, expiresAt) {
      const { s3, presign, client } = await sdk();
      const command = new s3.PutObjectCommand({
        Bucket,
        Key: key('received', uploadId),
        ContentType: upload.contentType,
        ContentLength: upload.size,
      });
      const url = await presign.getSignedUrl(client, command, {
        expiresIn: secondsUntil(expiresAt),
        // Signed, so the bucket refuses a body of another size or type.
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      return { url, headers: { 'Content-Type': upload.contentType } };
    },

    async receivedSize(uploadId) {
      const { s3, client } = await sdk();
      try {
        const head = await client.send(
          new s3.HeadObjectCommand({ Bucket, Key: key('received', uploadId) }),
        );
        return head.ContentLength ?? 0;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async openReceived(uploadId) {
      const { s3, client } = await sdk();
      const object = await client.send(
        new s3.GetObjectCommand({ Bucket, Key: key('received', uploadId) }),
      );
      return object.Body as Readable;
    },

    async keepReceived(uploadId, serveAs) {
      const { s3, client } = await sdk();
      await client.send(
        new s3.CopyObjectCommand({
          Bucket,
          Key: key('file', uploadId),
          CopySource: `${Bucket}/${key('received', uploadId)}`,
          MetadataDirective: 'REPLACE',
          ...objectHeaders(serveAs),
        }),
      );
    },

    async storeVariant(uploadId, variant, path, serveAs) {
      const { s3, client } = await sdk();
      const { size } = await stat(path);
      await client.send(
        new s3.PutObjectCommand({
          Bucket,
          Key: key(variant, uploadId),
          Body: createReadStream(path),
          ContentLength: size,
          ...objectHeaders(serveAs),
        }),
      );
    },

    async dropReceived(uploadId) {
      const { s3, client } = await sdk();
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: key('received', uploadId) }));
    },

    async readUrl(uploadId, variant, _serveAs, expiresAt, signer) {
      // The server's signed route, which redirects to a presigned GET: expiry and signature are
      // checked by Banter, whatever the bucket does with presigned expiries.
      return signer.sign(variant, uploadId, expiresAt);
    },

    async redirectUrl(uploadId, variant, serveAs) {
      const { s3, presign, client } = await sdk();
      const command = new s3.GetObjectCommand({
        Bucket,
        Key: key(variant, uploadId),
        ResponseContentType: serveAs.contentType,
        ResponseContentDisposition: contentDisposition(serveAs.disposition, serveAs.fileName),
      });
      return presign.getSignedUrl(client, command, { expiresIn: redirectSeconds });
    },

    async delete(uploadId) {
      const { s3, client } = await sdk();
      await Promise.all(
        (['received', 'file', 'thumbnail'] as const).map((folder) =>
          client.send(new s3.DeleteObjectCommand({ Bucket, Key: key(folder, uploadId) })),
        ),
      );
    },
  };
}

/** How long the presigned GET a file route redirects to works: enough to follow the redirect. */
const redirectSeconds = 60;

/** Stored on the object too, for buckets that ignore the response overrides of presigned GETs. */
function objectHeaders(serveAs: ServeAs) {
  return {
    ContentType: serveAs.contentType,
    ContentDisposition: contentDisposition(serveAs.disposition, serveAs.fileName),
  };
}

function missing(error: unknown): never {
  throw new Error(
    's3Uploads needs @aws-sdk/client-s3 and @aws-sdk/s3-request-presigner: npm install @aws-sdk/client-s3 @aws-sdk/s3-request-presigner',
    { cause: error },
  );
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
