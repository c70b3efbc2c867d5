import { SignJWT } from 'jose';
import { createJwtAuthenticator } from '../src/auth/jwt';

/** Shared with server processes started by multi-process tests. */
export const testJwtSecret = 'test-secret-that-is-long-enough-for-hs256';
const secret = new TextEncoder().encode(testJwtSecret);
const issuer = 'https://auth.test';
const audience = 'banter-tests';

export interface TokenOptions {
  expiresInSec?: number;
  audience?: string;
  issuer?: string;
  key?: Uint8Array;
}

export function signToken(userId: string, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSec ?? 3600))
    .sign(options.key ?? secret);
}

/** The authenticator test servers use: it accepts what `signToken` makes. */
export const testAuthenticator = () =>
  createJwtAuthenticator({ secret, algorithms: ['HS256'], issuer, audience });
