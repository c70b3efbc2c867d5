/**
 * Peak RSS of a Banter server process (PGlite, diskUploads) while it takes a
 * 25 MB upload: create → PUT (streamed to disk) → complete (sniffed) → send.
 * The server runs in a process of its own (test/fixtures/node-server.ts); its
 * peak RSS (VmHWM) is reset just before each upload through
 * /proc/<pid>/clear_refs, so the figure is the peak during that upload alone.
 *
 *   npx tsx bench/uploads-rss.ts [--runs 3] [--mb 25]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AckResult, UploadTarget } from '@banter/core/protocol';
import { openSocket, signToken } from '../packages/server-kit/test/harness';
import { startServerProcess } from '../packages/server-kit/test/server-process';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const runs = arg('runs', 3);
const size = arg('mb', 25) * 1_000_000;
const MiB = 1024 * 1024;

const statusOf = (pid: number, field: string) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1]) * 1024;
};

/** PUTs `size` bytes in 64 KiB chunks made on the fly: the client never holds the file either. */
function streamPut(base: string, target: UploadTarget, bytes: number): Promise<number> {
  const url = new URL(target.url.startsWith('/') ? `${base}/chat${target.url}` : target.url);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  Buffer.from('%PDF-1.4\n').copy(chunk);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'PUT',
      headers: { ...target.headers, 'Content-Length': String(bytes) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const part = sent === 0 ? chunk : chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        const slice = part.subarray(0, Math.min(part.length, bytes - sent));
        sent += slice.length;
        if (!req.write(slice)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

const node = await startServerProcess({
  pgliteDir: mkdtempSync(join(tmpdir(), 'bench-uploads-db-')),
  uploadsDir: mkdtempSync(join(tmpdir(), 'bench-uploads-files-')),
});
const pid = node.child.pid as number;
// The fixture's 300 ms heartbeat (made for fault tests) can drop this socket while a PUT keeps
// this process busy: open it again before a call when it did.
let socket = openSocket(node.url, await signToken('bench-ann'));
const call = async (event: string, payload: unknown) => {
  if (!socket.connected) {
    socket.disconnect();
    socket = openSocket(node.url, await signToken('bench-ann'));
  }
  if (!socket.connected) await new Promise((resolve) => socket.once('connect', resolve));
  const emit = socket.timeout(120_000).emitWithAck as (e: string, p: unknown) => Promise<unknown>;
  const result = (await emit.call(socket.timeout(120_000), event, payload)) as AckResult<never>;
  if (!result.ok) throw new Error(`${event}: ${result.error.code} ${result.error.message}`);
  return result.data as Record<string, unknown> & { [key: string]: never };
};
const { conversation } = (await call('conversation:create', {
  kind: 'direct',
  userId: 'bench-bob',
})) as unknown as { conversation: { id: string } };

// One small upload first, so that loading file-type, sharp and the routes is not counted.
{
  const { upload, target } = (await call('upload:create', {
    conversationId: conversation.id,
    clientId: 'bench-warm-up',
    name: 'warm.pdf',
    size: 1_000_000,
    type: 'application/pdf',
  })) as unknown as { upload: { id: string }; target: UploadTarget };
  await streamPut(node.url, target, 1_000_000);
  await call('upload:complete', { uploadId: upload.id });
}

const rows: string[] = [];
for (let run = 0; run < runs; run++) {
  const { upload, target } = (await call('upload:create', {
    conversationId: conversation.id,
    clientId: `bench-${run}`,
    name: 'big.pdf',
    size,
    type: 'application/pdf',
  })) as unknown as { upload: { id: string }; target: UploadTarget };
  const before = statusOf(pid, 'VmRSS');
  writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
  const started = Date.now();
  const status = await streamPut(node.url, target, size);
  await call('upload:complete', { uploadId: upload.id });
  await call('message:send', {
    conversationId: conversation.id,
    clientId: `bench-send-${run}`,
    kind: 'file',
    uploadIds: [upload.id],
  });
  const peak = statusOf(pid, 'VmHWM');
  rows.push(
    `| ${run + 1} | ${(before / MiB).toFixed(1)} MiB | ${(peak / MiB).toFixed(1)} MiB | +${((peak - before) / MiB).toFixed(1)} MiB | ${Date.now() - started} ms | ${status} |`,
  );
}
socket.disconnect();
await node.stop();

console.log(`${size / 1_000_000} MB upload, server process RSS (VmRSS before, VmHWM during):\n`);
console.log('| run | RSS before | peak RSS during | growth | PUT + complete + send | PUT status |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
