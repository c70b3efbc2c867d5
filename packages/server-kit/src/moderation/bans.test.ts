import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorPayload } from '@banter/core/protocol';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientSocket,
  directBetween,
  disconnection,
  nextEvent,
  ok,
  openSocket,
  restCall,
  signToken,
  startExtraServer,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';
import { testAuthenticator } from '../../test/tokens';
import { createBanter } from '../create-banter';
import { silentLogger } from '../logger';
import { socketBroadcaster } from '../socket/socket-broadcaster';
import type { Storage } from '../storage/storage';
import { Bans } from './bans';

const server = useTestServer();
const user = uniqueUsers();
let bans: Bans;

/** A second node: its own Banter and HTTP server over the same database, sharing no memory with the first. */
let otherNode: { url: string; close(): Promise<void> };

beforeAll(async () => {
  // Bans as the host's admin API on the first node would make them: over the shared store and the namespace.
  bans = new Bans({
    storage: server.storage,
    broadcaster: () => socketBroadcaster(server.namespace),
    now: () => new Date(),
  });
  const banter = createBanter({
    storage: server.storage,
    authenticate: testAuthenticator(),
    logger: silentLogger,
  });
  const app = express();
  app.use('/chat', banter.router);
  const http = createServer(app);
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  otherNode = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: async () => {
      await banter.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
});
afterAll(async () => {
  await otherNode?.close();
});

/** How a handshake ended: the typed refusal, or null when it was accepted. */
async function handshakeOf(userId: string): Promise<ErrorPayload | null> {
  const socket = openSocket(server.url, await signToken(userId));
  try {
    return await new Promise((resolve) => {
      socket.once('connect', () => resolve(null));
      socket.once('connect_error', (error) =>
        resolve((error as { data?: ErrorPayload }).data ?? null),
      );
    });
  } finally {
    socket.close();
  }
}

describe('a ban', () => {
  it('ends every session of the user with session:ended, then a disconnect, and leaves others alone', async () => {
    const [eve, bob] = [user('eve'), user('bob')];
    const phone = await server.connect(eve);
    const laptop = await server.connect(eve);
    const bystander = await server.connect(bob);
    const ended = [phone, laptop].map((socket) => ({
      event: nextEvent(socket, 'session:ended'),
      disconnect: disconnection(socket),
    }));

    expect(await bans.ban(eve, { reason: 'spam' })).toEqual({ banned: true, created: true });

    for (const { event, disconnect } of ended) {
      expect(await event).toEqual({
        code: 'banned',
        message: 'you are banned: spam',
        retryable: false,
      });
      expect(await disconnect).toBe('io server disconnect');
    }
    expect(bystander.connected).toBe(true);
    expect(await ok(bystander, 'conversation:list', {})).toMatchObject({ conversations: [] });
  });

  it('refuses the handshake of a banned user with a valid token, until the unban', async () => {
    const eve = user('eve');
    expect(await handshakeOf(eve)).toBeNull();
    await bans.ban(eve);
    expect(await handshakeOf(eve)).toEqual({
      code: 'banned',
      message: 'you are banned',
      retryable: false,
    });
    expect(await bans.unban(eve)).toEqual({ banned: false, removed: true });
    expect(await handshakeOf(eve)).toBeNull();
  });

  it('refuses every REST call of a banned user with 403 banned, on a node that did not make the ban', async () => {
    const [eve, bob] = [user('eve'), user('bob')];
    const socket = await server.connect(eve);
    const conversationId = await directBetween(socket, bob);
    await bans.ban(eve, { reason: 'abuse' });

    const calls = [
      restCall(otherNode.url, eve, 'GET', '/conversations'),
      restCall(otherNode.url, eve, 'POST', `/conversations/${conversationId}/messages`, {
        clientId: 'after-ban',
        body: 'let me in',
      }),
      restCall(server.url, eve, 'GET', `/conversations/${conversationId}/messages`),
    ];
    for (const answer of await Promise.all(calls)) {
      expect(answer).toEqual({
        status: 403,
        body: {
          ok: false,
          error: { code: 'banned', message: 'you are banned: abuse', retryable: false },
        },
      });
    }
    // Nothing of the refused send was stored; the other user still reads the conversation.
    const bobView = await restCall<{ messages: unknown[] }>(
      otherNode.url,
      bob,
      'GET',
      `/conversations/${conversationId}/messages`,
    );
    expect(bobView.body).toEqual({ ok: true, data: expect.objectContaining({ messages: [] }) });

    await bans.unban(eve);
    const back = await restCall(otherNode.url, eve, 'GET', `/conversations/${conversationId}`);
    expect(back.status).toBe(200);
  });

  it('catches a socket whose handshake read the store just before the ban committed', async () => {
    const eve = user('eve');
    let racing: Bans | undefined;
    let first = true;
    // The handshake's read answers "not banned", and the ban (with its disconnect, which finds
    // no socket in the user's room yet) commits before the handshake goes on.
    const stale = (storage: Storage): Storage =>
      new Proxy(storage, {
        get(target, key) {
          if (key !== 'getBan') {
            const value = Reflect.get(target, key);
            return typeof value === 'function' ? value.bind(target) : value;
          }
          return async (userId: string) => {
            const answer = await target.getBan(userId);
            if (userId === eve && first && racing) {
              first = false;
              await racing.ban(eve, { reason: 'raced' });
            }
            return answer;
          };
        },
      });
    const extra = await startExtraServer({}, { storage: stale });
    try {
      racing = new Bans({
        storage: extra.storage,
        broadcaster: () => socketBroadcaster(extra.namespace),
        now: () => new Date(),
      });
      const socket = openSocket(extra.url, await signToken(eve));
      const ended = nextEvent(socket, 'session:ended');
      const gone = disconnection(socket);
      expect((await ended).code).toBe('banned');
      expect(await gone).toBe('io server disconnect');
    } finally {
      await extra.close();
    }
  });

  it('lets an unbanned user back in with everything they had', async () => {
    const [eve, bob] = [user('eve'), user('bob')];
    const first = await server.connect(eve);
    const conversationId = await directBetween(first, bob);
    await ok(first, 'message:send', { conversationId, clientId: 'before', body: 'hi' });
    const gone = disconnection(first);
    await bans.ban(eve);
    await gone;
    await bans.unban(eve);
    const again: ClientSocket = await server.connect(eve);
    const page = await ok(again, 'message:list', { conversationId });
    expect(page.messages.map((m) => m.body)).toEqual(['hi']);
  });

  it('is idempotent both ways, and refuses a malformed user id or reason as bad_request', async () => {
    const eve = user('eve');
    expect(await bans.unban(eve)).toEqual({ banned: false, removed: false });
    await bans.ban(eve, { reason: 'first' });
    expect(await bans.ban(eve, { reason: 'second' })).toEqual({ banned: true, created: false });
    expect(await bans.isBanned(eve)).toBe(true);
    await expect(bans.ban('')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(bans.ban(' eve ')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(bans.ban(user('x'), { reason: 'r'.repeat(501) })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(bans.ban(user('x'), { reason: 'a\u0000b' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await bans.unban(eve);
    expect(await bans.isBanned(eve)).toBe(false);
  });
});
