import type { IncomingHttpHeaders } from 'node:http';

/** Who a token belongs to, as the host's `authenticate` hook reports it. */
export interface AuthenticatedUser {
  userId: string;
  /** When the token stops being valid; the socket is then asked to re-authenticate. */
  expiresAt?: Date | null;
}

export interface AuthContext {
  transport: 'socket' | 'rest';
  headers: IncomingHttpHeaders;
}

/**
 * The host's hook: turn a bearer token into a user. Refuse by throwing
 * `ChatError('unauthenticated' | 'token_expired', reason)`; any other throw is
 * logged and treated as `unauthenticated`.
 */
export type Authenticate = (
  token: string,
  context: AuthContext,
) => AuthenticatedUser | Promise<AuthenticatedUser>;
