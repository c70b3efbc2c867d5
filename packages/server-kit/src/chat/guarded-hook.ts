import { ChatError } from '@banter/core/protocol';
import type { Logger } from '../logger';

/**
 * Runs a host hook with a time limit. A hook that throws or hangs becomes a
 * retryable `unavailable` error; the server carries on.
 */
export async function callHook<T>(
  name: string,
  run: () => T | Promise<T>,
  timeoutMs: number,
  logger: Logger,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`hook ${name} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } catch (error) {
    logger.error(`hook ${name} failed`, { error: String(error) });
    throw new ChatError('unavailable', `the host's ${name} hook failed; retry later`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}
