import { ChatError, protocolLimits } from '@banter/core/protocol';
import type { Logger } from '../logger';
import type { AuthContext, Authenticate, AuthenticatedUser } from './authenticate';

/**
 * Calls the host's `authenticate` hook and normalizes what it does: typed
 * refusals and `unavailable` (its key server is down) pass through, anything else it throws or returns becomes
 * `unauthenticated` (and is logged, since it is probably a bug in the hook).
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
  if (typeof userId !== 'string' || userId === '' || userId.length > protocolLimits.idLength) {
    logger.error('authenticate hook returned no usable userId');
    throw new ChatError('unauthenticated', 'unable to authenticate: no user for this token');
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
