import type { Request } from 'express';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { openSocket, useTestServer } from '../../test/harness';
import { createTokenIssuer } from './token-issuer';

const secret = 'a-host-secret-of-at-least-thirty-two-bytes!';
const tokens = createTokenIssuer({ secret, issuer: 'https://shop.example', audience: 'chat' });

// The host's Banter authenticates with the issuer's hook, and the host's own "session" is a
// header here: the route reads whatever the host's sign-in left on the request.
const server = useTestServer({ authenticate: tokens.authenticate });
const signedInUser = (req: Request) => req.header('x-test-user');

async function tokenRoute(user?: string) {
  if (!server.app.get('/api/chat-token')) {
    server.app.get('/api/chat-token', tokens.route(signedInUser));
  }
  return fetch(`${server.url}/api/chat-token`, {
    headers: user === undefined ? {} : { 'x-test-user': user },
  });
}

/** Connects with the token and resolves with the user id the server's session names, or the refusal. */
function handshake(token: string): Promise<{ userId: string } | { refused: string }> {
  const socket = openSocket(server.url, token);
  return new Promise((resolve) => {
    socket.once('session', (session) => {
      socket.disconnect();
      resolve({ userId: session.userId });
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve({ refused: error.message });
    });
  });
}

describe('createTokenIssuer', () => {
  it('issues HS256 tokens with sub, iat and exp that the paired authenticator accepts', async () => {
    const token = await tokens.issue('ann');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'ann', iss: 'https://shop.example', aud: 'chat' });
    const now = Math.floor(Date.now() / 1000);
    expect(claims.iat).toBeLessThanOrEqual(now);
    expect(claims.exp).toBeGreaterThan(now + 3500);
    expect(claims.exp).toBeLessThanOrEqual(now + 3600);
    await expect(handshake(token)).resolves.toEqual({ userId: 'ann' });
  });

  it('takes a lifetime per token, in seconds or as a span', async () => {
    const now = Math.floor(Date.now() / 1000);
    const inSeconds = decodeJwt(await tokens.issue('ann', { expiresIn: 90 }));
    expect(inSeconds.exp).toBeGreaterThanOrEqual(now + 90);
    expect(inSeconds.exp).toBeLessThanOrEqual(now + 91);
    const span = decodeJwt(await tokens.issue('ann', { expiresIn: '15m' }));
    expect(span.exp).toBeGreaterThanOrEqual(now + 900);
  });

  it('refuses, at the socket, a token signed with another secret or already expired', async () => {
    const other = createTokenIssuer({
      secret: `${secret}-other`,
      issuer: 'https://shop.example',
      audience: 'chat',
    });
    expect(await handshake(await other.issue('ann'))).toHaveProperty('refused');
    const key = new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ sub: 'ann', iss: 'https://shop.example', aud: 'chat' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(key);
    expect(await handshake(expired)).toHaveProperty('refused');
  });

  it('refuses a token without exp even when it is signed with the right secret', async () => {
    const token = await new SignJWT({ sub: 'ann', iss: 'https://shop.example', aud: 'chat' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(secret));
    expect(await handshake(token)).toHaveProperty('refused');
  });

  it('refuses a secret shorter than 32 bytes, and lifetimes that are not in the future', () => {
    expect(() => createTokenIssuer({ secret: 'too-short' })).toThrow(/at least 32 bytes/);
    expect(() => createTokenIssuer({ secret: new Uint8Array(31) })).toThrow(/at least 32 bytes/);
    expect(() => createTokenIssuer({ secret, expiresIn: 0 })).toThrow(TypeError);
    expect(() => createTokenIssuer({ secret, expiresIn: '-1h' })).toThrow(TypeError);
    expect(() => tokens.issue('ann', { expiresIn: Number.NaN })).toThrow(TypeError);
  });

  it('will not sign a user id the server would refuse', () => {
    for (const userId of ['', ' ann', 'ann\u0000', 'a'.repeat(129)]) {
      expect(() => tokens.issue(userId), JSON.stringify(userId)).toThrow(/user id/);
    }
  });
});

describe('tokens.route', () => {
  it("answers the signed-in user's token as text, not cached, and the token opens a socket", async () => {
    const response = await tokenRoute('bob');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = await response.text();
    expect(decodeJwt(token).sub).toBe('bob');
    await expect(handshake(token)).resolves.toEqual({ userId: 'bob' });
  });

  it('answers 401 with an empty body when nobody is signed in', async () => {
    const response = await tokenRoute();
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
  });

  it('the token works on the REST fallback too', async () => {
    const token = await (await tokenRoute('bob')).text();
    const response = await fetch(`${server.url}/chat/conversations`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });
});
