import { loadLazily } from '../lazy-entries/load-lazily';

/** What `@banter/core/uploads` holds (see upload-machinery.ts). */
export type UploadMachinery = typeof import('./upload-machinery');

/**
 * The upload entry, loaded on first use and then held. In the build, this
 * import becomes `import('@banter/core/uploads')` (see tsup.config.ts), so the
 * host's bundler makes it a chunk of its own. A failed load is a retryable
 * `unavailable` (see loadLazily): the outbox tries the send again later.
 */
export const loadUploadMachinery: () => Promise<UploadMachinery> = loadLazily(
  () => import('./upload-machinery'),
  'the upload code',
);
