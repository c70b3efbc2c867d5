import { afterEach, describe, expect, it } from 'vitest';
import { memoryOutboxStorage } from '../outbox/outbox-storage';
import type { PendingMessage } from '../store/state';
import { createFakeChatClient, createMemoryServer, type FakeChatClient } from '../testing';
import { uploadBookOf } from '../testing/memory-server/upload-book';
import { memoryBlobStore } from './blob-store';

const clients: FakeChatClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

type Server = ReturnType<typeof createMemoryServer>;

function connect(userId: string, server: Server, options = {}) {
  const client = createFakeChatClient({ userId, server, clientOptions: options });
  clients.push(client);
  return client;
}

/** A 2×1 PNG header (what the memory server reads the size from) padded to `size` bytes. */
function png(size = 64): File {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  new DataView(bytes.buffer).setUint32(16, 200);
  new DataView(bytes.buffer).setUint32(20, 100);
  return new File([bytes], 'photo.png', { type: 'image/png' });
}

const pdf = () => new File(['%PDF-1.4 hello'], 'notes.pdf', { type: 'application/pdf' });

function setUp() {
  const server = createMemoryServer();
  const { id } = server.addConversation({ createdBy: 'ann', participantIds: ['bob'] });
  return { server, id };
}

const pendingOf = (client: FakeChatClient, id: string): PendingMessage[] =>
  client.getSnapshot().timelines[id]?.pending ?? [];

describe('sending files', () => {
  it('shows the message at once, reports progress, then sends it with one attachment per file', async () => {
    const { server, id } = setUp();
    const ann = connect('ann', server);
    ann.openConversation(id);
    await ann.fake.until((s) => s.connection.status === 'connected');
    const seen = new Set<number>();
    const stop = ann.subscribe(() => {
      const upload = pendingOf(ann, id)[0]?.uploads?.[0];
      if (upload) seen.add(upload.sent);
    });

    ann.sendMessage(id, { body: 'look', files: [png(400), pdf()] });
    const [shown] = pendingOf(ann, id);
    expect(shown?.kind).toBe('file');
    expect(shown?.uploads?.map((u) => [u.name, u.status])).toEqual([
      ['photo.png', 'queued'],
      ['notes.pdf', 'queued'],
    ]);

    await ann.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
    stop();
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400]);
    const [stored] = ann.fake.stored(id);
    expect(stored?.body).toBe('look');
    expect(stored?.attachments).toMatchObject([
      { url: '', name: 'photo.png', mimeType: 'image/png', size: 400, width: 200, height: 100 },
      { url: '', name: 'notes.pdf', mimeType: 'application/pdf' },
    ]);
    expect(stored?.attachments[0]?.placeholder).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('sends an image message when every file is an image, and lets participants read it', async () => {
    const { server, id } = setUp();
    const ann = connect('ann', server);
    await ann.fake.until((s) => s.connection.status === 'connected');
    ann.sendMessage(id, { files: [png()] });
    await ann.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
    const [stored] = ann.fake.stored(id);
    expect(stored?.kind).toBe('image');

    const bob = connect('bob', server);
    const uploadId = stored?.attachments[0]?.uploadId as string;
    const urls = await bob.getUploadUrls(id, uploadId);
    expect(urls.url).toMatch(/^blob:/);
    const eve = connect('eve', server);
    await expect(eve.getUploadUrls(id, uploadId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('resumes after the connection drops during the upload, and stores one message with one attachment', async () => {
    const { server, id } = setUp();
    const ann = connect('ann', server);
    await ann.fake.until((s) => s.connection.status === 'connected');
    const release = ann.fake.link.hold();
    ann.sendMessage(id, { files: [pdf()] });
    // The create is held: let it through, then cut the link once the bytes are under way.
    release();
    await ann.fake.until((s) => s.timelines[id]?.pending[0]?.uploads?.[0]?.status === 'uploading');
    ann.fake.link.goOffline();
    await ann.fake.until((s) => s.connection.status !== 'connected');
    expect(ann.fake.stored(id)).toEqual([]);
    expect(pendingOf(ann, id)[0]?.status).toBe('sending');

    ann.fake.link.goOnline();
    await ann.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
    expect(ann.fake.stored(id)).toHaveLength(1);
    expect(ann.fake.stored(id)[0]?.attachments).toHaveLength(1);
    expect(uploadBookOf(server).byId.size).toBe(1);
  });

  it('never makes a second message or attachment when the send ack is lost', async () => {
    const { server, id } = setUp();
    const ann = connect('ann', server);
    await ann.fake.until((s) => s.connection.status === 'connected');
    ann.fake.link.dropNextAck('message:send');
    ann.sendMessage(id, { body: 'twice?', files: [pdf()] });
    await ann.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
    expect(ann.fake.stored(id)).toHaveLength(1);
    expect(ann.fake.stored(id)[0]?.attachments).toHaveLength(1);
    expect(uploadBookOf(server).byId.size).toBe(1);
  });

  it('uploads again when the server forgot the upload (restart, expiry)', async () => {
    const { server, id } = setUp();
    const ann = connect('ann', server);
    await ann.fake.until((s) => s.connection.status === 'connected');
    ann.fake.link.goOffline();
    await ann.fake.until((s) => s.connection.status !== 'connected');
    ann.sendMessage(id, { files: [pdf()] });
    ann.fake.link.goOnline();
    await ann.fake.until((s) => s.timelines[id]?.pending[0]?.uploads?.[0]?.status === 'uploading');
    uploadBookOf(server).forgetUnsent();
    await ann.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
    expect(ann.fake.stored(id)[0]?.attachments).toHaveLength(1);
  });

  it('cancels a send while its file uploads: the message goes, nothing is sent, the upload is deleted', async () => {
    const { server, id } = setUp();
    const ann = connect('ann', server);
    await ann.fake.until((s) => s.connection.status === 'connected');
    const release = ann.fake.link.hold();
    const clientId = ann.sendMessage(id, { files: [pdf()] });
    release();
    await ann.fake.until((s) => s.timelines[id]?.pending[0]?.uploads?.[0]?.status === 'uploading');
    ann.discardMessage(clientId);
    expect(pendingOf(ann, id)).toEqual([]);
    // Sends go in order: once a later one is stored, whatever the cancelled one had under way is over.
    ann.sendMessage(id, { body: 'after' });
    await ann.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
    expect(ann.fake.stored(id).map((m) => m.body)).toEqual(['after']);
    expect(uploadBookOf(server).byId.size).toBe(0);
  });

  it('keeps queued files across a reload with persistent storages and sends them from the next session', async () => {
    const { server, id } = setUp();
    const outboxStorage = memoryOutboxStorage();
    const uploadBlobStore = memoryBlobStore();
    const first = connect('ann', server, { outboxStorage, uploadBlobStore });
    first.fake.link.goOffline();
    first.sendMessage(id, { body: 'from before', files: [png()] });
    await first.close();

    const second = connect('ann', server, { outboxStorage, uploadBlobStore });
    await second.fake.until((s) => s.connection.status === 'connected');
    await second.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
    const stored = second.fake.stored(id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.attachments).toMatchObject([{ name: 'photo.png', width: 200 }]);
  });
});
