import type { RequestInput, RequestResult, UploadUrls } from '../protocol';
import { resolveTargetUrl } from './upload-bytes';

/** How long before `expiresAt` a URL counts as expired, so a render never starts on a dying URL. */
const expiryMarginMs = 30_000;

/**
 * Short-lived read URLs of uploaded files, asked with `upload:urls` when a
 * file is first shown and asked again once they are about to expire; two
 * asks for one file while the first is answered share its request.
 */
export class UploadUrlCache {
  readonly #request: (input: RequestInput<'upload:urls'>) => Promise<RequestResult<'upload:urls'>>;
  readonly #restBase: string | null;
  readonly #now: () => number;
  readonly #held = new Map<string, Promise<UploadUrls>>();

  constructor(
    request: (input: RequestInput<'upload:urls'>) => Promise<RequestResult<'upload:urls'>>,
    restBase: string | null,
    now: () => number = Date.now,
  ) {
    this.#request = request;
    this.#restBase = restBase;
    this.#now = now;
  }

  /**
   * The URLs of one uploaded file, absolute (relative ones resolved against
   * the REST base). Fresh ones are asked for when the held ones expire.
   */
  async get(conversationId: string, uploadId: string): Promise<UploadUrls> {
    const held = this.#held.get(uploadId);
    if (held) {
      const urls = await held.catch(() => null);
      if (urls && Date.parse(urls.expiresAt) - expiryMarginMs > this.#now()) return urls;
      if (this.#held.get(uploadId) !== held) return this.get(conversationId, uploadId);
    }
    const asked = this.#request({ conversationId, uploadIds: [uploadId] }).then((answer) => {
      const urls = answer.find((u) => u.uploadId === uploadId);
      if (!urls) throw new Error(`no URLs for upload ${uploadId}`);
      return this.#absolute(urls);
    });
    this.#held.set(uploadId, asked);
    asked.catch(() => {
      if (this.#held.get(uploadId) === asked) this.#held.delete(uploadId);
    });
    return asked;
  }

  /** Drops a file's URLs (the image failed to load: they may have expired early). */
  forget(uploadId: string) {
    this.#held.delete(uploadId);
  }

  #absolute(urls: UploadUrls): UploadUrls {
    const resolve = (url: string) =>
      url.startsWith('/') && this.#restBase !== null ? resolveTargetUrl(url, this.#restBase) : url;
    return {
      ...urls,
      url: resolve(urls.url),
      thumbnailUrl: urls.thumbnailUrl === null ? null : resolve(urls.thumbnailUrl),
    };
  }
}
