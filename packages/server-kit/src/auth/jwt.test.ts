import { ChatError } from '@banter/core/protocol';
import { exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AuthContext } from './authenticate';
import { createJwtAuthenticator } from './jwt';

const secret = 'a-shared-secret-of-at-least-thirty-two-bytes';
const context: AuthContext = { transport: 'socket', headers: {} };
const nowSec = () => Math.floor(Date.now() / 1000);

type SigningKey = Parameters<SignJWT['sign']>[0];

function sign(
  payload: JWTPayload,
  { alg = 'HS256', key = new TextEncoder().encode(secret) as SigningKey } = {},
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

/** A valid payload for `alice`, expiring in an hour. */
const claims = (extra: JWTPayload = {}): JWTPayload => ({
  sub: 'alice',
  exp: nowSec() + 3600,
  ...extra,
});

async function refusalOf(result: unknown): Promise<ChatError> {
  try {
    await result;
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error('expected the token to be refused');
}

const hs256 = (extra: Partial<Parameters<typeof createJwtAuthenticator>[0]> = {}) =>
  createJwtAuthenticator({ secret, algorithms: ['HS256'], ...extra });

describe('createJwtAuthenticator', () => {
  describe('accepting tokens', () => {
    it('accepts a valid HS256 token and returns the user id and expiry', async () => {
      const exp = nowSec() + 3600;
      const user = await hs256()(await sign(claims({ exp })), context);
      expect(user).toEqual({ userId: 'alice', expiresAt: new Date(exp * 1000) });
    });

    it('reads the user id from a custom claim', async () => {
      const authenticate = hs256({ userIdClaim: 'uid' });
      const user = await authenticate(await sign(claims({ uid: 'user-42' })), context);
      expect(user.userId).toBe('user-42');
    });

    it('accepts a token with the expected issuer and audience', async () => {
      const authenticate = hs256({ issuer: 'https://id.example.com', audience: ['chat', 'api'] });
      const token = await sign(claims({ iss: 'https://id.example.com', aud: 'chat' }));
      expect((await authenticate(token, context)).userId).toBe('alice');
    });

    it('accepts a token without exp when requireExpiry is false, with a null expiry', async () => {
      const authenticate = hs256({ requireExpiry: false });
      const user = await authenticate(await sign({ sub: 'alice' }), context);
      expect(user).toEqual({ userId: 'alice', expiresAt: null });
    });

    it('verifies ES256 tokens against a public CryptoKey', async () => {
      const { publicKey, privateKey } = await generateKeyPair('ES256');
      const authenticate = createJwtAuthenticator({ publicKey, algorithms: ['ES256'] });
      const token = await sign(claims(), { alg: 'ES256', key: privateKey });
      expect((await authenticate(token, context)).userId).toBe('alice');
    });

    it('verifies RS256 tokens against a PEM public key', async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
      const pem = await exportSPKI(publicKey);
      const authenticate = createJwtAuthenticator({ publicKey: pem, algorithms: ['RS256'] });
      const token = await sign(claims(), { alg: 'RS256', key: privateKey });
      expect((await authenticate(token, context)).userId).toBe('alice');
    });
  });

  describe('refusing forged or mismatched tokens', () => {
    it('refuses an unsigned token with alg "none"', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`;
      const error = await refusalOf(hs256()(token, context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token algorithm is not allowed');
    });

    it('refuses a token signed with another secret', async () => {
      const token = await sign(claims(), { key: new TextEncoder().encode(`${secret}-other`) });
      const error = await refusalOf(hs256()(token, context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token signature is invalid');
    });

    it('refuses an HS512 token when only HS256 is allowed', async () => {
      const error = await refusalOf(hs256()(await sign(claims(), { alg: 'HS512' }), context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token algorithm is not allowed');
    });

    it('refuses an RS256 token presented to an HS256 authenticator', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await sign(claims(), { alg: 'RS256', key: privateKey });
      const error = await refusalOf(hs256()(token, context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token algorithm is not allowed');
    });

    it('refuses a token from another issuer', async () => {
      const authenticate = hs256({ issuer: 'https://id.example.com' });
      const token = await sign(claims({ iss: 'https://evil.example.com' }));
      const error = await refusalOf(authenticate(token, context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token issuer is not accepted');
    });

    it('refuses a token meant for another audience', async () => {
      const authenticate = hs256({ audience: 'chat' });
      const error = await refusalOf(authenticate(await sign(claims({ aud: 'billing' })), context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token audience is not accepted');
    });

    it('refuses a malformed token', async () => {
      const error = await refusalOf(hs256()('not.a-jwt', context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token is malformed');
    });

    it("keeps jose's error as the cause and no stack trace in the message", async () => {
      const token = await sign(claims(), { key: new TextEncoder().encode(`${secret}-other`) });
      const error = await refusalOf(hs256()(token, context));
      expect(error.cause).toBeInstanceOf(Error);
      expect(error.message).not.toMatch(/\n|at /);
    });
  });

  describe('key server trouble', () => {
    it('answers unavailable, not unauthenticated, when the JWKS endpoint cannot be reached', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .sign(privateKey);
      // Port 9 (discard) on loopback: nothing listens there, so the fetch is refused at once.
      const verify = createJwtAuthenticator({
        jwksUrl: 'http://127.0.0.1:9/jwks.json',
        algorithms: ['ES256'],
      });
      const error = await Promise.resolve(verify(token, context)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ChatError);
      expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    });
  });

  describe('time', () => {
    it('refuses an expired token with token_expired', async () => {
      const error = await refusalOf(hs256()(await sign(claims({ exp: nowSec() - 30 })), context));
      expect(error.code).toBe('token_expired');
      expect(error.retryable).toBe(true);
    });

    it('accepts a token expired by less than the clock tolerance', async () => {
      const exp = nowSec() - 2;
      const user = await hs256()(await sign(claims({ exp })), context);
      expect(user.expiresAt).toEqual(new Date(exp * 1000));
    });

    it('refuses a token expired by more than a custom clock tolerance', async () => {
      const authenticate = hs256({ clockToleranceSec: 10 });
      const error = await refusalOf(
        authenticate(await sign(claims({ exp: nowSec() - 30 })), context),
      );
      expect(error.code).toBe('token_expired');
    });

    it('refuses a token that is not valid yet', async () => {
      const error = await refusalOf(hs256()(await sign(claims({ nbf: nowSec() + 60 })), context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token is not yet valid');
    });

    it('refuses a token issued ten years in the future', async () => {
      const iat = nowSec() + 10 * 365 * 24 * 3600;
      const error = await refusalOf(hs256()(await sign(claims({ iat })), context));
      expect([error.code, error.retryable]).toEqual(['unauthenticated', false]);
      expect(error.message).toBe('unable to authenticate: token was issued in the future');
    });

    it('accepts a token issued ahead of the clock by less than the tolerance', async () => {
      const user = await hs256()(await sign(claims({ iat: nowSec() + 2 })), context);
      expect(user.userId).toBe('alice');
    });

    it('refuses a token without exp by default', async () => {
      const error = await refusalOf(hs256()(await sign({ sub: 'alice' }), context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('unable to authenticate: token has no "exp" claim');
    });
  });

  describe('user id', () => {
    it('refuses a token without sub', async () => {
      const error = await refusalOf(hs256()(await sign({ exp: nowSec() + 60 }), context));
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toMatch(/"sub" claim/);
    });

    it('refuses an empty sub', async () => {
      const error = await refusalOf(hs256()(await sign(claims({ sub: '' })), context));
      expect(error.code).toBe('unauthenticated');
    });

    it('refuses a user id longer than 128 characters', async () => {
      const error = await refusalOf(hs256()(await sign(claims({ sub: 'a'.repeat(129) })), context));
      expect(error.code).toBe('unauthenticated');
    });

    it('refuses a sub that payload ids could not name: unpaired surrogate, NUL, control, padding', async () => {
      for (const sub of ['eve\uD800', 'eve\u0000', 'eve\n', ' eve', '\u200B']) {
        const error = await refusalOf(hs256()(await sign(claims({ sub })), context));
        expect([error.code, error.retryable], JSON.stringify(sub)).toEqual([
          'unauthenticated',
          false,
        ]);
      }
    });

    it('keeps two subs apart that a lossy decoding would merge', async () => {
      const user = await hs256()(await sign(claims({ sub: 'eve\uFFFD' })), context);
      expect(user.userId).toBe('eve\uFFFD');
      await refusalOf(hs256()(await sign(claims({ sub: 'eve\uD800' })), context));
    });

    it('refuses a custom user id claim that is not a string', async () => {
      const authenticate = hs256({ userIdClaim: 'uid' });
      const error = await refusalOf(authenticate(await sign(claims({ uid: 42 })), context));
      expect(error.message).toMatch(/"uid" claim/);
    });
  });

  describe('configuration', () => {
    it('throws when no algorithm is allowed', () => {
      expect(() => createJwtAuthenticator({ secret, algorithms: [] })).toThrow(TypeError);
    });

    it('throws when "none" is allowed, in any case', () => {
      expect(() => createJwtAuthenticator({ secret, algorithms: ['HS256', 'None'] })).toThrow(
        TypeError,
      );
    });

    it('throws when no key source is given', () => {
      expect(() => createJwtAuthenticator({ algorithms: ['HS256'] })).toThrow(TypeError);
    });

    it('throws when several key sources are given', () => {
      expect(() =>
        createJwtAuthenticator({
          secret,
          jwksUrl: 'https://id.example.com/jwks.json',
          algorithms: ['HS256'],
        }),
      ).toThrow(TypeError);
    });

    it('throws when a secret is paired with a public-key algorithm', () => {
      expect(() => createJwtAuthenticator({ secret, algorithms: ['RS256'] })).toThrow(TypeError);
    });
  });
});
