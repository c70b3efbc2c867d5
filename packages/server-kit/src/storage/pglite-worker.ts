/**
 * The database side of `pgliteStorage`: PGlite and the SQL store (with its group
 * commit) in a worker thread or a child process of their own, so that running
 * queries never blocks the thread that reads the sockets. It answers the Storage
 * calls the server posts (`database-wire.ts`); the server restarts it if it dies.
 */
import { parentPort } from 'node:worker_threads';
import {
  batchedPoster,
  type FromDatabase,
  type StorageMethod,
  type ToDatabase,
  toWireError,
} from './database-wire';
import { autovacuum, migrateIfBehind, pgliteDriver } from './pglite-driver';
import { openPglite } from './pglite-open';
import type { SqlDriver } from './sql-driver';
import type { SqlStorage } from './sql-storage';

interface Port {
  post(messages: FromDatabase[]): void;
  /** Posts a last message, then ends the thread or process. */
  end(message: FromDatabase): void;
  listen(on: (messages: ToDatabase[]) => void): void;
}

const port: Port = parentPort
  ? {
      post: (messages) => parentPort?.postMessage(messages),
      end: (message) => {
        parentPort?.postMessage([message]);
        process.exit(0);
      },
      listen: (on) => parentPort?.on('message', on),
    }
  : {
      post: (messages) => process.send?.(messages),
      end: (message) => process.send?.([message], () => process.exit(0)),
      listen: (on) => process.on('message', (m) => on(m as ToDatabase[])),
    };
// A child process whose server died has nobody left to answer.
if (!parentPort) process.on('disconnect', () => process.exit(0));

const post = batchedPoster<FromDatabase>((messages) => port.post(messages));
let storage: SqlStorage | null = null;
let driver: SqlDriver | null = null;
const vacuumEveryMs = 2_000;

async function open(dataDir: string | undefined, schema: string | undefined) {
  try {
    // The store's code (and the protocol it imports) loads while PGlite starts.
    const [db, { SqlStorage }] = await Promise.all([openPglite(dataDir), import('./sql-storage')]);
    const opened = pgliteDriver(db, true);
    storage = new SqlStorage(opened, schema);
    await migrateIfBehind(opened, storage, schema);
    driver = opened;
    // What autovacuum would do: single-user PostgreSQL has none (see `autovacuum`).
    setInterval(() => {
      void autovacuum(opened, schema).catch(() => {});
    }, vacuumEveryMs).unref();
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'failed', error: toWireError(error) });
  }
}

async function call(id: number, method: StorageMethod, args: unknown[]) {
  try {
    if (!storage) throw new Error('the database is not open');
    const fn = storage[method] as (...a: unknown[]) => Promise<unknown>;
    post({ type: 'result', id, value: await fn.apply(storage, args) });
  } catch (error) {
    post({ type: 'error', id, error: toWireError(error) });
  }
}

async function query(id: number, sql: string, params: unknown[]) {
  try {
    if (!driver) throw new Error('the database is not open');
    post({ type: 'result', id, value: await driver.query(sql, params) });
  } catch (error) {
    post({ type: 'error', id, error: toWireError(error) });
  }
}

async function close() {
  await storage?.close().catch(() => {});
  port.end({ type: 'closed' });
}

/**
 * What arrived is handled after the loop's I/O, all of it at once. A thread's port hands
 * over one message per callback and runs the microtasks in between, and PGlite runs a
 * query synchronously inside them: each send would go alone, and at a thousand sends a
 * second the group commit would never group anything.
 */
let inbox: ToDatabase[] = [];
function handle() {
  const messages = inbox;
  inbox = [];
  for (const message of messages) {
    if (message.type === 'call') void call(message.id, message.method, message.args);
    else if (message.type === 'query') void query(message.id, message.sql, message.params);
    else if (message.type === 'open') void open(message.dataDir, message.schema);
    else if (message.type === 'close') void close();
  }
}

port.listen((messages) => {
  if (inbox.length === 0) setImmediate(handle);
  inbox.push(...messages);
});
