import { ChatError } from '@banter/core/protocol';
import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';

/**
 * Wraps a store so that a database failure surfaces as a retryable
 * `unavailable` error, never as a crash or a stack trace sent to a client.
 * Domain errors (`ChatError`) pass through unchanged.
 */
export function guardStorage(storage: Storage, logger: Logger): Storage {
  return new Proxy(storage, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (error instanceof ChatError) throw error;
          logger.error('storage call failed', { call: String(property), error: String(error) });
          throw new ChatError('unavailable', 'storage is unavailable; retry later', {
            cause: error,
          });
        }
      };
    },
  });
}
