import { readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendResult } from '@banter/core/protocol';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, ok, startServer, type TestServer, uniqueUsers } from '../../test/harness';
import { absolute, jpegWithGps, uploadFile } from '../../test/upload-files';
import { registerSqlAccess, sqlAccessOf } from '../storage/sql-access';
import type { NewMessage, Storage } from '../storage/storage';
import { userDataTables } from '../storage/user-data';
import { diskUploads } from '../uploads/disk-uploads';
import { erasedSenderId } from './host-senders';

/**
 * Export and erasure, checked against the database itself: every table of the schema is
 * listed from information_schema, so a table added later cannot escape either.
 */
let db: PGlite;
let server: TestServer;
let schema: string;
let uploadDir: string;
const held = heldSends();

beforeAll(async () => {
  db = await PGlite.create();
  uploadDir = await mkdtemp(join(tmpdir(), 'banter-user-data-'));
  // With uploads on (a disk store), so erasure must also delete stored files. With webhooks on, so their triggers write event rows that erasure must not leave behind;
  // nothing listens at the URL, and the events simply wait.
  server = await startServer(
    db,
    {
      webhooks: { url: 'http://127.0.0.1:9/hooks', secret: 'erasure-test-secret' },
      uploads: diskUploads({ dir: uploadDir }),
    },
    { storage: held.wrap },
  );
  const [row] = (
    await db.query<{ schema_name: string }>(
      `SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 't%\\_%'`,
    )
  ).rows;
  schema = row?.schema_name as string;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
}, 120_000);

const user = uniqueUsers();
/** Ids no other id contains, so a search for one finds only it. */
const person = (name: string) => `${user(name)}-${Math.random().toString(36).slice(2, 8)}`;
const admin = () => server.banter.admin;

/**
 * A store whose sends can be held after the service's checks and before the insert, so a
 * test decides what happens in between (an erasure) without racing a clock.
 */
function heldSends() {
  let gate: { body: string; arrived: () => void; release: Promise<void> } | null = null;
  const outcomes: Promise<SendResult>[] = [];
  return {
    outcomes,
    /** The next send with this body waits for `release`; resolves once it is waiting. */
    hold(body: string, release: Promise<void>) {
      return new Promise<void>((arrived) => {
        gate = { body, arrived, release };
      });
    },
    wrap(storage: Storage): Storage {
      const wrapped = new Proxy(storage, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property !== 'insertMessage') {
            return typeof value === 'function' ? value.bind(target) : value;
          }
          return (input: NewMessage) => {
            const current = gate;
            if (!current || current.body !== input.body) return target.insertMessage(input);
            gate = null;
            current.arrived();
            const outcome = current.release.then(() => target.insertMessage(input));
            outcomes.push(outcome);
            return outcome;
          };
        },
      });
      // Webhooks read the built-in store's tables: the wrapper reaches them as the store does.
      const access = sqlAccessOf(storage);
      if (access) registerSqlAccess(wrapped, access);
      return wrapped;
    },
  };
}

/** Every file under a directory, as paths relative to it. */
function walk(at: string): string[] {
  return readdirSync(at, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function tables(): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
    [schema],
  );
  return rows.map((row) => row.table_name);
}

/** Every row of every table with a text or JSON column holding the id, as `table.column`. */
async function traces(userId: string): Promise<string[]> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = $1 AND data_type IN ('text', 'jsonb', 'json', 'character varying')`,
    [schema],
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schema}.${table_name}
       WHERE ${column_name}::text = $1 OR ${column_name}::text LIKE $2`,
      [userId, `%"${userId}"%`],
    );
    if ((rows[0]?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

/** A user with rows in every table that can hold one, and a few of their neighbours. */
async function busyUser() {
  const [ann, bob, cat] = [person('ann'), person('bob'), person('cat')];
  const annSocket = await server.connect(ann);
  const bobSocket = await server.connect(bob);
  const direct = (await ok(annSocket, 'conversation:create', { kind: 'direct', userId: bob }))
    .conversation.id;
  const group = (
    await ok(annSocket, 'conversation:create', {
      kind: 'group',
      participantIds: [bob, cat],
      title: 'Flatmates',
      idempotencyKey: 'flatmates',
    })
  ).conversation.id;
  const send = async (socket: typeof annSocket, conversationId: string, body: string) =>
    (await ok(socket, 'message:send', { conversationId, clientId: crypto.randomUUID(), body }))
      .message;
  const annHi = await send(annSocket, direct, 'hi Bob, it is Ann');
  const bobHi = await send(bobSocket, direct, 'hi Ann');
  const annEdited = await send(annSocket, group, 'first draft');
  await ok(annSocket, 'message:edit', {
    conversationId: group,
    messageId: annEdited.id,
    body: 'edited by Ann',
  });
  const annGone = await send(annSocket, group, 'deleted by Ann');
  await ok(annSocket, 'message:delete', { conversationId: group, messageId: annGone.id });
  const bobInGroup = await send(bobSocket, group, 'from Bob');
  // Bob names Ann in the group: his message keeps its text, but not her id.
  const bobMentions = (
    await ok(bobSocket, 'message:send', {
      conversationId: group,
      clientId: crypto.randomUUID(),
      body: 'thanks @Ann',
      mentions: [{ userId: ann, start: 7, end: 11 }],
    })
  ).message;
  await ok(annSocket, 'reaction:add', { conversationId: direct, messageId: bobHi.id, emoji: '👍' });
  await ok(bobSocket, 'reaction:add', { conversationId: direct, messageId: annHi.id, emoji: '❤️' });
  await ok(annSocket, 'reaction:add', {
    conversationId: group,
    messageId: bobInGroup.id,
    emoji: '🎉',
  });
  await ok(annSocket, 'receipt:read', { conversationId: group, seq: bobInGroup.seq });
  await ok(annSocket, 'conversation:mute', { conversationId: group, muted: true });
  // A photo (stored with a thumbnail) sent to Bob.
  const photo = await uploadFile(annSocket, server.url, direct, {
    name: 'holiday.jpg',
    type: 'image/jpeg',
    bytes: await jpegWithGps(64, 64),
  });
  const annPhoto = (
    await ok(annSocket, 'message:send', {
      conversationId: direct,
      clientId: crypto.randomUUID(),
      kind: 'image',
      body: 'our holiday',
      uploadIds: [photo.id],
    })
  ).message;
  // Ann goes offline (her last seen is written) before the ban, which would otherwise end her
  // session while the test goes on.
  annSocket.disconnect();
  await expect.poll(async () => (await server.storage.getLastSeen([ann])).has(ann)).toBe(true);
  await server.storage.savePushSubscription({
    userId: ann,
    endpoint: `https://push.example.test/${ann}`,
    p256dh: 'p'.repeat(87),
    auth: 'a'.repeat(22),
    now: new Date(),
    maxPerUser: 10,
  });
  await server.storage.blockUser(ann, cat, new Date());
  await server.storage.blockUser(cat, ann, new Date());
  await admin().ban(ann, { reason: 'spam' });
  return {
    ann,
    bob,
    cat,
    bobSocket,
    direct,
    group,
    annHi,
    bobHi,
    bobInGroup,
    bobMentions,
    photo,
    annPhoto,
  };
}

describe('banter.admin.exportUser', () => {
  it('says for every table of the schema where its rows about a user go', async () => {
    expect(await tables()).toEqual(Object.keys(userDataTables).sort());
  });

  it('holds their rows of every table that has some', async () => {
    const { ann, direct, group, annHi, bobHi, photo, annPhoto } = await busyUser();
    const data = await admin().exportUser(ann);
    for (const section of new Set(Object.values(userDataTables))) {
      if (section === null) continue;
      const value = data[section];
      expect(Array.isArray(value) ? value.length : value, section).toBeTruthy();
    }
    expect(data.participants.map((p) => [p.conversationId, p.muted]).sort()).toEqual(
      [
        [direct, false],
        [group, true],
      ].sort(),
    );
    expect(data.participants.find((p) => p.conversationId === group)?.lastReadSeq).toBe(3);
    expect(data.messages.map((m) => [m.body, m.editedAt !== null, m.deletedAt !== null])).toEqual([
      ['hi Bob, it is Ann', false, false],
      ['edited by Ann', true, false],
      ['', false, true],
      ['our holiday', false, false],
    ]);
    expect(data.messages[0]?.id).toBe(annHi.id);
    // Their upload's details, never its bytes or a URL.
    expect(data.uploads).toEqual([
      {
        id: photo.id,
        conversationId: direct,
        name: 'holiday.jpg',
        type: 'image/jpeg',
        size: photo.size,
        status: 'complete',
        messageId: annPhoto.id,
        createdAt: photo.createdAt,
      },
    ]);
    expect(data.reactions.map((r) => [r.messageId, r.emoji])).toContainEqual([bobHi.id, '👍']);
    expect(data.createdConversations.map((c) => c.conversationId).sort()).toEqual(
      [direct, group].sort(),
    );
    expect(data.ban).toMatchObject({ reason: 'spam' });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe('banter.admin.eraseUser', () => {
  it('leaves nothing of theirs in any table, and others keep readable, consistent conversations', async () => {
    const { ann, bob, bobSocket, direct, group, annHi, bobHi, annPhoto, bobMentions } =
      await busyUser();
    const bobSees = nextEvent(bobSocket, 'message:updated', (m) => m.id === annHi.id);
    const result = await admin().eraseUser(ann, { messages: 'delete' });
    expect(result.conversationsLeft).toBe(2);
    expect(await traces(ann)).toEqual([]);

    // Bob saw Ann's message go, and still reads the direct conversation, alone in it now.
    expect(await bobSees).toMatchObject({ senderId: erasedSenderId, body: '', reactions: [] });
    const view = await ok(bobSocket, 'conversation:get', { conversationId: direct });
    expect(view.participants.map((p) => p.userId)).toEqual([bob]);
    const page = await ok(bobSocket, 'message:list', { conversationId: direct });
    expect(page.messages.map((m) => [m.id, m.body, m.deletedAt !== null, m.reactions])).toEqual([
      [annHi.id, '', true, []],
      [bobHi.id, 'hi Ann', false, []],
      [annPhoto.id, '', true, []],
    ]);
    expect(page.messages.at(-1)?.attachments).toEqual([]);
    // Counters still right: the feed is gapless up to lastChange, no unread from a deleted message.
    for (const conversationId of [direct, group]) {
      const now = await ok(bobSocket, 'conversation:get', { conversationId });
      const feed = await ok(bobSocket, 'message:changes', { conversationId, after: 0 });
      expect(feed.lastChange).toBe(now.lastChange);
      expect(now.unreadCount).toBe(0);
    }
    // Bob's mention of Ann keeps its text and place, naming the placeholder now.
    const groupPage = await ok(bobSocket, 'message:list', { conversationId: group });
    expect(groupPage.messages.find((m) => m.id === bobMentions.id)).toMatchObject({
      body: 'thanks @Ann',
      mentions: [{ userId: erasedSenderId, start: 7, end: 11 }],
    });
    // The group passed to Bob, its longest-standing member.
    const groupView = await ok(bobSocket, 'conversation:get', { conversationId: group });
    expect(groupView.participants.find((p) => p.userId === bob)?.role).toBe('owner');
    // Exported afterwards: nothing.
    expect(await admin().exportUser(ann)).toMatchObject({
      participants: [],
      createdConversations: [],
      messages: [],
      reactions: [],
      lastSeenAt: null,
      blocks: [],
      pushSubscriptions: [],
      uploads: [],
      ban: null,
    });
  });

  it('deletes their stored files: gone from the disk store, their links answer 404', async () => {
    const { ann, bobSocket, direct, photo } = await busyUser();
    const [links] = await ok(bobSocket, 'upload:urls', {
      conversationId: direct,
      uploadIds: [photo.id],
    });
    const stored = () => walk(uploadDir).filter((path) => path.includes(photo.id));
    // Before: the file and its thumbnail are stored and served.
    expect(stored().length).toBeGreaterThan(0);
    expect((await fetch(absolute(server.url, links?.url ?? ''))).status).toBe(200);
    await admin().eraseUser(ann, { messages: 'anonymize' });
    expect(stored()).toEqual([]);
    for (const url of [links?.url, links?.thumbnailUrl]) {
      expect([404, 410]).toContain((await fetch(absolute(server.url, url ?? ''))).status);
    }
    // The anonymized message keeps its text, not the file.
    const page = await ok(bobSocket, 'message:list', { conversationId: direct });
    expect(page.messages.at(-1)).toMatchObject({ body: 'our holiday', attachments: [] });
  });

  it('anonymizes instead when asked: the text stays under the placeholder', async () => {
    const { ann, bobSocket, direct, annHi } = await busyUser();
    await admin().eraseUser(ann, { messages: 'anonymize' });
    expect(await traces(ann)).toEqual([]);
    const page = await ok(bobSocket, 'message:list', { conversationId: direct });
    expect(page.messages[0]).toMatchObject({
      id: annHi.id,
      senderId: erasedSenderId,
      body: 'hi Bob, it is Ann',
      deletedAt: null,
    });
    // Without a profile from the host (this server has no getUsers), clients get a name, not the id.
    expect(await ok(bobSocket, 'user:get', { userIds: [erasedSenderId] })).toEqual([
      { id: erasedSenderId, name: 'Deleted user' },
    ]);
  });

  it('ends their sessions', async () => {
    const ann = person('ann');
    const socket = await server.connect(ann);
    const ended = nextEvent(socket, 'session:ended');
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    await admin().eraseUser(ann, { messages: 'delete' });
    expect((await ended).code).toBe('unauthenticated');
    await gone;
  });

  it('leaves nothing of a send that passed its checks before the erasure and stores after it', async () => {
    const [ann, bob] = [person('ann'), person('bob')];
    const { conversation } = await admin().createConversation({
      kind: 'group',
      userIds: [ann, bob],
    });
    const annSocket = await server.connect(ann);
    let release!: () => void;
    const waiting = held.hold('mid-send', new Promise<void>((resolve) => (release = resolve)));
    // Its ack never comes: the erasure disconnects the socket.
    annSocket.emit(
      'message:send',
      { conversationId: conversation.id, clientId: 'mid', body: 'mid-send' },
      () => {},
    );
    await waiting;
    await admin().eraseUser(ann, { messages: 'delete' });
    release();
    await expect(held.outcomes.at(-1)).rejects.toMatchObject({ code: 'not_found' });
    expect(await traces(ann)).toEqual([]);
    expect(await server.storage.listMessages(conversation.id, { limit: 10 })).toMatchObject({
      messages: [],
    });
  });

  it('refuses bad input and writes nothing', async () => {
    const { ann } = await busyUser();
    const before = await admin().exportUser(ann);
    await expect(admin().eraseUser(ann, { messages: 'shred' as 'delete' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(admin().eraseUser(' ', { messages: 'delete' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(admin().exportUser('banter:system')).rejects.toMatchObject({
      code: 'bad_request',
    });
    const after = await admin().exportUser(ann);
    expect({ ...after, exportedAt: null }).toEqual({ ...before, exportedAt: null });
  });
});
