import { ChatError } from '../protocol';

/**
 * `load` called on first use and its result then held, for an entry of
 * @banter/core loaded by dynamic import (see tsup.config.ts). A failed load
 * (the chunk could not be fetched) is `unavailable`, retryable, and is not
 * held: the caller (the outbox, the requester's caller) tries again later and
 * the next call loads again.
 */
export function loadLazily<T>(load: () => Promise<T>, what: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new ChatError('unavailable', `${what} could not be loaded`, { cause: error });
    });
    return loading;
  };
}
