import { ChatError, idProblem } from '@banter/core/protocol';
import { isReservedUserId } from '../admin/host-senders';
import type { Logger } from '../logger';
import type { AuthContext, Authenticate, AuthenticatedUser } from './authenticate';

/**
 * Calls the host's `authenticate` hook and normalizes what it does: typed
 * refusals and `unavailable` (its key server is down) pass through, anything
 * else it throws becomes `unauthenticated` (and is logged, since it is probably
 * a bug in the hook). A user id that breaks the id rule (input-rules.ts) is a
 * non-retryable `unauthenticated` on both transports.
 */
export async function verifyToken(
  authenticate: Authenticate,
  token: string,
  context: AuthContext,
  logger: Logger,
): Promise<Required<AuthenticatedUser>> {
  let user: AuthenticatedUser;
  try {
    user = await authenticate(token, context);
  } catch (error) {
    const passThrough = ['unauthenticated', 'token_expired', 'unavailable'];
    if (error instanceof ChatError && passThrough.includes(error.code)) throw error;
    if (!(error instanceof ChatError))
      logger.warn('authenticate hook threw', { error: String(error) });
    throw new ChatError('unauthenticated', 'unable to authenticate: token refused', {
      cause: error,
    });
  }
  const userId = user?.userId;
  // The same rule as ids in payloads: a user id is never trimmed or repaired, so two tokens
  // with different ids can never act as one user (`"eve\uD800"` would be stored as `"eve\uFFFD"`).
  const problem =
    typeof userId !== 'string'
      ? 'must be a string'
      : (idProblem(userId) ??
        // Banter's own senders (the system, bots, erased users): no token may act as them.
        (isReservedUserId(userId) ? 'must not start with "banter:" (reserved)' : null));
  if (typeof userId !== 'string' || problem !== null) {
    logger.error('authenticate hook returned no usable userId', { problem });
    throw new ChatError(
      'unauthenticated',
      `unable to authenticate: the user id for this token ${problem}`,
    );
  }
  const expiresAt = user.expiresAt ?? null;
  if (expiresAt !== null && expiresAt.getTime() <= Date.now()) {
    throw new ChatError('token_expired', 'unable to authenticate: token expired');
  }
  return { userId, expiresAt };
}

/** Reads `Authorization: Bearer <token>`; null when absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
