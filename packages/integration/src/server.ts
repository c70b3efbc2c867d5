import type { BanterOptions } from '@banter/server-kit';
import { type TestServerOptions, useTestServer } from '@banter/server-kit/test/harness';

/** Rate limits wide open: tests of the client are about correctness, not throttling. */
export const roomyLimits = {
  sendRate: { perSecond: 1_000, burst: 1_000 },
  requestRate: { perSecond: 1_000, burst: 2_000 },
} satisfies BanterOptions['limits'];

/**
 * server-kit's `useTestServer` for the real client: one server for the file, started before
 * its tests and closed after them, with limits that stay out of the way unless overridden.
 */
export function useChatServer(
  overrides: Partial<BanterOptions> = {},
  options: TestServerOptions = {},
) {
  return useTestServer({ ...overrides, limits: { ...roomyLimits, ...overrides.limits } }, options);
}

/** Short heartbeats: a link that goes silent is declared dead in about half a second. */
export const quickHeartbeat = { pingInterval: 200, pingTimeout: 300 };
