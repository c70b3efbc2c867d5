/**
 * Banter as a host would mount it: Express + the HTTP server, Banter's own
 * Socket.IO server with its default engine settings, JWT authentication and
 * SQL storage. PostgreSQL when BENCH_PG_URL is set (a pool of BENCH_PG_POOL
 * connections, default 10 as in `postgresStorage`), otherwise PGlite in the
 * data folder BENCH_PGLITE_DIR (placed as BENCH_PGLITE_PLACEMENT says). Only the limits that would throttle a load
 * test are opened up: send and request rates, and the group size (the group
 * scenario has 200 members). BENCH_WEBHOOKS, Banter's `webhooks` option as JSON, turns
 * webhooks on (bench/webhooks.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createBanter,
  createJwtAuthenticator,
  type Storage,
  silentLogger,
} from '@banter/server-kit';
import express from 'express';
import pg from 'pg';
import { jwtSettings } from './auth';
import { serveControl } from './server-control';

/** The PostgreSQL pool, ended at close (`postgresStorage` does not end a pool it was given). */
let pool: pg.Pool | null = null;

async function openStorage(): Promise<Storage> {
  const url = process.env.BENCH_PG_URL;
  if (url) {
    const { postgresStorage } = await import('@banter/server-kit/postgres');
    // The pool `postgresStorage` makes, except that idle connections stay open (pg closes them
    // after 10 s): a server set up first idled while the other was set up, and then opened
    // new backends during its timed part, each counted whole (its start and first statements)
    // by the benchmarks' CPU figure, which biased every run towards the server set up first.
    pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.BENCH_PG_POOL ?? 10),
      idleTimeoutMillis: 0,
    });
    pool.on('error', () => {});
    return postgresStorage({ pool });
  }
  const dataDir = process.env.BENCH_PGLITE_DIR;
  if (!dataDir) throw new Error('set BENCH_PG_URL or BENCH_PGLITE_DIR');
  // Where PGlite runs: a worker thread (what pgliteStorage does), a child process, or
  // inline on the socket thread (how it ran before; a host's own PGlite instance still does).
  const placement = process.env.BENCH_PGLITE_PLACEMENT ?? 'thread';
  if (placement === 'inline') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pgliteStorage } = await import('@banter/server-kit/pglite');
    return pgliteStorage({ db: await PGlite.create(dataDir) });
  }
  if (placement !== 'thread' && placement !== 'process')
    throw new Error(`BENCH_PGLITE_PLACEMENT: use thread, process or inline, not ${placement}`);
  const { DatabaseWorkerStorage } = await import(
    '../../packages/server-kit/src/storage/database-worker-storage'
  );
  return DatabaseWorkerStorage.start({ dataDir, schema: undefined, placement });
}

const unlimited = { perSecond: 1_000_000, burst: 1_000_000 };
const storage = await openStorage();
const banter = createBanter({
  storage,
  authenticate: createJwtAuthenticator({
    secret: jwtSettings.secret,
    issuer: jwtSettings.issuer,
    audience: jwtSettings.audience,
    algorithms: ['HS256'],
  }),
  logger: silentLogger,
  limits: { sendRate: unlimited, requestRate: unlimited, maxGroupSize: 1_000 },
  // bench/webhooks.ts: the same server with webhooks on (the `webhooks` option as JSON).
  webhooks: process.env.BENCH_WEBHOOKS ? JSON.parse(process.env.BENCH_WEBHOOKS) : undefined,
});
const app = express();
app.use('/chat', banter.router);
const http = createServer(app);
banter.attach(http);

http.listen(0, '127.0.0.1', () => {
  serveControl((http.address() as AddressInfo).port, async () => {
    await banter.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await storage.close();
    await pool?.end();
  });
});
