import type { Message } from '@banter/core/protocol';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { UploadOptions } from '../src/uploads/upload-options';
import { collect, directBetween, nextEvent, ok, request, settle, uniqueUsers } from './sockets';
import { useTestServer } from './test-server';
import {
  absolute,
  html,
  jpegWithGps,
  pdf,
  putBytes,
  svg,
  uploadAndComplete,
  uploadFile,
} from './upload-files';

/**
 * What every upload store must do, checked the way a client meets it: real
 * sockets, real HTTP to the targets and file URLs the server hands out.
 * `diskUploads` runs it under `npm test`, `s3Uploads` against a local S3
 * server under `npm run test:services`. `options()` is read when the
 * server starts (in `beforeAll`), so a store may be made there.
 */
export function describeUploadConformance(label: string, options: () => UploadOptions) {
  describe(`upload store conformance: ${label}`, () => {
    const server = useTestServer({
      get uploads() {
        return { urlTtlMs: 1_500, ...options() };
      },
    });
    const user = uniqueUsers();

    async function pair() {
      const ann = user('ann');
      const bob = user('bob');
      const annSocket = await server.connect(ann);
      const bobSocket = await server.connect(bob);
      const conversationId = await directBetween(annSocket, bob);
      return { ann, bob, annSocket, bobSocket, conversationId };
    }

    it('takes an image, strips its EXIF and GPS, and serves it inline with a thumbnail and its size', async () => {
      const { annSocket, bobSocket, conversationId } = await pair();
      const bytes = await jpegWithGps(640, 480);
      expect((await sharp(bytes).metadata()).exif).toBeDefined();
      const upload = await uploadFile(annSocket, server.url, conversationId, {
        name: 'kitchen.jpg',
        type: 'image/jpeg',
        bytes,
      });
      expect(upload).toMatchObject({
        status: 'complete',
        type: 'image/jpeg',
        width: 640,
        height: 480,
        name: 'kitchen.jpg',
      });
      expect(upload.placeholder).toMatch(/^#[0-9a-f]{6}$/);

      const arrived = nextEvent(bobSocket, 'message:new');
      const { message } = await ok(annSocket, 'message:send', {
        conversationId,
        clientId: 'img-1',
        kind: 'image',
        uploadIds: [upload.id],
      });
      expect(message.attachments).toEqual([
        {
          url: '',
          uploadId: upload.id,
          name: 'kitchen.jpg',
          mimeType: 'image/jpeg',
          size: bytes.length,
          width: 640,
          height: 480,
          placeholder: upload.placeholder,
        },
      ]);
      expect((await arrived).attachments[0]?.uploadId).toBe(upload.id);

      const [urls] = await ok(bobSocket, 'upload:urls', { conversationId, uploadIds: [upload.id] });
      const file = await fetch(absolute(server.url, urls?.url ?? ''));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/jpeg');
      expect(file.headers.get('content-disposition')).toMatch(/^inline/);
      const served = Buffer.from(await file.arrayBuffer());
      const metadata = await sharp(served).metadata();
      expect(metadata.exif).toBeUndefined();
      expect([metadata.width, metadata.height]).toEqual([640, 480]);
      expect(served.includes(Buffer.from('BanterPhone'))).toBe(false);

      const thumbnail = await fetch(absolute(server.url, urls?.thumbnailUrl ?? ''));
      expect(thumbnail.headers.get('content-type')).toBe('image/webp');
      const thumb = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
      expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 320, 240]);
    });

    it('serves a PDF as a download of the same bytes, never inline', async () => {
      const { annSocket, bobSocket, conversationId } = await pair();
      const upload = await uploadFile(annSocket, server.url, conversationId, {
        name: 'lease.pdf',
        type: 'application/pdf',
        bytes: pdf,
      });
      expect(upload).toMatchObject({ type: 'application/pdf', width: null, placeholder: null });
      await ok(annSocket, 'message:send', {
        conversationId,
        clientId: 'pdf-1',
        kind: 'file',
        uploadIds: [upload.id],
      });
      const [urls] = await ok(bobSocket, 'upload:urls', { conversationId, uploadIds: [upload.id] });
      expect(urls?.thumbnailUrl).toBeNull();
      const file = await fetch(absolute(server.url, urls?.url ?? ''));
      expect(file.headers.get('content-type')).toBe('application/octet-stream');
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="lease.pdf"/);
      expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    });

    it.each([
      ['an SVG', svg],
      ['an HTML page', html],
    ])(
      'refuses %s named .png and declared image/png, and keeps nothing of it',
      async (_, bytes) => {
        const { annSocket, conversationId } = await pair();
        const { upload, completed } = await uploadAndComplete(
          annSocket,
          server.url,
          conversationId,
          {
            name: 'photo.png',
            type: 'image/png',
            bytes,
          },
        );
        expect(completed.ok === false && completed.error.code).toBe('file_type_mismatch');
        const again = await request(annSocket, 'upload:complete', { uploadId: upload.id });
        expect(again.ok === false && again.error.code).toBe('not_found');
        expect(await options().store.receivedSize(upload.id)).toBeNull();
      },
    );

    it('keeps a retried send to one message with one attachment per upload', async () => {
      const { annSocket, bobSocket, conversationId } = await pair();
      const upload = await uploadFile(annSocket, server.url, conversationId, {
        name: 'a.pdf',
        type: 'application/pdf',
        bytes: pdf,
      });
      const seen = collect(bobSocket, 'message:new');
      const send = {
        conversationId,
        clientId: 'retry-1',
        kind: 'file',
        uploadIds: [upload.id],
      };
      const first = await ok(annSocket, 'message:send', send);
      const second = await ok(annSocket, 'message:send', send);
      expect(second.created).toBe(false);
      expect(second.message.id).toBe(first.message.id);
      expect(second.message.attachments).toHaveLength(1);
      const other = await request(annSocket, 'message:send', { ...send, clientId: 'retry-2' });
      expect(other.ok === false && other.error.code).toBe('conflict');
      const page = await ok(bobSocket, 'message:list', { conversationId });
      expect(page.messages.filter((m: Message) => m.attachments.length > 0)).toHaveLength(1);
      await settle();
      expect(seen).toHaveLength(1);
    });

    it('refuses a send of an upload not completed, of another user or of another conversation', async () => {
      const { ann, annSocket, bobSocket, conversationId } = await pair();
      const { upload } = await ok(annSocket, 'upload:create', {
        conversationId,
        clientId: 'pending-1',
        name: 'a.pdf',
        size: pdf.length,
        type: 'application/pdf',
      });
      const early = await request(annSocket, 'message:send', {
        conversationId,
        clientId: 'early',
        kind: 'file',
        uploadIds: [upload.id],
      });
      expect(early.ok === false && early.error.code).toBe('upload_incomplete');
      const incomplete = await request(annSocket, 'upload:complete', { uploadId: upload.id });
      expect(incomplete.ok === false && incomplete.error.code).toBe('upload_incomplete');

      const done = await uploadFile(annSocket, server.url, conversationId, {
        name: 'b.pdf',
        type: 'application/pdf',
        bytes: pdf,
      });
      const stolen = await request(bobSocket, 'message:send', {
        conversationId,
        clientId: 'stolen',
        kind: 'file',
        uploadIds: [done.id],
      });
      expect(stolen.ok === false && stolen.error.code).toBe('not_found');
      const carl = user('carl');
      await server.connect(carl);
      const elsewhere = await directBetween(annSocket, carl);
      const moved = await request(annSocket, 'message:send', {
        conversationId: elsewhere,
        clientId: 'moved',
        kind: 'file',
        uploadIds: [done.id],
      });
      expect(moved.ok === false && moved.error.code).toBe('not_found');
      // None of the refusals used it up: its own conversation can still have it.
      await ok(annSocket, 'message:send', {
        conversationId,
        clientId: 'fine',
        kind: 'file',
        uploadIds: [done.id],
      });
      expect(ann).toBeTruthy();
    });

    it('gives no URLs to someone removed from the group, and refuses URLs once expired', async () => {
      const ann = user('ann');
      const bob = user('bob');
      const annSocket = await server.connect(ann);
      const bobSocket = await server.connect(bob);
      const { conversation } = await ok(annSocket, 'conversation:create', {
        kind: 'group',
        participantIds: [bob],
      });
      const conversationId = conversation.id;
      const upload = await uploadFile(annSocket, server.url, conversationId, {
        name: 'plan.pdf',
        type: 'application/pdf',
        bytes: pdf,
      });
      await ok(annSocket, 'message:send', {
        conversationId,
        clientId: 'plan',
        kind: 'file',
        uploadIds: [upload.id],
      });
      const [urls] = await ok(bobSocket, 'upload:urls', { conversationId, uploadIds: [upload.id] });
      await ok(annSocket, 'conversation:removeParticipant', { conversationId, userId: bob });
      const after = await request(bobSocket, 'upload:urls', {
        conversationId,
        uploadIds: [upload.id],
      });
      expect(after.ok === false && after.error.code).toBe('not_found');
      // The URL handed out before lives 1.5 s (urlTtlMs here); twice that later it is refused.
      await settle(3_000);
      const expired = await fetch(absolute(server.url, urls?.url ?? ''));
      expect(expired.status).toBe(403);
    });

    it('lets the owner cancel an unsent upload, deleting its bytes', async () => {
      const { annSocket, bobSocket, conversationId } = await pair();
      const upload = await uploadFile(annSocket, server.url, conversationId, {
        name: 'draft.pdf',
        type: 'application/pdf',
        bytes: pdf,
      });
      const [urls] = await ok(annSocket, 'upload:urls', { conversationId, uploadIds: [upload.id] });
      const notYours = await request(bobSocket, 'upload:cancel', { uploadId: upload.id });
      expect(notYours.ok === false && notYours.error.code).toBe('not_found');
      expect(await ok(annSocket, 'upload:cancel', { uploadId: upload.id })).toEqual({
        uploadId: upload.id,
        cancelled: true,
      });
      expect((await fetch(absolute(server.url, urls?.url ?? ''))).ok).toBe(false);
      const gone = await request(annSocket, 'upload:urls', {
        conversationId,
        uploadIds: [upload.id],
      });
      expect(gone.ok === false && gone.error.code).toBe('not_found');
    });

    it('answers the same upload and a fresh target to a repeated create, and PUT again replaces the bytes', async () => {
      const { annSocket, conversationId } = await pair();
      const ask = {
        conversationId,
        clientId: 'again-1',
        name: 'x.pdf',
        size: pdf.length,
        type: 'application/pdf',
      };
      const first = await ok(annSocket, 'upload:create', ask);
      const second = await ok(annSocket, 'upload:create', ask);
      expect(second.upload.id).toBe(first.upload.id);
      if (!first.target || !second.target) throw new Error('targets expected');
      await putBytes(server.url, first.target, Buffer.alloc(pdf.length, 0x20));
      expect((await putBytes(server.url, second.target, pdf)).ok).toBe(true);
      const done = await ok(annSocket, 'upload:complete', { uploadId: first.upload.id });
      expect(done.type).toBe('application/pdf');
      const third = await ok(annSocket, 'upload:create', ask);
      expect(third.target).toBeNull();
    });
  });
}
