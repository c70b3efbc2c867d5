import { describe, expect, it } from 'vitest';
import {
  collect,
  directBetween,
  nextEvent,
  ok,
  request,
  settle,
  startExtraServer,
  uniqueUsers,
  useTestServer,
} from '../../test/harness';

const server = useTestServer();
const user = uniqueUsers();

describe('sending messages over the socket', () => {
  it('acks after commit and delivers to the other participant and to the sender’s other devices', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annPhone = await server.connect(ann);
    const annLaptop = await server.connect(ann);
    const bobPhone = await server.connect(bob);
    const conversationId = await directBetween(annPhone, bob);

    const bobGets = nextEvent(bobPhone, 'message:new');
    const laptopGets = nextEvent(annLaptop, 'message:new');
    const { message, created } = await ok(annPhone, 'message:send', {
      conversationId,
      clientId: 'c-1',
      body: 'Is the flat still available?',
    });
    expect(created).toBe(true);
    expect(message).toMatchObject({ seq: 1, senderId: ann, clientId: 'c-1', kind: 'text' });
    expect(await bobGets).toEqual(message);
    expect(await laptopGets).toEqual(message);
    // It is stored: history returns it.
    const page = await ok(bobPhone, 'message:list', { conversationId });
    expect(page.messages).toEqual([message]);
  });

  it('keeps a retried send from creating a second message', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const received = collect(bobSocket, 'message:new');

    const send = { conversationId, clientId: 'same-id', body: 'once' };
    const [first, second] = await Promise.all([
      ok(annSocket, 'message:send', send),
      ok(annSocket, 'message:send', send),
    ]);
    const third = await ok(annSocket, 'message:send', { ...send, body: 'edited retry' });
    expect([first.message.id, second.message.id, third.message.id]).toEqual(
      Array(3).fill(first.message.id),
    );
    expect([first.created, second.created, third.created].filter(Boolean)).toHaveLength(1);
    await settle();
    expect(received).toHaveLength(1);
    const page = await ok(annSocket, 'message:list', { conversationId });
    expect(page.messages.map((m) => m.body)).toEqual(['once']);
  });

  it('takes the sender from the token, never from the payload', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const { message } = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'spoof',
      body: 'hi',
      senderId: bob,
    });
    expect(message.senderId).toBe(ann);
  });

  it('sends images and files with attachment metadata', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const attachments = [
      { url: 'https://cdn.example/p.jpg', mimeType: 'image/jpeg', width: 800, height: 600 },
    ];
    const { message } = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'img',
      kind: 'image',
      attachments,
    });
    expect(message).toMatchObject({ kind: 'image', body: '', attachments });
  });

  it('lets the sender edit and delete, and tells everyone', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const { message } = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'e',
      body: 'tpyo',
    });

    const bobSeesEdit = nextEvent(bobSocket, 'message:updated');
    const edited = await ok(annSocket, 'message:edit', {
      conversationId,
      messageId: message.id,
      body: 'typo',
    });
    expect(edited).toMatchObject({ body: 'typo', seq: message.seq });
    expect(edited.editedAt).not.toBeNull();
    expect(await bobSeesEdit).toEqual(edited);

    const bobTries = await request(bobSocket, 'message:delete', {
      conversationId,
      messageId: message.id,
    });
    expect(bobTries).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const deleted = await ok(annSocket, 'message:delete', {
      conversationId,
      messageId: message.id,
    });
    expect(deleted).toMatchObject({ body: '', seq: message.seq });
    expect(deleted.deletedAt).not.toBeNull();
    // Deleting again is harmless: it answers with the deleted message.
    const twice = await ok(annSocket, 'message:delete', { conversationId, messageId: message.id });
    expect(twice).toEqual(deleted);
    const again = await request(annSocket, 'message:edit', {
      conversationId,
      messageId: message.id,
      body: 'x',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('pages history by seq cursor in both directions', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    for (let i = 1; i <= 5; i++)
      await ok(annSocket, 'message:send', { conversationId, clientId: `p${i}`, body: `${i}` });
    const newest = await ok(annSocket, 'message:list', { conversationId, limit: 2 });
    expect(newest.messages.map((m) => m.seq)).toEqual([4, 5]);
    expect(newest.hasMore).toBe(true);
    const older = await ok(annSocket, 'message:list', { conversationId, before: 4, limit: 10 });
    expect([older.messages.map((m) => m.seq), older.hasMore]).toEqual([[1, 2, 3], false]);
    const gapFill = await ok(annSocket, 'message:list', { conversationId, after: 2, limit: 2 });
    expect([gapFill.messages.map((m) => m.seq), gapFill.hasMore]).toEqual([[3, 4], true]);
  });
});

describe('the change feed over the socket', () => {
  it('answers what changed after a counter: each message once, as it is now, in change order', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const sent = [];
    for (let i = 1; i <= 3; i++) {
      sent.push(
        (await ok(annSocket, 'message:send', { conversationId, clientId: `f${i}`, body: `${i}` }))
          .message,
      );
    }
    const [first, second, third] = sent.map((m) => m.id);
    const bobSeesEdit = nextEvent(bobSocket, 'message:updated');
    const edited = await ok(annSocket, 'message:edit', {
      conversationId,
      messageId: first,
      body: 'one',
    });
    // A live event carries the change it was, like the feed's copy.
    expect(await bobSeesEdit).toMatchObject({ id: first, change: 4 });
    await ok(annSocket, 'message:delete', { conversationId, messageId: second });
    // A second delete changes nothing, so it takes no change number.
    await ok(annSocket, 'message:delete', { conversationId, messageId: second });
    expect((await ok(bobSocket, 'conversation:get', { conversationId })).lastChange).toBe(5);

    const page = await ok(bobSocket, 'message:changes', { conversationId, after: 0, limit: 2 });
    expect([page.messages.map((m) => m.id), page.lastChange, page.hasMore]).toEqual([
      [third, first],
      4,
      true,
    ]);
    expect(page.messages[1]).toEqual(edited);
    const rest = await ok(bobSocket, 'message:changes', { conversationId, after: page.lastChange });
    expect([rest.messages.map((m) => m.id), rest.lastChange, rest.hasMore]).toEqual([
      [second],
      5,
      false,
    ]);
    expect(rest.messages[0]).toMatchObject({ body: '', deletedAt: expect.any(String) });
    expect(await ok(bobSocket, 'message:changes', { conversationId, after: 5 })).toEqual({
      messages: [],
      lastChange: 5,
      hasMore: false,
    });
  });
});

describe('reactions over the socket', () => {
  it('tells the other participant and the reactor’s other devices, once per change; only answers for one viewer say reacted', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobPhone = await server.connect(bob);
    const bobLaptop = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const { message } = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'r1',
      body: 'Dinner at 8?',
    });
    const heard = [annSocket, bobPhone, bobLaptop].map((s) => collect(s, 'message:reacted'));

    const heart = { conversationId, messageId: message.id, emoji: '❤️' };
    const added = await ok(bobPhone, 'reaction:add', heart);
    expect(added).toMatchObject({
      id: message.id,
      change: 2,
      reactions: [{ emoji: '❤', count: 1, userIds: [bob], reacted: true }],
    });
    // The heart without its variation selector is the same reaction: nothing changes, nobody is told.
    expect(await ok(bobLaptop, 'reaction:add', { ...heart, emoji: '❤' })).toEqual(added);
    await settle();
    const event = {
      message: { ...added, reactions: [{ emoji: '❤', count: 1, userIds: [bob] }] },
      userId: bob,
      emoji: '❤',
      added: true,
    };
    for (const events of heard) {
      expect(events).toEqual([event]);
      expect(events[0]?.message.reactions[0]).not.toHaveProperty('reacted');
    }

    // Pages, the change feed and conversation views are read for the one who asks.
    const annPage = await ok(annSocket, 'message:list', { conversationId });
    expect(annPage.messages[0]?.reactions).toEqual([
      { ...event.message.reactions[0], reacted: false },
    ]);
    expect((await ok(bobPhone, 'message:list', { conversationId })).messages).toEqual([added]);
    const feed = await ok(annSocket, 'message:changes', { conversationId, after: 1 });
    expect(feed.messages).toEqual(annPage.messages);
    const view = await ok(bobPhone, 'conversation:get', { conversationId });
    expect([view.lastMessage, view.lastChange, view.lastSeq]).toEqual([added, 2, 1]);

    const removed = await ok(bobLaptop, 'reaction:remove', heart);
    expect(removed).toMatchObject({ change: 3, reactions: [] });
    expect(await ok(bobLaptop, 'reaction:remove', heart)).toEqual(removed);
    await settle();
    for (const events of heard) {
      expect(events).toEqual([event, { message: removed, userId: bob, emoji: '❤', added: false }]);
    }
  });

  it('keeps reacted out of message:updated, and clears reactions on delete', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const { message } = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'r2',
      body: 'tpyo',
    });
    const target = { conversationId, messageId: message.id };
    await ok(annSocket, 'reaction:add', { ...target, emoji: '👍' });

    const bobSeesEdit = nextEvent(bobSocket, 'message:updated');
    const edited = await ok(annSocket, 'message:edit', { ...target, body: 'typo' });
    expect(edited.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [ann], reacted: true }]);
    expect((await bobSeesEdit).reactions).toEqual([{ emoji: '👍', count: 1, userIds: [ann] }]);

    const bobSeesDelete = nextEvent(bobSocket, 'message:updated');
    const deleted = await ok(annSocket, 'message:delete', target);
    expect([deleted.reactions, (await bobSeesDelete).reactions]).toEqual([[], []]);
    const refused = await request(bobSocket, 'reaction:add', { ...target, emoji: '👍' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found', retryable: false } });
  });

  it('pages around a seq, saying what lies on either side', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    for (let i = 1; i <= 7; i++)
      await ok(annSocket, 'message:send', { conversationId, clientId: `a${i}`, body: `${i}` });
    const page = await ok(annSocket, 'message:list', { conversationId, around: 4, limit: 3 });
    expect([page.messages.map((m) => m.seq), page.hasMore, page.hasMoreAfter]).toEqual([
      [3, 4, 5],
      true,
      true,
    ]);
    const both = await request(annSocket, 'message:list', { conversationId, around: 4, after: 1 });
    expect(both).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('authorization', () => {
  it('gives a non-participant the same error whether or not the conversation exists', async () => {
    const [ann, bob, eve] = [user('ann'), user('bob'), user('eve')];
    const annSocket = await server.connect(ann);
    const eveSocket = await server.connect(eve);
    const conversationId = await directBetween(annSocket, bob);
    const bobGets = collect(await server.connect(bob), 'message:new');

    for (const id of [conversationId, 'does-not-exist']) {
      const attempts = await Promise.all([
        request(eveSocket, 'message:send', {
          conversationId: id,
          clientId: 'x',
          body: 'let me in',
        }),
        request(eveSocket, 'message:list', { conversationId: id }),
        request(eveSocket, 'message:changes', { conversationId: id, after: 0 }),
        request(eveSocket, 'conversation:get', { conversationId: id }),
        request(eveSocket, 'receipt:read', { conversationId: id, seq: 1 }),
        request(eveSocket, 'typing:set', { conversationId: id, typing: true }),
      ]);
      for (const attempt of attempts) {
        expect(attempt).toEqual({
          ok: false,
          error: { code: 'not_found', message: expect.any(String), retryable: false },
        });
      }
    }
    await settle();
    expect(bobGets).toEqual([]);
    expect((await ok(annSocket, 'message:list', { conversationId })).messages).toEqual([]);
  });
});

describe('bad input', () => {
  it('answers malformed payloads with bad_request naming the fields, and writes nothing', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const cases: [unknown, string][] = [
      [undefined, '(payload)'],
      ['a string', '(payload)'],
      [{ conversationId, body: 'no client id' }, 'clientId'],
      [{ conversationId, clientId: 'c', body: 42 }, 'body'],
      [{ conversationId, clientId: 'c', body: '   ' }, 'body'],
      [{ conversationId, clientId: 'c', kind: 'image' }, 'attachments'],
      [{ conversationId, clientId: 'c', kind: 'video', body: 'x' }, 'kind'],
      [
        {
          conversationId,
          clientId: 'c',
          kind: 'file',
          attachments: [{ url: 'javascript:alert(1)' }],
        },
        'attachments.0.url',
      ],
      [{ conversationId, clientId: 'x'.repeat(65), body: 'x' }, 'clientId'],
      // NUL cannot be stored by PostgreSQL: refused as bad input, never met as a storage outage.
      [{ conversationId, clientId: 'c', body: 'a\u0000b' }, 'body'],
      [{ conversationId: `${conversationId}\u0000`, clientId: 'c', body: 'x' }, 'conversationId'],
    ];
    for (const [payload, field] of cases) {
      const result = await request(annSocket, 'message:send', payload);
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('bad_request');
      expect(result.error.issues?.map((issue) => issue.path)).toContain(field);
    }
    const listing = await request(annSocket, 'message:list', {
      conversationId,
      after: 1,
      before: 5,
    });
    expect(listing).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await ok(annSocket, 'message:list', { conversationId })).messages).toEqual([]);
  });

  it('refuses text over the limit with message_too_long, counting emoji as one character', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const tooLong = await request(annSocket, 'message:send', {
      conversationId,
      clientId: 'l',
      body: 'a'.repeat(4001),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'message_too_long' } });
    // 4,000 emoji are 8,000 UTF-16 units but 4,000 characters.
    const emoji = await request(annSocket, 'message:send', {
      conversationId,
      clientId: 'm',
      body: '😀'.repeat(4000),
    });
    expect(emoji.ok).toBe(true);
  });

  it('refuses oversized payloads and unknown events, and keeps the connection usable', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const big = await request(annSocket, 'message:send', {
      conversationId,
      clientId: 'big',
      body: 'x',
      padding: 'y'.repeat(70 * 1024),
    });
    expect(big).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    const timed = annSocket.timeout(2_000);
    const unknown = await (
      timed.emitWithAck.bind(timed) as (e: string, p: unknown) => Promise<unknown>
    )('admin:dropTables', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    // An event without an ack is still handled safely, and nothing breaks.
    (annSocket.emit as (e: string, p: unknown) => void)('message:send', { nonsense: true });
    const fine = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'after',
      body: 'still here',
    });
    expect(fine.message.seq).toBe(1);
  });

  it('cuts off a frame far beyond the limit at the transport, and the server carries on', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, bob);
    const closed = new Promise((resolve) => annSocket.once('disconnect', resolve));
    (annSocket.emit as (e: string, p: unknown) => void)('message:send', {
      conversationId,
      clientId: 'huge',
      body: 'z'.repeat(1024 * 1024),
    });
    expect(await closed).toBe('transport close');
    const other = await server.connect(ann);
    expect((await ok(other, 'message:list', { conversationId })).messages).toEqual([]);
  });

  it('limits a flooding sender with rate_limited and a retry-after, without affecting others', async () => {
    const [ann, bob, cat] = [user('ann'), user('bob'), user('cat')];
    const annSocket = await server.connect(ann);
    const catSocket = await server.connect(cat);
    const conversationId = await directBetween(annSocket, bob);
    const catConversation = await directBetween(catSocket, bob);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(annSocket, 'message:send', { conversationId, clientId: `f${i}`, body: `${i}` }),
      ),
    );
    const limited = results.filter((r) => !r.ok);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(20);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited', retryable: true } });
      if (!r.ok) expect(r.error.retryAfterMs).toBeGreaterThan(0);
    }
    // Refused sends wrote nothing: seqs are exactly the accepted ones.
    const stored = await ok(annSocket, 'message:list', { conversationId, limit: 100 });
    expect(stored.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: results.length - limited.length }, (_, i) => i + 1),
    );
    // A resend of a stored message is not a new send: the limit does not refuse it.
    const accepted = results.find((r) => r.ok);
    if (!accepted?.ok) throw new Error('expected an accepted send');
    const resend = await request(annSocket, 'message:send', {
      conversationId,
      clientId: accepted.data.message.clientId,
      body: accepted.data.message.body,
    });
    expect(resend).toMatchObject({ ok: true, data: { created: false } });
    expect(
      (
        await request(catSocket, 'message:send', {
          conversationId: catConversation,
          clientId: 'c',
          body: 'hi',
        })
      ).ok,
    ).toBe(true);
  });

  it('gives a resend its rate token back, so resending after a reconnect never eats into new sends', async () => {
    const limited = await startExtraServer({ limits: { sendRate: { perSecond: 0.01, burst: 2 } } });
    try {
      const ann = await limited.connect(user('ann'));
      const conversationId = await directBetween(ann, user('bob'));
      const first = { conversationId, clientId: 'once', body: 'hello' };
      expect(await ok(ann, 'message:send', first)).toMatchObject({ created: true });
      // The client did not see the ack and sends again, as its outbox does.
      expect(await ok(ann, 'message:send', first)).toMatchObject({ created: false });
      expect(await ok(ann, 'message:send', first)).toMatchObject({ created: false });
      // Two tokens: the first send and this one. The resends cost nothing.
      const second = { conversationId, clientId: 'twice', body: 'again' };
      expect(await ok(ann, 'message:send', second)).toMatchObject({ created: true });
      const third = await request(ann, 'message:send', { ...second, clientId: 'thrice' });
      expect(third).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    } finally {
      await limited.close();
    }
  });
});
