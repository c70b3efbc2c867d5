import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskUploads } from '@banter/server-kit';
import { uniqueUsers } from '@banter/server-kit/test/harness';
import { pdf, png } from '@banter/server-kit/test/upload-files';
import { afterEach, describe, expect, it } from 'vitest';
import { chattingPair, clientFor, closeClients, until } from '../src/clients';
import { useChatServer } from '../src/server';

// The real client's upload step against server-kit with files on disk: create, PUT (fetch in
// Node), complete, send; then the other side reads the file through its signed URL.
const dir = mkdtempSync(join(tmpdir(), 'banter-client-uploads-'));
const server = useChatServer({ uploads: diskUploads({ dir }) });
const user = uniqueUsers();

afterEach(closeClients);

describe('files between two clients on server-kit', () => {
  it('sends an image and a PDF; the other side gets their metadata and fetches them through signed URLs', async () => {
    const { ann, bob, id } = await chattingPair(server, [user('ann'), user('bob')]);
    const image = new File([new Uint8Array(await png(64, 32))], 'harbour.png', {
      type: 'image/png',
    });
    const document = new File([new Uint8Array(pdf)], 'timetable.pdf', { type: 'application/pdf' });
    ann.sendMessage(id, { body: 'photo and timetable', files: [image, document] });
    expect(ann.getSnapshot().timelines[id]?.pending[0]?.uploads).toHaveLength(2);

    await until(bob, (s) => expect(s.timelines[id]?.messages.at(-1)?.attachments).toHaveLength(2));
    const [picture, file] = bob.getSnapshot().timelines[id]?.messages.at(-1)?.attachments ?? [];
    expect(picture).toMatchObject({ url: '', name: 'harbour.png', width: 64, height: 32 });
    expect(picture?.placeholder).toMatch(/^#[0-9a-f]{6}$/);
    expect(file).toMatchObject({ name: 'timetable.pdf' });
    await until(ann, (s) => expect(s.timelines[id]?.pending).toEqual([]));

    const pictureUrls = await bob.getUploadUrls(id, picture?.uploadId as string);
    const shown = await fetch(pictureUrls.thumbnailUrl ?? pictureUrls.url);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toMatch(/^image\//);
    const fileUrls = await bob.getUploadUrls(id, file?.uploadId as string);
    const downloaded = await fetch(fileUrls.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('uploads over REST when the socket cannot connect', async () => {
    const { ann, bob, id } = await chattingPair(server, [user('ann'), user('bob')]);
    // A second session of Ann's whose socket path leads nowhere: only REST gets through.
    const restOnly = clientFor(server, ann.userId, {
      socketPath: '/no-socket-here',
      fallbackAfterAttempts: 1,
    });
    await until(restOnly, (s) => expect(s.connection.status).toBe('offline'));
    restOnly.sendMessage(id, {
      files: [new File([new Uint8Array(pdf)], 'over-rest.pdf', { type: 'application/pdf' })],
    });
    await until(restOnly, (s) => expect(s.timelines[id]?.pending ?? []).toEqual([]));
    await until(bob, (s) =>
      expect(s.timelines[id]?.messages.at(-1)?.attachments[0]?.name).toBe('over-rest.pdf'),
    );
  });

  it('refuses the file to someone removed from the group', async () => {
    const [annId, bobId, catId] = [user('ann'), user('bob'), user('cat')];
    const ann = clientFor(server, annId);
    const cat = clientFor(server, catId);
    await until(ann, (s) => expect(s.connection.status).toBe('connected'));
    const group = await ann.createGroupConversation({ participantIds: [bobId, catId] });
    ann.openConversation(group.id);
    ann.sendMessage(group.id, {
      files: [new File([new Uint8Array(pdf)], 'minutes.pdf', { type: 'application/pdf' })],
    });
    await until(ann, (s) => expect(s.timelines[group.id]?.messages).toHaveLength(1));
    const uploadId = ann.getSnapshot().timelines[group.id]?.messages[0]?.attachments[0]
      ?.uploadId as string;
    await expect(cat.getUploadUrls(group.id, uploadId)).resolves.toMatchObject({ uploadId });

    await ann.removeParticipant(group.id, catId);
    const fresh = clientFor(server, catId);
    await expect(fresh.getUploadUrls(group.id, uploadId)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
