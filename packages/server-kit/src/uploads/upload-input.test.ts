import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { UploadTarget } from '@banter/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restCall } from '../../test/rest-call';
import { directBetween, ok, request, settle, uniqueUsers } from '../../test/sockets';
import { startExtraServer, type TestServer, useTestServer } from '../../test/test-server';
import {
  absolute,
  html,
  jpegWithGps,
  pdf,
  png,
  putBytes,
  uploadFile,
} from '../../test/upload-files';
import { diskUploads } from './disk-uploads';

// Bad input, as a client sends it: every refusal is a typed error, and nothing of it is stored.
const root = mkdtempSync(join(tmpdir(), 'banter-upload-input-'));
const dir = join(root, 'uploads');
let clock = Date.now();
const server = useTestServer({
  now: () => new Date(clock),
  uploads: {
    store: diskUploads({ dir }),
    maxFileBytes: 1_000_000,
    quotaBytes: 3_000_000,
    createRate: { perSecond: 0.001, burst: 40 },
    sweepIntervalMs: 50,
  },
});
const user = uniqueUsers();

async function pair() {
  const ann = user('ann');
  const bob = user('bob');
  const annSocket = await server.connect(ann);
  const bobSocket = await server.connect(bob);
  return { ann, bob, annSocket, bobSocket, conversationId: await directBetween(annSocket, bob) };
}

const ask = (conversationId: string, fields: Record<string, unknown>) => ({
  conversationId,
  clientId: `c-${Math.random()}`,
  name: 'a.pdf',
  size: pdf.length,
  type: 'application/pdf',
  ...fields,
});

/** Every file under the upload directory, relative to the temporary root. */
function filesUnderRoot(): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(at, entry.name)) : [relative(root, join(at, entry.name))],
    );
  return walk(root);
}

describe('upload:create refuses bad input with typed errors', () => {
  it('refuses a file above maxFileBytes with file_too_large and the limit', async () => {
    const { annSocket, conversationId } = await pair();
    const result = await request(
      annSocket,
      'upload:create',
      ask(conversationId, { size: 1_000_001 }),
    );
    expect(result.ok === false && result.error).toMatchObject({
      code: 'file_too_large',
      limit: 1_000_000,
      retryable: false,
    });
  });

  it('refuses zero bytes with file_empty', async () => {
    const { annSocket, conversationId } = await pair();
    const result = await request(annSocket, 'upload:create', ask(conversationId, { size: 0 }));
    expect(result.ok === false && result.error.code).toBe('file_empty');
  });

  it.each([
    ['an executable', 'application/x-msdownload'],
    ['an SVG', 'image/svg+xml'],
    ['an HTML page', 'text/html'],
  ])('refuses %s declared as such with file_type_not_allowed', async (_, type) => {
    const { annSocket, conversationId } = await pair();
    const result = await request(annSocket, 'upload:create', ask(conversationId, { type }));
    expect(result.ok === false && result.error.code).toBe('file_type_not_allowed');
  });

  it('refuses an upload to a conversation the user is not in with not_found', async () => {
    const { conversationId } = await pair();
    const stranger = await server.connect(user('eve'));
    const result = await request(stranger, 'upload:create', ask(conversationId, {}));
    expect(result.ok === false && result.error.code).toBe('not_found');
  });

  it('refuses a name with NUL as bad_request naming the field', async () => {
    const { annSocket, conversationId } = await pair();
    const result = await request(
      annSocket,
      'upload:create',
      ask(conversationId, { name: 'a\u0000.pdf' }),
    );
    expect(result.ok === false && result.error).toMatchObject({
      code: 'bad_request',
      issues: [{ path: 'name' }],
    });
  });

  it.each([
    ['../../../etc/passwd.pdf', 'passwd.pdf'],
    ['/etc/shadow.pdf', 'shadow.pdf'],
    ['C:\\Windows\\System32\\drivers.pdf', 'drivers.pdf'],
    ['invoice\u202Efdp.exe.pdf', 'invoicefdp.exe.pdf'],
    ['..', 'file'],
    ['<script>x</script>.pdf', 'script_.pdf'],
    ['con.pdf', '_con.pdf'],
  ])('stores the name %j as %j, and writes only inside its directory', async (name, stored) => {
    const { annSocket, conversationId } = await pair();
    const upload = await uploadFile(annSocket, server.url, conversationId, {
      name,
      type: 'application/pdf',
      bytes: pdf,
    });
    expect(upload.name).toBe(stored);
    for (const path of filesUnderRoot()) {
      expect(path).toMatch(/^uploads\/(received|files|thumbnails|partial)\/upl_[A-Za-z0-9_-]{22}/);
    }
  });

  it('shortens a 1,000-character name to 255, keeping its extension', async () => {
    const { annSocket, conversationId } = await pair();
    const { upload } = await ok(
      annSocket,
      'upload:create',
      ask(conversationId, { name: `${'é'.repeat(996)}.pdf` }),
    );
    expect(upload.name).toHaveLength(255);
    expect(upload.name.endsWith('.pdf')).toBe(true);
  });

  it('limits a flood of upload requests with rate_limited and a retry-after', async () => {
    const flooder = await startExtraServer({
      uploads: {
        store: diskUploads({ dir: join(root, 'flood') }),
        createRate: { perSecond: 0.01, burst: 3 },
      },
    });
    try {
      const ann = user('ann');
      const socket = await flooder.connect(ann);
      const conversationId = await directBetween(socket, user('bob'));
      const answers = [];
      for (let i = 0; i < 5; i++)
        answers.push(await request(socket, 'upload:create', ask(conversationId, {})));
      expect(answers.map((a) => a.ok)).toEqual([true, true, true, false, false]);
      const refused = answers[3];
      expect(refused?.ok === false && refused.error.code).toBe('rate_limited');
      expect(refused?.ok === false && refused.error.retryAfterMs).toBeGreaterThan(0);
    } finally {
      await flooder.close();
    }
  });

  it('refuses uploads beyond the quota of unsent bytes with quota_exceeded and the limit', async () => {
    const { annSocket, conversationId } = await pair();
    for (let i = 0; i < 3; i++) {
      await ok(annSocket, 'upload:create', ask(conversationId, { size: 1_000_000 }));
    }
    const over = await request(annSocket, 'upload:create', ask(conversationId, { size: 1 }));
    expect(over.ok === false && over.error).toMatchObject({
      code: 'quota_exceeded',
      limit: 3_000_000,
    });
  });
});

describe('upload:complete checks the bytes, not the declared type', () => {
  it('refuses a PNG declared as JPEG and a PDF declared as text with file_type_mismatch', async () => {
    const { annSocket, conversationId } = await pair();
    for (const [bytes, type] of [
      [await png(), 'image/jpeg'],
      [pdf, 'text/plain'],
      [html, 'image/gif'],
    ] as const) {
      const { upload, target } = await ok(
        annSocket,
        'upload:create',
        ask(conversationId, { size: bytes.length, type }),
      );
      await putBytes(server.url, target as UploadTarget, bytes);
      const result = await request(annSocket, 'upload:complete', { uploadId: upload.id });
      expect(result.ok === false && result.error.code).toBe('file_type_mismatch');
    }
  });

  it('takes plain text declared text/plain and serves it as a download', async () => {
    const { annSocket, conversationId } = await pair();
    const upload = await uploadFile(annSocket, server.url, conversationId, {
      name: 'notes.txt',
      type: 'text/plain',
      bytes: Buffer.from('shopping: milk, eggs\n'),
    });
    expect(upload.type).toBe('text/plain');
    const [urls] = await ok(annSocket, 'upload:urls', { conversationId, uploadIds: [upload.id] });
    const file = await fetch(absolute(server.url, urls?.url ?? ''));
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
  });
});

describe('the disk store byte routes', () => {
  it('refuses more bytes than declared with 413 file_too_large, keeping nothing', async () => {
    const { annSocket, conversationId } = await pair();
    const { upload, target } = await ok(annSocket, 'upload:create', ask(conversationId, {}));
    const put = await putBytes(server.url, target as UploadTarget, Buffer.concat([pdf, pdf]));
    expect(put.status).toBe(413);
    expect(((await put.json()) as { error: { code: string } }).error.code).toBe('file_too_large');
    const complete = await request(annSocket, 'upload:complete', { uploadId: upload.id });
    expect(complete.ok === false && complete.error.code).toBe('upload_incomplete');
  });

  it('refuses a tampered signature with 403 forbidden and an expired target with 403 url_expired', async () => {
    const { annSocket, conversationId } = await pair();
    const { target } = await ok(annSocket, 'upload:create', ask(conversationId, {}));
    const url = (target as UploadTarget).url;
    const tampered = url.replace(/signature=(.)/, (_, c) => `signature=${c === 'a' ? 'b' : 'a'}`);
    const forged = await putBytes(server.url, { ...(target as UploadTarget), url: tampered }, pdf);
    expect([
      forged.status,
      ((await forged.json()) as { error: { code: string } }).error.code,
    ]).toEqual([403, 'forbidden']);
    clock += 16 * 60_000;
    const late = await putBytes(server.url, target as UploadTarget, pdf);
    expect([late.status, ((await late.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'url_expired',
    ]);
  });

  it('sends nosniff and a sandbox CSP with every answer', async () => {
    const { annSocket, conversationId } = await pair();
    const upload = await uploadFile(annSocket, server.url, conversationId, {
      name: 'p.jpg',
      type: 'image/jpeg',
      bytes: await jpegWithGps(64, 64),
    });
    const [urls] = await ok(annSocket, 'upload:urls', { conversationId, uploadIds: [upload.id] });
    for (const url of [
      urls?.url,
      urls?.thumbnailUrl,
      `/uploads/${upload.id}/file?expires=1&signature=00`,
    ]) {
      const answer = await fetch(absolute(server.url, url ?? ''));
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toContain('sandbox');
    }
  });

  it('serves the same flow over REST: 201 on create, URLs by a comma-separated list', async () => {
    const { ann, annSocket, conversationId } = await pair();
    const created = await restCall<{ upload: { id: string }; target: UploadTarget }>(
      server.url,
      ann,
      'POST',
      `/conversations/${conversationId}/uploads`,
      { clientId: 'rest-1', name: 'r.pdf', size: pdf.length, type: 'application/pdf' },
    );
    expect(created.status).toBe(201);
    if (!created.body.ok) throw new Error('create failed');
    await putBytes(server.url, created.body.data.target, pdf);
    const uploadId = created.body.data.upload.id;
    expect((await restCall(server.url, ann, 'POST', `/uploads/${uploadId}/complete`)).status).toBe(
      200,
    );
    const other = await uploadFile(annSocket, server.url, conversationId, {
      name: 'o.pdf',
      type: 'application/pdf',
      bytes: pdf,
    });
    const urls = await restCall<unknown[]>(
      server.url,
      ann,
      'GET',
      `/conversations/${conversationId}/upload-urls?uploadIds=${uploadId},${other.id}`,
    );
    expect(urls.status).toBe(200);
    expect(urls.body.ok && urls.body.data).toHaveLength(2);
  });
});

describe('the sweeper', () => {
  let swept: TestServer;
  let sweptClock = Date.now();
  beforeAll(async () => {
    swept = await startExtraServer({
      now: () => new Date(sweptClock),
      uploads: { store: diskUploads({ dir: join(root, 'swept') }), sweepIntervalMs: 50 },
    });
  });
  afterAll(() => swept.close());

  it('deletes uploads no message used a day after they were made, and keeps sent ones', async () => {
    const ann = user('ann');
    const socket = await swept.connect(ann);
    const conversationId = await directBetween(socket, user('bob'));
    const unsent = await uploadFile(socket, swept.url, conversationId, {
      name: 'u.pdf',
      type: 'application/pdf',
      bytes: pdf,
    });
    const sent = await uploadFile(socket, swept.url, conversationId, {
      name: 's.pdf',
      type: 'application/pdf',
      bytes: pdf,
    });
    await ok(socket, 'message:send', {
      conversationId,
      clientId: 'keep',
      kind: 'file',
      uploadIds: [sent.id],
    });
    sweptClock += 24 * 3_600_000 + 1_000;
    const gone = async () => {
      const answer = await request(socket, 'upload:urls', {
        conversationId,
        uploadIds: [unsent.id],
      });
      return answer.ok === false && answer.error.code === 'not_found';
    };
    // The sweeper deletes the row, then the bytes: wait for both.
    const filesLeft = () => readdirSync(join(root, 'swept', 'files'));
    for (let i = 0; i < 100 && !((await gone()) && filesLeft().length === 1); i++) await settle(50);
    expect(await gone()).toBe(true);
    expect(filesLeft()).toEqual([sent.id]);
    expect(await ok(socket, 'upload:urls', { conversationId, uploadIds: [sent.id] })).toHaveLength(
      1,
    );
  });
});

afterAll(() => {
  clock = Date.now();
});
