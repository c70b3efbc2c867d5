import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientSocket,
  directBetween,
  nextEvent,
  ok,
  openSocket,
  request,
  signToken,
  startServer,
  type TestServer,
} from '../../test/harness';
import { pgliteStorage } from '../storage/pglite';

let db: PGlite;
let server: TestServer;
let strict: TestServer;
let n = 0;
/** What the strict server logged. */
const warnings: string[] = [];
const user = (name: string) => `${name}-${++n}`;

beforeAll(async () => {
  db = await PGlite.create();
  server = await startServer(db);
  strict = await startServer(db, {
    allowedOrigins: ['https://shop.example'],
    limits: { maxSocketsPerUser: 2, reauthGraceMs: 1_000 },
    logger: { warn: (message) => warnings.push(message), error: () => {} },
  });
});
afterAll(async () => {
  await server.close();
  await strict.close();
  await db.close();
});

/** The typed error a refused handshake carries, via `connect_error`. */
function refusal(socket: ClientSocket): Promise<{ message: string; data?: { code: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the handshake was accepted')));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error as never);
    });
  });
}

function unsignedToken(userId: string) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: userId, exp: Math.floor(Date.now() / 1000) + 60 })}.`;
}

describe('the socket handshake', () => {
  it('refuses missing, forged, unsigned, foreign and expired tokens with typed errors', async () => {
    const cases: [string, string][] = [
      ['', 'unauthenticated'],
      ['not-a-jwt', 'unauthenticated'],
      [unsignedToken('mallory'), 'unauthenticated'],
      [
        await signToken('mallory', {
          key: new TextEncoder().encode('some-other-secret-entirely-1234567'),
        }),
        'unauthenticated',
      ],
      [await signToken('mallory', { audience: 'another-app' }), 'unauthenticated'],
      [await signToken('mallory', { issuer: 'https://evil.test' }), 'unauthenticated'],
      [await signToken('mallory', { expiresInSec: -60 }), 'token_expired'],
    ];
    for (const [token, code] of cases) {
      const error = await refusal(openSocket(server.url, token));
      expect(error.data?.code, token).toBe(code);
      expect(error.message).toMatch(/unable to/);
    }
  });

  it('tells an accepted socket who it is and when its token expires, once its rooms are joined', async () => {
    const ann = user('ann');
    const socket = openSocket(server.url, await signToken(ann, { expiresInSec: 600 }));
    const session = await nextEvent(socket, 'session');
    expect(session.userId).toBe(ann);
    expect(Date.parse(session.expiresAt ?? '')).toBeGreaterThan(Date.now() + 500_000);
    socket.close();
  });

  it('refuses origins outside the allow-list, and accepts listed ones', async () => {
    const ann = user('ann');
    const token = await signToken(ann);
    const error = await refusal(openSocket(strict.url, token, 'https://evil.example'));
    expect(error.data?.code).toBe('origin_not_allowed');
    const accepted = await strict.connect(ann, { origin: 'https://shop.example' });
    expect(accepted.connected).toBe(true);
  });

  it('holds the allow-list on REST too, so a refused page cannot chat there instead, and logs each origin once', async () => {
    const token = await signToken(user('ann'));
    const list = (origin?: string) =>
      fetch(`${strict.url}/chat/conversations`, {
        headers: { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) },
      });
    const refused = await list('https://evil.example');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      ok: false,
      error: { code: 'origin_not_allowed', retryable: false },
    });
    expect((await list('https://shop.example')).status).toBe(200);
    // No Origin: another server or a native app, not a page.
    expect((await list()).status).toBe(200);
    await list('https://evil.example');
    await refusal(openSocket(strict.url, token, 'https://evil.example'));
    const aboutEvil = warnings.filter((w) => w.includes('https://evil.example'));
    // Once on each path (REST, socket), however often it knocks.
    expect(aboutEvil).toHaveLength(2);
    expect(aboutEvil[0]).toContain('add it to allowedOrigins');
  });

  it('holds the per-user cap when many connections arrive at once, even with slow storage', async () => {
    // Slow storage widens the gap between the cap check and the socket joining its user room.
    const storage = await pgliteStorage({ db, schema: `slow_${process.pid}` });
    const slow = new Proxy(storage, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        // Methods left alone still run on the real store (its private fields need it as `this`).
        if (key !== 'listConversationIds') return value.bind(target);
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          return value.apply(target, args);
        };
      },
    });
    const capped = await startServer(db, { storage: slow, limits: { maxSocketsPerUser: 2 } });
    const ann = user('ann');
    const token = await signToken(ann);
    const attempts = Array.from({ length: 6 }, () => openSocket(capped.url, token));
    const outcomes = await Promise.all(
      attempts.map(
        (socket) =>
          new Promise<string>((resolve) => {
            socket.once('connect', () => resolve('connected'));
            socket.once('connect_error', (error) =>
              resolve((error as { data?: { code: string } }).data?.code ?? 'error'),
            );
          }),
      ),
    );
    for (const socket of attempts) socket.close();
    await capped.close();
    expect(outcomes.filter((outcome) => outcome === 'connected')).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome === 'too_many_connections')).toHaveLength(4);
  });

  it('answers CORS for the long-polling transport from allowed origins only', async () => {
    const poll = (origin: string) =>
      fetch(`${strict.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const allowed = await poll('https://shop.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await poll('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a user’s connection beyond the per-user cap', async () => {
    const ann = user('ann');
    await strict.connect(ann);
    await strict.connect(ann);
    const error = await refusal(openSocket(strict.url, await signToken(ann)));
    expect(error.data?.code).toBe('too_many_connections');
    // Someone else is unaffected.
    expect((await strict.connect(user('bob'))).connected).toBe(true);
  });
});

describe('a token that expires while the socket is open', () => {
  it('refuses events with token_expired, warns, and disconnects after the grace period', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    // Set up on a long-lived socket, so a slow machine cannot spend the short token on setup.
    const conversationId = await directBetween(await strict.connect(ann), bob);
    const socket = await strict.connect(ann, { token: await signToken(ann, { expiresInSec: 2 }) });
    const warned = nextEvent(socket, 'auth:expired', undefined, 5_000);
    expect(await warned).toMatchObject({ disconnectInMs: 1_000 });
    const refused = await request(socket, 'message:send', {
      conversationId,
      clientId: 'late',
      body: 'hi',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'token_expired', retryable: true } });
    const reason = await new Promise((resolve) => socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
  });

  it('keeps the socket when the client re-authenticates with a fresh token for the same user', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const conversationId = await directBetween(await strict.connect(ann), bob);
    const socket = await strict.connect(ann, { token: await signToken(ann, { expiresInSec: 2 }) });
    await nextEvent(socket, 'auth:expired', undefined, 5_000);

    const someoneElse = await request(socket, 'auth:refresh', { token: await signToken(bob) });
    expect(someoneElse).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const refreshed = await ok(socket, 'auth:refresh', {
      token: await signToken(ann, { expiresInSec: 3600 }),
    });
    expect(refreshed.userId).toBe(ann);
    expect(Date.parse(refreshed.expiresAt ?? '')).toBeGreaterThan(Date.now() + 3_000_000);

    // Past the grace period: a socket that had not refreshed would be closed by now.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(socket.connected).toBe(true);
    const sent = await ok(socket, 'message:send', {
      conversationId,
      clientId: 'fresh',
      body: 'still here',
    });
    expect(sent.created).toBe(true);
  });
});
