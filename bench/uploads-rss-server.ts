/**
 * The server process of bench/uploads-rss.ts: Banter on PGlite (a fresh data
 * folder) with `diskUploads`, on a loopback port, forked with an IPC channel.
 *
 * Its parent sends `{ type: 'start' }` before an upload and `{ type: 'stop' }`
 * after it; in between this process samples `process.memoryUsage()` every
 * few milliseconds and answers the highest value of each field, and the
 * values after a forced GC, so the parent can tell memory the upload holds
 * from garbage it left for the collector. Argument: `maxFileBytes`, and
 * optionally `--gc-every <ms>` (forced GC while sampling, with --expose-gc).
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { createBanter } from '../packages/server-kit/src/create-banter';
import { silentLogger } from '../packages/server-kit/src/logger';
import { pgliteStorage } from '../packages/server-kit/src/storage/pglite';
import { diskUploads } from '../packages/server-kit/src/uploads/disk-uploads';
import { testAuthenticator } from '../packages/server-kit/test/tokens';

/** The fields of `process.memoryUsage()`, in bytes. */
export type Memory = Record<keyof NodeJS.MemoryUsage, number>;

/** What the server answers to `stop`. */
export interface Sampled {
  /** When `start` arrived. */
  before: Memory;
  /** The highest value of each field while sampling. */
  peak: Memory;
  /** After `stop`, before any forced GC. */
  after: Memory;
  /** After a forced GC (null without --expose-gc): what the upload left reachable. */
  afterGc: Memory | null;
  samples: number;
}

const maxFileBytes = Number(process.argv[2]);
const gcAt = process.argv.indexOf('--gc-every');
const gcEveryMs = gcAt === -1 ? 0 : Number(process.argv[gcAt + 1]);
const collect = (globalThis as { gc?: () => void }).gc;

const storage = await pgliteStorage({ dataDir: mkdtempSync(join(tmpdir(), 'bench-uploads-db-')) });
const banter = createBanter({
  storage,
  authenticate: testAuthenticator(),
  logger: silentLogger,
  uploads: {
    store: diskUploads({ dir: mkdtempSync(join(tmpdir(), 'bench-uploads-files-')) }),
    maxFileBytes,
    quotaBytes: Math.max(256 * 1024 * 1024, 2 * maxFileBytes),
  },
  limits: { requestRate: { perSecond: 1000, burst: 1000 } },
});
const app = express();
app.use('/chat', banter.router);
const http = createServer(app);
const io = new Server(http);
banter.attach(io);

const memory = (): Memory => ({ ...process.memoryUsage() });
let sampling: { before: Memory; peak: Memory; timer: NodeJS.Timeout; samples: number } | null =
  null;
let lastGc = 0;
const sample = () => {
  if (!sampling) return;
  if (gcEveryMs > 0 && collect && Date.now() - lastGc >= gcEveryMs) {
    collect();
    lastGc = Date.now();
  }
  const now = memory();
  for (const key of Object.keys(now) as (keyof Memory)[]) {
    sampling.peak[key] = Math.max(sampling.peak[key], now[key]);
  }
  sampling.samples++;
};

process.on('message', (message: { type: 'start' | 'stop' | 'exit' }) => {
  if (message.type === 'start') {
    const before = memory();
    sampling = { before, peak: { ...before }, timer: setInterval(sample, 2), samples: 0 };
    process.send?.({ type: 'started' });
  } else if (message.type === 'stop' && sampling) {
    sample();
    clearInterval(sampling.timer);
    const after = memory();
    let afterGc: Memory | null = null;
    if (collect) {
      collect();
      afterGc = memory();
    }
    const result: Sampled = {
      before: sampling.before,
      peak: sampling.peak,
      after,
      afterGc,
      samples: sampling.samples,
    };
    sampling = null;
    process.send?.({ type: 'sampled', result });
  } else if (message.type === 'exit') {
    void banter
      .close()
      .then(() => storage.close())
      .finally(() => process.exit(0));
  }
});

http.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (http.address() as AddressInfo).port });
});
