import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { openSocket, testJwtSecret, useTestServer } from '../../test/harness';

// The harness's test authenticator: HS256 with this issuer and audience.
const issuer = 'https://auth.test';
const audience = 'banter-tests';

const server = useTestServer();

/** A token the test authenticator would accept, but for its claims. */
function tokenWith(claims: { sub: string; iat?: number }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(testJwtSecret));
}

async function overRest(token: string) {
  const response = await fetch(`${server.url}/chat/conversations`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
}

/** The handshake's answer: the error code of `connect_error`, or `connected`. */
function overSocket(token: string): Promise<unknown> {
  const socket = openSocket(server.url, token);
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      resolve(error.data);
    });
  });
}

const tenYears = 10 * 365 * 24 * 3600;
const refused = {
  'a NUL in sub': () => tokenWith({ sub: 'eve\u0000' }),
  'an unpaired surrogate in sub': () => tokenWith({ sub: 'eve\uD800' }),
  'an iat ten years in the future': () =>
    tokenWith({ sub: 'eve', iat: Math.floor(Date.now() / 1000) + tenYears }),
};

describe('user ids from tokens, on both transports', () => {
  for (const [label, make] of Object.entries(refused)) {
    it(`refuses a token with ${label} as non-retryable unauthenticated`, async () => {
      const token = await make();
      const rest = await overRest(token);
      expect(rest.status).toBe(401);
      expect(rest.body.error).toMatchObject({ code: 'unauthenticated', retryable: false });
      expect(await overSocket(token)).toMatchObject({
        code: 'unauthenticated',
        retryable: false,
      });
    });
  }

  it('never lets "eve\\uD800" read the conversations of "eve\\uFFFD"', async () => {
    const owner = await server.connect('eve\uFFFD');
    const created = await new Promise<{ ok: boolean }>((resolve) =>
      owner.emit('conversation:create', { kind: 'direct', userId: 'bob' }, resolve),
    );
    expect(created.ok).toBe(true);
    const impostor = await overRest(await tokenWith({ sub: 'eve\uD800' }));
    expect(impostor.status).toBe(401);
    const real = await overRest(await tokenWith({ sub: 'eve\uFFFD' }));
    expect(real.body.data.conversations).toHaveLength(1);
  });
});
