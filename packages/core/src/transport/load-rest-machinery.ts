import { loadLazily } from '../lazy-entries/load-lazily';

/** What `@banter/core/rest` holds (see rest-machinery.ts). */
export type RestMachinery = typeof import('./rest-machinery');

/**
 * The REST entry, loaded on first need (or prefetched) and then held. In the
 * build, this import becomes `import('@banter/core/rest')` (see
 * tsup.config.ts). A failed load is a retryable `unavailable` (see loadLazily).
 */
export const loadRestMachinery: () => Promise<RestMachinery> = loadLazily(
  () => import('./rest-machinery'),
  'the REST fallback code',
);
