import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import express from 'express';
import { type ServerOptions, Server as SocketServer } from 'socket.io';
import { afterAll, beforeAll } from 'vitest';
import { type Banter, createBanter } from '../src/create-banter';
import { silentLogger } from '../src/logger';
import type { BanterOptions } from '../src/options';
import type { BanterNamespace } from '../src/socket/types';
import { pgliteStorage } from '../src/storage/pglite';
import type { Storage } from '../src/storage/storage';
import { type ClientSocket, connected, openSocket } from './sockets';
import { signToken, testAuthenticator } from './tokens';

export interface TestServer {
  url: string;
  port: number;
  /** Banter's namespace on the server's Socket.IO instance. */
  namespace: BanterNamespace;
  /** Closes every client's transport at once, as a server-side network drop would. */
  dropConnections(): void;
  banter: Banter;
  storage: Storage;
  app: express.Express;
  http: HttpServer;
  /** A connected socket for the user; closed by `close()`. */
  connect(userId: string, options?: ConnectOptions): Promise<ClientSocket>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  token?: string;
  origin?: string;
}

export interface TestServerOptions {
  /**
   * Settings for a Socket.IO server of the test's own (short heartbeats, so dead links are
   * found in well under a second). Without them Banter makes its own, as the README shows.
   */
  socket?: Partial<ServerOptions>;
  /** Wraps the storage, to see or act on its calls (see `spyOnStorage`). */
  storage?: (storage: Storage) => Storage;
  /** A fixed loopback port; ephemeral by default. */
  port?: number;
}

/** PGlite takes seconds to start, many more on a busy machine: hooks wait for it, not a clock. */
const startTimeoutMs = 120_000;
let schemaCounter = 0;

/**
 * A Banter server on loopback for the tests of one file: started before them, closed after.
 * Call it once at the top of the file (or of a `describe`); every server of a file shares one
 * PGlite, each in its own schema, since each instance costs most of a gigabyte and seconds to start.
 * The returned object stands for the running server, so use it inside tests and hooks.
 */
export function useTestServer(
  overrides: Partial<BanterOptions> = {},
  options: TestServerOptions = {},
): TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(await fileDatabase.acquire(), overrides, options);
  }, startTimeoutMs);
  afterAll(async () => {
    await server?.close();
    server = undefined;
    await fileDatabase.release();
  }, startTimeoutMs);
  // TestServer's methods are closures, so its values can be handed out as they are.
  return new Proxy({} as TestServer, {
    get(_, key) {
      if (!server) throw new Error('the test server runs from beforeAll to afterAll: use it there');
      return Reflect.get(server, key);
    },
  });
}

/**
 * One more server on the file's PGlite, for a test that needs other settings than the file's
 * `useTestServer`; the test closes it.
 */
export async function startExtraServer(
  overrides: Partial<BanterOptions> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const server = await startServer(await fileDatabase.acquire(), overrides, options);
  return {
    ...server,
    async close() {
      await server.close();
      await fileDatabase.release();
    },
  };
}

/** The file's one PGlite, opened by the first server that needs it and closed after the last. */
const fileDatabase = (() => {
  let db: Promise<PGlite> | undefined;
  let users = 0;
  return {
    acquire() {
      users += 1;
      db ??= PGlite.create();
      return db;
    },
    async release() {
      users -= 1;
      if (users > 0 || !db) return;
      const closing = db;
      db = undefined;
      await (await closing).close();
    },
  };
})();

/**
 * Starts Express + Socket.IO + Banter on a loopback port, in a schema of its own in `db`.
 * Prefer `useTestServer`; this is for tests that start and stop servers themselves.
 */
export async function startServer(
  db: PGlite,
  overrides: Partial<BanterOptions> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const ownStorage = await pgliteStorage({ db, schema: `t${process.pid}_${++schemaCounter}` });
  const storage = options.storage ? options.storage(ownStorage) : ownStorage;
  const banter = createBanter({
    storage,
    authenticate: testAuthenticator(),
    logger: silentLogger,
    ...overrides,
  });
  const app = express();
  app.use('/chat', banter.router);
  const http = createServer(app);
  const namespace = options.socket
    ? banter.attach(new SocketServer(http, options.socket))
    : banter.attach(http);
  http.listen(options.port ?? 0, '127.0.0.1');
  await once(http, 'listening');
  const port = (http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const sockets: ClientSocket[] = [];

  return {
    url,
    port,
    namespace,
    dropConnections() {
      // Engine clients are not in the public typings; closing each is what a network drop does.
      const { clients } = namespace.server.engine as unknown as {
        clients: Record<string, { close(): void }>;
      };
      for (const client of Object.values(clients)) client.close();
    },
    banter,
    storage,
    app,
    http,
    async connect(userId, connectOptions = {}) {
      const token = connectOptions.token ?? (await signToken(userId));
      const socket = openSocket(url, token, connectOptions.origin);
      sockets.push(socket);
      return connected(socket);
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await banter.close();
      namespace.server.engine.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
