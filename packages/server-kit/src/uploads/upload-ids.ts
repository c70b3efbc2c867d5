import { randomBytes } from 'node:crypto';

/** A new upload id: `upl_` and 128 random bits, URL- and path-safe (base64url). */
export function newUploadId(): string {
  return `upl_${randomBytes(16).toString('base64url')}`;
}

/**
 * Whether a string has the shape of an id this server made. Stores build
 * paths and keys from ids only after this check, so no other string (`..`,
 * a slash) ever reaches a file system or a bucket.
 */
export function isUploadId(value: string): boolean {
  return /^upl_[A-Za-z0-9_-]{22}$/.test(value);
}
