import type { UploadLimits } from '@banter/core/protocol';
import type { RateLimit } from '../limits/token-bucket';
import type { SqlAccess } from '../storage/sql-access';
import { defaultAllowedTypes } from './media-types';
import { UrlSigner } from './signed-urls';
import type { UploadStore } from './upload-store';

/** The `uploads` option of `createBanter`: a store, and the rules files must meet. */
export interface UploadOptions {
  /** Where the bytes live: `diskUploads({ dir })` or `s3Uploads({ … })`. */
  store: UploadStore;
  /**
   * Key of the HMAC that signs the server's upload and file URLs, at least 16
   * bytes. Every node serving the same uploads needs the same one. Default: a
   * random key per process (URLs stop working when it restarts; clients ask again).
   */
  secret?: string | Uint8Array;
  /** Largest file, in bytes. Default 25 MiB (26,214,400). */
  maxFileBytes?: number;
  /** Media types allowed, declared and sniffed. Default: see `defaultAllowedTypes` in the README. */
  allowedTypes?: readonly string[];
  /** Bytes of one user's uploads not yet sent in a message. Default 256 MiB. */
  quotaBytes?: number;
  /** `upload:create` per user: default 1 a second with a burst of 20. */
  createRate?: RateLimit;
  /** Largest raster image, in pixels; larger is `file_too_large`. Default 50,000,000. */
  maxImagePixels?: number;
  /** How long an upload target URL works. Default 15 minutes. */
  uploadUrlTtlMs?: number;
  /** How long `upload:urls` URLs work. Default 5 minutes. */
  urlTtlMs?: number;
  /** Uploads no message used are deleted this long after creation. Default 24 hours. */
  expireUnsentAfterMs?: number;
  /** How often the sweeper looks for them. Default 10 minutes. */
  sweepIntervalMs?: number;
}

/** `UploadOptions` with every default filled in, and the database to keep rows in. */
export interface ResolvedUploads {
  store: UploadStore;
  signer: UrlSigner;
  sql: SqlAccess;
  maxFileBytes: number;
  allowedTypes: ReadonlySet<string>;
  quotaBytes: number;
  createRate: RateLimit;
  maxImagePixels: number;
  uploadUrlTtlMs: number;
  urlTtlMs: number;
  expireUnsentAfterMs: number;
  sweepIntervalMs: number;
}

const positive = (value: number, name: string) => {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`uploads.${name} must be above 0`);
  return value;
};

/**
 * Checks the `uploads` option at start, so a mistake fails then. `sql` is the
 * built-in store's database: uploads keep their rows beside the messages.
 */
export function resolveUploads(
  options: UploadOptions | UploadStore,
  sql: SqlAccess | null,
): ResolvedUploads {
  const o: UploadOptions = 'store' in options ? options : { store: options };
  if (!sql) {
    throw new TypeError(
      'uploads need one of the built-in storages (pgliteStorage or postgresStorage): they keep their rows beside the messages',
    );
  }
  const allowedTypes = new Set((o.allowedTypes ?? defaultAllowedTypes).map((t) => t.toLowerCase()));
  return {
    store: o.store,
    signer: new UrlSigner(o.secret),
    sql,
    maxFileBytes: positive(o.maxFileBytes ?? 25 * 1024 * 1024, 'maxFileBytes'),
    allowedTypes,
    quotaBytes: positive(o.quotaBytes ?? 256 * 1024 * 1024, 'quotaBytes'),
    createRate: o.createRate ?? { perSecond: 1, burst: 20 },
    maxImagePixels: positive(o.maxImagePixels ?? 50_000_000, 'maxImagePixels'),
    uploadUrlTtlMs: positive(o.uploadUrlTtlMs ?? 15 * 60_000, 'uploadUrlTtlMs'),
    urlTtlMs: positive(o.urlTtlMs ?? 5 * 60_000, 'urlTtlMs'),
    expireUnsentAfterMs: positive(o.expireUnsentAfterMs ?? 24 * 3_600_000, 'expireUnsentAfterMs'),
    sweepIntervalMs: positive(o.sweepIntervalMs ?? 10 * 60_000, 'sweepIntervalMs'),
  };
}

/** What the `session` event tells clients. */
export function uploadLimitsOf(uploads: ResolvedUploads): UploadLimits {
  return {
    maxFileBytes: uploads.maxFileBytes,
    allowedTypes: [...uploads.allowedTypes],
    quotaBytes: uploads.quotaBytes,
  };
}
