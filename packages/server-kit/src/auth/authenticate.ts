import type { IncomingHttpHeaders } from 'node:http';

/** Who a token belongs to, as the host's `authenticate` hook reports it. */
export interface AuthenticatedUser {
  /** The user's id, as your application knows it; it must pass the protocol's id rule. */
  userId: string;
  /** When the token stops being valid; the socket is then asked to re-authenticate. */
  expiresAt?: Date | null;
}

/** Where a token was presented, for hooks that treat the transports differently. */
export interface AuthContext {
  /** The socket handshake (or `auth:refresh`), or a REST request. */
  transport: 'socket' | 'rest';
  /** The handshake's or the request's HTTP headers. */
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
