import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { directBetween, ok, request, startServer, type TestServer } from '../../test/harness';
import type { BanterHooks, OnMessageContext } from '../hooks';

let db: PGlite;
let n = 0;
const user = (name: string) => `${name}-${++n}`;

beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db.close();
});

async function withHooks(hooks: BanterHooks, run: (server: TestServer) => Promise<void>) {
  const server = await startServer(db, { hooks, limits: { hookTimeoutMs: 300 } });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

describe('host hooks', () => {
  it('beforeMessage can refuse a message with a reason, and nothing is stored', async () => {
    const beforeMessage: BanterHooks['beforeMessage'] = ({ message }) =>
      message.body.includes('bank details')
        ? { reject: 'sharing payment details is not allowed' }
        : undefined;
    await withHooks({ beforeMessage }, async (server) => {
      const [ann, bob] = [user('ann'), user('bob')];
      const socket = await server.connect(ann);
      const conversationId = await directBetween(socket, bob);
      const refused = await request(socket, 'message:send', {
        conversationId,
        clientId: '1',
        body: 'my bank details',
      });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'rejected',
          message: 'unable to send message: sharing payment details is not allowed',
          retryable: false,
        },
      });
      const fine = await ok(socket, 'message:send', {
        conversationId,
        clientId: '2',
        body: 'see you at 5',
      });
      expect(fine.message.seq).toBe(1);
    });
  });

  it('a beforeMessage that throws or hangs gives a retryable error and the server carries on', async () => {
    let mode: 'throw' | 'hang' | 'fine' = 'throw';
    const beforeMessage: BanterHooks['beforeMessage'] = () => {
      if (mode === 'throw') throw new Error('moderation service down');
      if (mode === 'hang') return new Promise(() => {});
    };
    await withHooks({ beforeMessage }, async (server) => {
      const [ann, bob] = [user('ann'), user('bob')];
      const socket = await server.connect(ann);
      const conversationId = await directBetween(socket, bob);
      const send = { conversationId, clientId: 'x', body: 'hello' };
      expect(await request(socket, 'message:send', send)).toMatchObject({
        ok: false,
        error: { code: 'unavailable', retryable: true },
      });
      mode = 'hang';
      expect(await request(socket, 'message:send', send)).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
      mode = 'fine';
      expect((await ok(socket, 'message:send', send)).message.seq).toBe(1);
    });
  });

  it('onMessage runs after commit with the recipients’ online state, and its failure fails no send', async () => {
    const calls: OnMessageContext[] = [];
    const onMessage = vi.fn((context: OnMessageContext) => {
      calls.push(context);
      throw new Error('push service down');
    });
    await withHooks({ onMessage }, async (server) => {
      const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
      const annSocket = await server.connect(ann);
      await server.connect(bob);
      const { conversation } = await ok(annSocket, 'conversation:create', {
        kind: 'group',
        participantIds: [bob, cat],
      });
      const { message } = await ok(annSocket, 'message:send', {
        conversationId: conversation.id,
        clientId: 'n',
        body: 'ping',
      });
      await vi.waitFor(() => expect(onMessage).toHaveBeenCalledTimes(1));
      expect(calls[0]?.message).toEqual(message);
      expect(calls[0]?.recipients.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
        { userId: bob, online: true },
        { userId: cat, online: false },
      ]);
      // A retry of the same send is not news: no second notification.
      await ok(annSocket, 'message:send', {
        conversationId: conversation.id,
        clientId: 'n',
        body: 'ping',
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(onMessage).toHaveBeenCalledTimes(1);
    });
  });

  it('looks up and searches users through the host, filling gaps for unknown ids', async () => {
    const people = [
      { id: 'u-ann', name: 'Ann Lee', avatarUrl: 'https://cdn.example/ann.png' },
      { id: 'u-bob', name: 'Bob Ray' },
    ];
    const hooks: BanterHooks = {
      getUsers: (ids) => people.filter((p) => ids.includes(p.id)),
      searchUsers: (query, { userId }) =>
        people.filter((p) => p.id !== userId && p.name.toLowerCase().includes(query.toLowerCase())),
    };
    await withHooks(hooks, async (server) => {
      const socket = await server.connect('u-ann');
      expect(await ok(socket, 'user:get', { userIds: ['u-bob', 'ghost', 'u-bob'] })).toEqual([
        { id: 'u-bob', name: 'Bob Ray' },
        { id: 'ghost', name: 'ghost' },
      ]);
      expect(await ok(socket, 'user:search', { query: 'ra' })).toEqual([
        { id: 'u-bob', name: 'Bob Ray' },
      ]);
      expect(await request(socket, 'user:search', { query: '' })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    });
  });
});
