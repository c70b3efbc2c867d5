import { ChatError } from '../protocol';

/** What `@banter/core/uploads` holds (see upload-machinery.ts). */
export type UploadMachinery = typeof import('./upload-machinery');

let loading: Promise<UploadMachinery> | undefined;

/**
 * The upload entry, loaded on first use and then held. In the build, this
 * import becomes `import('@banter/core/uploads')` (see tsup.config.ts), so the
 * host's bundler makes it a chunk of its own. A failed load (the chunk could
 * not be fetched) is `unavailable`, retryable: the outbox tries the send
 * again later, and the next call loads again.
 */
export function loadUploadMachinery(): Promise<UploadMachinery> {
  loading ??= import('./upload-machinery').catch((error: unknown) => {
    loading = undefined;
    throw new ChatError('unavailable', 'the upload code could not be loaded', { cause: error });
  });
  return loading;
}
