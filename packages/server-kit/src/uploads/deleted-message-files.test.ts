import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientSocket,
  directBetween,
  nextEvent,
  ok,
  request,
  settle,
  uniqueUsers,
} from '../../test/sockets';
import { startExtraServer, type TestServer, useTestServer } from '../../test/test-server';
import { pdf, png, uploadFile } from '../../test/upload-files';
import { sqlAccessOf } from '../storage/sql-access';
import { diskUploads } from './disk-uploads';

// A deleted message's files go with it: nobody can read them from the delete on, and the
// sweeper removes their bytes (and thumbnails) as it does for uploads never sent. Whichever
// way the message goes: its sender's delete, the retention sweep.
const dayMs = 86_400_000;
const root = mkdtempSync(join(tmpdir(), 'banter-deleted-files-'));
const dir = join(root, 'uploads');
let clock = Date.now();
const server = useTestServer({
  now: () => new Date(clock),
  uploads: { store: diskUploads({ dir }), sweepIntervalMs: 25 },
  retention: { maxAgeDays: 30, intervalMs: 25 },
});
const user = uniqueUsers();

const stored = (id: string, variant: 'files' | 'thumbnails' = 'files') =>
  existsSync(join(dir, variant, id));

/** Waits (bounded) until none of the uploads' bytes are stored any more. */
async function bytesGone(ids: string[]): Promise<boolean> {
  const gone = () => ids.every((id) => !stored(id) && !stored(id, 'thumbnails'));
  for (let i = 0; i < 200 && !gone(); i++) await settle(25);
  return gone();
}

/** Whether the socket's user may read the upload now, or the error code it gets. */
async function readable(socket: ClientSocket, conversationId: string, uploadId: string) {
  const answer = await request(socket, 'upload:urls', { conversationId, uploadIds: [uploadId] });
  return answer.ok ? 'readable' : answer.error.code;
}

/** Sends a message carrying an image and a PDF, uploaded first. */
async function sendFiles(socket: ClientSocket, conversationId: string, clientId: string) {
  const image = await uploadFile(socket, server.url, conversationId, {
    name: 'photo.png',
    type: 'image/png',
    bytes: await png(),
  });
  const doc = await uploadFile(socket, server.url, conversationId, {
    name: 'terms.pdf',
    type: 'application/pdf',
    bytes: pdf,
  });
  const { message } = await ok(socket, 'message:send', {
    conversationId,
    clientId,
    kind: 'file',
    uploadIds: [image.id, doc.id],
  });
  return { message, ids: [image.id, doc.id] };
}

describe('the files of a deleted message', () => {
  it('are unreadable from the delete on, then their bytes and thumbnails are deleted; others stay', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const gone = await sendFiles(annSocket, conversationId, 'to-delete');
    const kept = await sendFiles(annSocket, conversationId, 'to-keep');
    const [imageId, docId] = gone.ids as [string, string];
    expect(await readable(bobSocket, conversationId, imageId)).toBe('readable');
    expect(stored(imageId, 'thumbnails')).toBe(true);

    await ok(annSocket, 'message:delete', { conversationId, messageId: gone.message.id });

    for (const socket of [bobSocket, annSocket]) {
      expect(await readable(socket, conversationId, imageId)).toBe('not_found');
      expect(await readable(socket, conversationId, docId)).toBe('not_found');
    }
    expect(await bytesGone(gone.ids)).toBe(true);
    for (const id of kept.ids)
      expect(await readable(bobSocket, conversationId, id)).toBe('readable');
    expect(kept.ids.map((id) => stored(id))).toEqual([true, true]);
  });

  it('are not taken back by a resend of the same send after the delete, nor by a new send', async () => {
    const ann = user('ann');
    const annSocket = await server.connect(ann);
    const conversationId = await directBetween(annSocket, user('bob'));
    const { message, ids } = await sendFiles(annSocket, conversationId, 'sent-twice');
    await ok(annSocket, 'message:delete', { conversationId, messageId: message.id });
    expect(await bytesGone(ids)).toBe(true);

    // An outbox that never heard the first ack sends again: it hears of the stored message,
    // though its uploads are gone (before the sweep, see the last describe).
    const resent = await ok(annSocket, 'message:send', {
      conversationId,
      clientId: 'sent-twice',
      kind: 'file',
      uploadIds: ids,
    });
    expect(resent.message).toMatchObject({ id: message.id, attachments: [] });
    expect(resent.message.deletedAt).not.toBeNull();
    const again = await request(annSocket, 'message:send', {
      conversationId,
      clientId: 'new-send',
      kind: 'file',
      uploadIds: ids,
    });
    expect(again.ok === false && again.error.code).toBe('not_found');
    expect(await readable(annSocket, conversationId, ids[0] as string)).toBe('not_found');
  });

  it('go with the messages the retention sweep deletes', async () => {
    const [ann, bob] = [user('ann'), user('bob')];
    const annSocket = await server.connect(ann);
    const bobSocket = await server.connect(bob);
    const conversationId = await directBetween(annSocket, bob);
    const { message, ids } = await sendFiles(annSocket, conversationId, 'old');
    const deleted = nextEvent(bobSocket, 'message:updated', (m) => m.id === message.id);
    clock += 31 * dayMs;
    expect((await deleted).deletedAt).not.toBeNull();
    expect(await readable(bobSocket, conversationId, ids[0] as string)).toBe('not_found');
    expect(await bytesGone(ids)).toBe(true);
  });
});

describe('the quota', () => {
  // No sweep runs here: what is measured is the quota itself, not the sweeper's timing.
  let quoted: TestServer;
  beforeAll(async () => {
    quoted = await startExtraServer({
      uploads: {
        store: diskUploads({ dir: join(root, 'quota') }),
        quotaBytes: Math.floor(pdf.length * 1.5),
        sweepIntervalMs: 3_600_000,
      },
    });
  });
  afterAll(() => quoted.close());

  it("no longer counts a deleted message's files, before the sweeper has removed them", async () => {
    const ann = user('ann');
    const socket = await quoted.connect(ann);
    const conversationId = await directBetween(socket, user('bob'));
    const file = { name: 'a.pdf', type: 'application/pdf', bytes: pdf };
    const unsent = await uploadFile(socket, quoted.url, conversationId, file);
    const { message } = await ok(socket, 'message:send', {
      conversationId,
      clientId: 'quota-send',
      kind: 'file',
      uploadIds: [unsent.id],
    });
    await ok(socket, 'message:delete', { conversationId, messageId: message.id });
    // The deleted file's row is still there (no sweep yet), and a new upload fits the quota.
    expect(existsSync(join(root, 'quota', 'files', unsent.id))).toBe(true);
    await uploadFile(socket, quoted.url, conversationId, file);
  });
});

describe('a resend after the delete, before the sweep', () => {
  let unswept: TestServer;
  beforeAll(async () => {
    unswept = await startExtraServer({
      uploads: { store: diskUploads({ dir: join(root, 'unswept') }), sweepIntervalMs: 3_600_000 },
    });
  });
  afterAll(() => unswept.close());
  /** The SQL behind the server's built-in storage, to read or set what a client cannot. */
  const unsweptSql = () => {
    const sql = sqlAccessOf(unswept.storage);
    if (!sql) throw new Error('expected the built-in storage');
    return sql;
  };

  it('gets its ack and leaves the files unlinked, for the sweeper', async () => {
    const ann = user('ann');
    const socket = await unswept.connect(ann);
    const conversationId = await directBetween(socket, user('bob'));
    const file = { name: 'a.pdf', type: 'application/pdf', bytes: pdf };
    const upload = await uploadFile(socket, unswept.url, conversationId, file);
    const send = { conversationId, clientId: 'resent', kind: 'file', uploadIds: [upload.id] };
    const { message } = await ok(socket, 'message:send', send);
    await ok(socket, 'message:delete', { conversationId, messageId: message.id });

    const resent = await ok(socket, 'message:send', send);
    expect(resent.message).toMatchObject({ id: message.id, attachments: [] });
    const sql = unsweptSql();
    const rows = await sql.query<{ message_id: string | null }>(
      `SELECT message_id FROM ${sql.schema}.uploads WHERE id = $1`,
      [upload.id],
    );
    expect(rows).toEqual([{ message_id: null }]);
    expect(await readable(socket, conversationId, upload.id)).toBe('not_found');
    // Cancelling it is not refused: it goes at the next sweep.
    expect(await ok(socket, 'upload:cancel', { uploadId: upload.id })).toEqual({
      uploadId: upload.id,
      cancelled: true,
    });
  });

  it('takes the files of a send that stored its message but died before linking them', async () => {
    const ann = user('ann');
    const socket = await unswept.connect(ann);
    const conversationId = await directBetween(socket, user('bob'));
    const file = { name: 'a.pdf', type: 'application/pdf', bytes: pdf };
    const upload = await uploadFile(socket, unswept.url, conversationId, file);
    const send = { conversationId, clientId: 'died', kind: 'file', uploadIds: [upload.id] };
    const { message } = await ok(socket, 'message:send', send);
    const sql = unsweptSql();
    // As a server that died between storing the message and markSent leaves it.
    await sql.query(`UPDATE ${sql.schema}.uploads SET message_id = NULL WHERE id = $1`, [
      upload.id,
    ]);
    await ok(socket, 'message:delete', { conversationId, messageId: message.id });

    expect(await readable(socket, conversationId, upload.id)).toBe('not_found');
    const rows = await sql.query<{ expired: boolean }>(
      `SELECT expires_at <= now() AS expired FROM ${sql.schema}.uploads WHERE id = $1`,
      [upload.id],
    );
    expect(rows).toEqual([{ expired: true }]);
  });

  it('refuses to send an upload that has expired, with not_found', async () => {
    const ann = user('ann');
    const socket = await unswept.connect(ann);
    const conversationId = await directBetween(socket, user('bob'));
    const file = { name: 'a.pdf', type: 'application/pdf', bytes: pdf };
    const upload = await uploadFile(socket, unswept.url, conversationId, file);
    const sql = unsweptSql();
    // Past its expiry, and the sweeper has not been by yet.
    await sql.query(
      `UPDATE ${sql.schema}.uploads SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [upload.id],
    );
    const sent = await request(socket, 'message:send', {
      conversationId,
      clientId: 'late',
      kind: 'file',
      uploadIds: [upload.id],
    });
    expect(sent.ok === false && sent.error.code).toBe('not_found');
  });
});

afterAll(() => {
  clock = Date.now();
});
