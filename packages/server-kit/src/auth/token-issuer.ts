import { idProblem } from '@banter/core/protocol';
import type { Request, RequestHandler } from 'express';
import { SignJWT } from 'jose';
import type { Authenticate } from './authenticate';
import { createJwtAuthenticator } from './jwt';

/** The secret `createTokenIssuer` signs with, and the claims it sets on every token. */
export interface TokenIssuerOptions {
  /**
   * The HS256 signing secret, at least 32 bytes (256 bits), e.g. 32 random bytes in base64 from
   * `openssl rand -base64 32`, kept in your server's environment. Never send it to a browser.
   */
  secret: string | Uint8Array;
  /** How long a token lives: seconds, or a span such as `'15m'` or `'2h'`. Default `'1h'`. */
  expiresIn?: number | string;
  /** The `iss` claim to set and require. Default none. */
  issuer?: string;
  /** The `aud` claim to set and require. Default none. */
  audience?: string;
}

/**
 * Chat tokens for a host without its own JWT setup: one secret, the tokens it signs, and the
 * `authenticate` hook that accepts exactly those tokens.
 */
export interface TokenIssuer {
  /**
   * A signed HS256 token naming `userId` in `sub`, with `iat` and `exp` always set. Throws a
   * `TypeError` for an id the protocol refuses (empty, over 128 units, control characters).
   */
  issue(userId: string, options?: { expiresIn?: number | string }): Promise<string>;
  /** Pass as `createBanter({ authenticate })`: verifies the tokens `issue` signs. */
  authenticate: Authenticate;
  /**
   * An Express handler answering a token for your signed-in user, as `text/plain` with
   * `Cache-Control: no-store`. `getUserId` reads your own session; when it returns no id, the
   * answer is 401 with an empty body (a client's `getToken` then fails instead of sending it).
   *
   * @example
   * app.get('/api/chat-token', tokens.route((req) => req.session.userId));
   */
  route(
    getUserId: (req: Request) => string | null | undefined | Promise<string | null | undefined>,
  ): RequestHandler;
}

const minimumSecretBytes = 32;

/**
 * Signs chat tokens with a secret only your server knows, and verifies them for Banter.
 *
 * @example
 * const tokens = createTokenIssuer({ secret: process.env.CHAT_TOKEN_SECRET! });
 * const banter = createBanter({ storage, authenticate: tokens.authenticate });
 * app.get('/api/chat-token', tokens.route((req) => req.user?.id));
 */
export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  const key = typeof options.secret === 'string' ? encode(options.secret) : options.secret;
  if (!(key instanceof Uint8Array) || key.length < minimumSecretBytes) {
    // A short HMAC secret can be guessed offline from any one token.
    throw new TypeError(
      `secret must be at least ${minimumSecretBytes} bytes: use 32 random bytes, e.g. \`openssl rand -base64 32\``,
    );
  }
  const defaultExpiry = checkExpiry(options.expiresIn ?? '1h');
  const { issuer, audience } = options;

  const issue: TokenIssuer['issue'] = (userId, { expiresIn } = {}) => {
    const problem = typeof userId === 'string' ? idProblem(userId) : 'is not a string';
    if (problem !== null) throw new TypeError(`unable to issue a chat token: user id ${problem}`);
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(
        relative(expiresIn === undefined ? defaultExpiry : checkExpiry(expiresIn)),
      );
    if (issuer !== undefined) jwt.setIssuer(issuer);
    if (audience !== undefined) jwt.setAudience(audience);
    return jwt.sign(key);
  };

  return {
    issue,
    authenticate: createJwtAuthenticator({ secret: key, algorithms: ['HS256'], issuer, audience }),
    route: (getUserId) => async (req, res, next) => {
      try {
        const userId = await getUserId(req);
        res.set('Cache-Control', 'no-store');
        if (userId === null || userId === undefined) {
          res.status(401).type('text/plain').send('');
          return;
        }
        res.type('text/plain').send(await issue(userId));
      } catch (error) {
        next(error);
      }
    },
  };
}

function encode(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Seconds must be positive; a span string is checked by jose when signing. */
function checkExpiry(expiresIn: number | string): number | string {
  if (typeof expiresIn === 'number' && !(Number.isFinite(expiresIn) && expiresIn > 0)) {
    throw new TypeError('expiresIn must be a positive number of seconds or a span such as "1h"');
  }
  if (typeof expiresIn === 'string' && /^\s*-|ago\s*$/i.test(expiresIn)) {
    throw new TypeError('expiresIn must be in the future');
  }
  return expiresIn;
}

/** jose reads a bare number as a timestamp: make seconds relative to now. */
function relative(expiresIn: number | string): number | string {
  return typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn;
}
