import type { ChatError } from '../protocol';

/**
 * `error` as an instance of `As` when it is a ChatError of another class.
 * Every built entry of @banter/core carries its own ChatError class (no
 * shared chunks, see tsup.config.ts), so an error crossing between the
 * client and the lazily loaded upload entry is re-made with the same code
 * and fields: `instanceof`, and `ChatError.from` with it, then keep seeing
 * its code. Anything else is returned as it is.
 */
export function adoptChatError(error: unknown, As: typeof ChatError): unknown {
  if (error instanceof As || !(error instanceof Error) || error.name !== 'ChatError') return error;
  const foreign = error as ChatError;
  return new As(foreign.code, foreign.message, {
    retryAfterMs: foreign.retryAfterMs,
    issues: foreign.issues,
    limit: foreign.limit,
    cause: foreign.cause,
  });
}
