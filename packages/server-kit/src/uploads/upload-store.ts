import type { Readable } from 'node:stream';
import type { UrlSigner } from './signed-urls';

/** The stored forms of an upload: the file itself, and a raster image's thumbnail. */
export type UploadVariant = 'file' | 'thumbnail';

/** How a stored file is served: decided from its sniffed type, never from its name. */
export interface ServeAs {
  /** `Content-Type` of the answer: the image's own type, or `application/octet-stream`. */
  contentType: string;
  /** `inline` for raster images only; everything else downloads. */
  disposition: 'inline' | 'attachment';
  /** The sanitized name, for `Content-Disposition`. */
  fileName: string;
}

/** Where an upload's bytes go: one request, made as given. */
export interface StoreTarget {
  /** Absolute (a bucket), or a path relative to the REST prefix (the server's own route). */
  url: string;
  /** Headers the client must send as they are. */
  headers: Record<string, string>;
}

/** A stored variant's bytes, as a store hands them out to be served. */
export interface StoredBytes {
  /** The bytes, read as they are sent. */
  stream: Readable;
  /** Their length, for Content-Length. */
  size: number;
}

/**
 * Where upload bytes live: the contract `diskUploads` and `s3Uploads` meet,
 * and that a host may implement for another backend (the conformance suite in
 * server-kit's tests checks one). Every method takes an upload id made by the
 * server (`upl_` and 22 base64url characters), never a name. An upload has
 * *received* bytes (what the client sent, unchecked, never served) until it
 * is completed; then a *file* and, for images, a *thumbnail*.
 */
export interface UploadStore {
  /** For logs and errors, e.g. `disk` or `s3`. */
  readonly name: string;
  /** Where the client sends the bytes of `size` bytes of `contentType`, until `expiresAt`. */
  uploadTarget(
    uploadId: string,
    upload: { size: number; contentType: string },
    expiresAt: Date,
    signer: UrlSigner,
  ): Promise<StoreTarget>;
  /**
   * Takes the bytes the server's own PUT route receives: exactly `size` of
   * them, or nothing is kept (`file_too_large` for more, `upload_incomplete`
   * for fewer). Only stores whose targets are server routes have it.
   */
  receive?(uploadId: string, body: Readable, size: number): Promise<void>;
  /** How many bytes were received, or null when none were. */
  receivedSize(uploadId: string): Promise<number | null>;
  /** The received bytes, as a stream (for sniffing and image processing). */
  openReceived(uploadId: string): Promise<Readable>;
  /** Makes the received bytes the file, unchanged (files that are not raster images). */
  keepReceived(uploadId: string, serveAs: ServeAs): Promise<void>;
  /** Stores a variant from a local file the server wrote (a re-encoded image, a thumbnail). */
  storeVariant(
    uploadId: string,
    variant: UploadVariant,
    path: string,
    serveAs: ServeAs,
  ): Promise<void>;
  /** Removes the received bytes once the file is stored. */
  dropReceived(uploadId: string): Promise<void>;
  /** A URL that serves a variant as `serveAs` says, until `expiresAt`. */
  readUrl(
    uploadId: string,
    variant: UploadVariant,
    serveAs: ServeAs,
    expiresAt: Date,
    signer: UrlSigner,
  ): Promise<string>;
  /**
   * Where the server's signed file route sends the browser (a 302), for stores
   * that serve their own bytes (a bucket's presigned GET, valid a minute).
   */
  redirectUrl?(uploadId: string, variant: UploadVariant, serveAs: ServeAs): Promise<string>;
  /** A variant's bytes, for stores whose read URLs are server routes; null when there are none. */
  openVariant?(uploadId: string, variant: UploadVariant): Promise<StoredBytes | null>;
  /** Housekeeping the sweeper runs: removes leftovers older than `before` (partial PUTs). */
  sweep?(before: Date): Promise<void>;
  /** Deletes everything stored for an upload; nothing there is not an error. */
  delete(uploadId: string): Promise<void>;
}
