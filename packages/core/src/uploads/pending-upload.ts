/**
 * One file of an own message on its way to the server. It lives on the
 * pending message (so it is shown, persisted and retried with it); its bytes
 * live in an {@link UploadBlobStore} under `clientId`.
 */
export interface PendingUpload {
  /** The upload's idempotency key: `upload:create` with it again returns the same upload. */
  clientId: string;
  /** The file name as the user has it (the server stores a sanitized copy). */
  name: string;
  /** Size in bytes. */
  size: number;
  /** Declared media type (`File.type`), possibly empty. */
  type: string;
  /** The server's upload id once `upload:create` answered; null before. */
  uploadId: string | null;
  /** Bytes the server has acknowledged so far (the whole size once complete). */
  sent: number;
  /** `queued` before its first byte, `uploading` during the PUT, `complete` once checked by the server. */
  status: 'queued' | 'uploading' | 'complete';
  /** Images: width in pixels, known locally or from the server; null otherwise. */
  width: number | null;
  /** Images: height in pixels; null otherwise. */
  height: number | null;
  /** Images: the server's placeholder colour once complete; null before. */
  placeholder: string | null;
}

/** A file as `sendMessage` takes it: a `File`, or any `Blob` with a name. */
export interface FileInput {
  /** The bytes. */
  blob: Blob;
  /** The name to send; `File.name` when `blob` is a File. */
  name?: string;
  /** Images: width and height in pixels, when the caller knows them (so the bubble has its shape at once). */
  width?: number;
  /** Images: height in pixels. */
  height?: number;
}

/** Whole fraction (0–1) of a message's files the server has, by bytes. */
export function uploadProgress(uploads: readonly PendingUpload[]): number {
  const total = uploads.reduce((sum, u) => sum + u.size, 0);
  if (total === 0) return 1;
  return uploads.reduce((sum, u) => sum + Math.min(u.sent, u.size), 0) / total;
}
