import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  collect,
  directBetween,
  nextEvent,
  ok,
  request,
  startServer,
  type TestServer,
} from '../../test/harness';
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

  it('onMessage runs after commit with the recipients’ online and mentioned state, and its failure fails no send', async () => {
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
        body: 'ping cat',
        mentions: [{ userId: cat, start: 5, end: 8 }],
      });
      await vi.waitFor(() => expect(onMessage).toHaveBeenCalledTimes(1));
      expect(calls[0]?.message).toEqual(message);
      expect(calls[0]?.recipients.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
        { userId: bob, online: true, mentioned: false },
        { userId: cat, online: false, mentioned: true },
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
    const viewers: string[] = [];
    const hooks: BanterHooks = {
      getUsers: (ids, { viewerId }) => {
        viewers.push(viewerId);
        return people.filter((p) => ids.includes(p.id));
      },
      searchUsers: (query, { userId }) =>
        people.filter((p) => p.id !== userId && p.name.toLowerCase().includes(query.toLowerCase())),
    };
    await withHooks(hooks, async (server) => {
      const socket = await server.connect('u-ann');
      expect(await ok(socket, 'user:get', { userIds: ['u-bob', 'ghost', 'u-bob'] })).toEqual([
        { id: 'u-bob', name: 'Bob Ray' },
        { id: 'ghost', name: 'ghost' },
      ]);
      expect(viewers).toEqual(['u-ann']);
      expect(await ok(socket, 'user:search', { query: 'ra' })).toEqual([
        { id: 'u-bob', name: 'Bob Ray' },
      ]);
      expect(await request(socket, 'user:search', { query: '' })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    });
  });
  it('canContact refuses a direct conversation with forbidden, storing nothing, and is told who asks whom', async () => {
    const asked: { from: string; to: string }[] = [];
    const [ann, bob, eve] = [user('ann'), user('bob'), user('eve')];
    const canContact: BanterHooks['canContact'] = async (pair) => {
      asked.push(pair);
      return pair.to !== bob;
    };
    await withHooks({ canContact }, async (server) => {
      const socket = await server.connect(ann);
      expect(await request(socket, 'conversation:create', { kind: 'direct', userId: bob })).toEqual(
        {
          ok: false,
          error: {
            code: 'forbidden',
            message: 'unable to create conversation: you may not contact this user',
            retryable: false,
          },
        },
      );
      expect(asked).toEqual([{ from: ann, to: bob }]);
      expect((await ok(socket, 'conversation:list', {})).conversations).toEqual([]);
      expect(await server.storage.listContactIds(ann)).toEqual([]);
      await directBetween(socket, eve);
      expect(await server.storage.listContactIds(ann)).toEqual([eve]);
    });
  });

  it('canContact refuses a group create or add listing anyone the creator may not contact, naming nobody, creating nothing', async () => {
    const asked: { from: string; to: string }[] = [];
    const [ann, bob, cat, vip] = [user('ann'), user('bob'), user('cat'), user('vip')];
    const canContact: BanterHooks['canContact'] = ({ from, to }) => {
      asked.push({ from, to });
      return to !== vip;
    };
    await withHooks({ canContact }, async (server) => {
      const socket = await server.connect(ann);
      const refused = (action: string) => ({
        ok: false,
        error: {
          code: 'forbidden',
          message: `unable to ${action}: you may not contact everyone listed`,
          retryable: false,
        },
      });
      expect(
        await request(socket, 'conversation:create', {
          kind: 'group',
          participantIds: [bob, vip, cat],
          title: 'Launch',
        }),
      ).toEqual(refused('create conversation'));
      expect(
        asked
          .filter((pair) => pair.from === ann)
          .map((pair) => pair.to)
          .sort(),
      ).toEqual([bob, cat, vip].sort());
      expect((await ok(socket, 'conversation:list', {})).conversations).toEqual([]);

      const { conversation } = await ok(socket, 'conversation:create', {
        kind: 'group',
        participantIds: [bob],
      });
      expect(
        await request(socket, 'conversation:addParticipants', {
          conversationId: conversation.id,
          userIds: [cat, vip],
        }),
      ).toEqual(refused('add participants'));
      const view = await ok(socket, 'conversation:get', { conversationId: conversation.id });
      expect(view.participants.map((p) => p.userId).sort()).toEqual([ann, bob].sort());
    });
  });

  it('a canContact that throws or hangs refuses nothing for good: a retryable unavailable, nothing stored', async () => {
    let mode: 'throw' | 'hang' = 'throw';
    const canContact: BanterHooks['canContact'] = () => {
      if (mode === 'throw') throw new Error('block list down');
      return new Promise<boolean>(() => {});
    };
    await withHooks({ canContact }, async (server) => {
      const [ann, bob] = [user('ann'), user('bob')];
      const socket = await server.connect(ann);
      for (const next of ['hang', 'throw'] as const) {
        expect(
          await request(socket, 'conversation:create', { kind: 'direct', userId: bob }),
        ).toMatchObject({ ok: false, error: { code: 'unavailable', retryable: true } });
        mode = next;
      }
      expect(await server.storage.listContactIds(ann)).toEqual([]);
    });
  });

  it('canContact hides presence between contacts it does not allow, asked and announced', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    // Bob blocks Ann: she may not see his presence; he still sees hers, and Cat sees both.
    const canContact: BanterHooks['canContact'] = ({ from, to }) => !(from === ann && to === bob);
    await withHooks({ canContact }, async (server) => {
      const annSocket = await server.connect(ann);
      const catSocket = await server.connect(cat);
      // A group makes them contacts without asking canContact (it is about direct conversations).
      await ok(catSocket, 'conversation:create', { kind: 'group', participantIds: [ann, bob] });
      const annHears = collect(annSocket, 'presence');
      const catHears = nextEvent(catSocket, 'presence', (p) => p.userId === bob && p.online);
      const bobSocket = await server.connect(bob);
      await catHears;
      const annGone = nextEvent(bobSocket, 'presence', (p) => p.userId === ann && !p.online);
      expect(await ok(annSocket, 'presence:get', { userIds: [bob, cat, ann] })).toEqual([
        { userId: cat, online: true, lastSeenAt: null },
        { userId: ann, online: true, lastSeenAt: null },
      ]);
      expect(await ok(bobSocket, 'presence:get', { userIds: [ann] })).toEqual([
        { userId: ann, online: true, lastSeenAt: null },
      ]);
      annSocket.disconnect();
      expect(await annGone).toMatchObject({ userId: ann, online: false });
      bobSocket.disconnect();
      await nextEvent(catSocket, 'presence', (p) => p.userId === bob && !p.online);
      expect(annHears.filter((p) => p.userId === bob)).toEqual([]);
    });
  });
});
