import { ChatError, type ErrorCode, type UploadTarget } from '../protocol';

/**
 * Sends one upload's bytes as its target says, calling `onProgress` with the
 * bytes sent so far. Rejects with a ChatError: retryable for a network
 * failure or an expired URL (the outbox asks for a fresh target), not for a
 * refusal of the file itself.
 */
export type UploadBytes = (
  target: UploadTarget,
  blob: Blob,
  onProgress: (sent: number) => void,
) => Promise<void>;

/** Where a relative target (`/uploads/…`) lives: the REST router's base URL. */
export function resolveTargetUrl(url: string, restBase: string | null): string {
  if (/^https?:\/\//i.test(url)) return url;
  if (restBase === null) throw new ChatError('uploads_disabled', 'no REST path to upload to');
  return `${restBase.replace(/\/$/, '')}${url}`;
}

/** The REST error body's code, or a code that fits the HTTP status. */
function failure(status: number, body: string): ChatError {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.code) {
      return ChatError.fromPayload({
        code: parsed.error.code as ErrorCode,
        message: parsed.error.message ?? 'upload failed',
        retryable: status >= 500,
      });
    }
  } catch {
    // A bucket's XML error, or nothing: decided by the status below.
  }
  // A bucket refuses an expired presigned URL with 403: a fresh target fixes it.
  return status === 403
    ? new ChatError('url_expired', `the upload URL was refused (${status})`)
    : new ChatError(status >= 500 ? 'unavailable' : 'rejected', `upload failed (${status})`);
}

/**
 * The browser's way: XMLHttpRequest, the only web API with upload progress
 * (`fetch` has none). Without credentials: the URL carries its signature.
 */
function xhrUpload(url: string): UploadBytes {
  return (target, blob, onProgress) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(target.method, url);
      xhr.withCredentials = false;
      for (const [name, value] of Object.entries(target.headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => onProgress(event.loaded);
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(blob.size);
          resolve();
        } else reject(failure(xhr.status, xhr.responseText));
      };
      xhr.onerror = () => reject(new ChatError('unavailable', 'the upload connection failed'));
      xhr.send(blob);
    });
}

/** Node and other platforms without XHR: one fetch, progress only at the end. */
function fetchUpload(url: string, fetchImpl: typeof fetch): UploadBytes {
  return async (target, blob, onProgress) => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: target.method,
        headers: target.headers,
        body: blob,
        credentials: 'omit',
      });
    } catch {
      throw new ChatError('unavailable', 'the upload connection failed');
    }
    if (!response.ok) throw failure(response.status, await response.text());
    onProgress(blob.size);
  };
}

/**
 * The default byte sender over HTTP: XHR where it exists (browsers, for
 * progress), `fetch` otherwise. Relative targets are resolved against
 * `restBase` (origin plus the REST path).
 */
export function httpUploadBytes(restBase: string | null, fetchImpl?: typeof fetch): UploadBytes {
  return (target, blob, onProgress) => {
    const url = resolveTargetUrl(target.url, restBase);
    const send =
      typeof XMLHttpRequest !== 'undefined'
        ? xhrUpload(url)
        : fetchUpload(url, fetchImpl ?? globalThis.fetch);
    return send(target, blob, onProgress);
  };
}
