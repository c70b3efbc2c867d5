import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AckResult,
  ClientToServerEvents,
  RequestName,
  RequestResult,
  ServerToClientEvents,
} from '@banter/core/protocol';
import type { PGlite } from '@electric-sql/pglite';
import express from 'express';
import { SignJWT } from 'jose';
import { type ServerOptions, Server as SocketServer } from 'socket.io';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { createJwtAuthenticator } from '../src/auth/jwt';
import { type Banter, createBanter } from '../src/create-banter';
import { silentLogger } from '../src/logger';
import type { BanterOptions } from '../src/options';
import type { BanterNamespace } from '../src/socket/types';
import { pgliteStorage } from '../src/storage/pglite';
import type { Storage } from '../src/storage/storage';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Shared with server processes started by multi-process tests. */
export const testJwtSecret = 'test-secret-that-is-long-enough-for-hs256';
const secret = new TextEncoder().encode(testJwtSecret);
const issuer = 'https://auth.test';
const audience = 'banter-tests';
let schemaCounter = 0;

export interface TokenOptions {
  expiresInSec?: number;
  audience?: string;
  issuer?: string;
  key?: Uint8Array;
}

export function signToken(userId: string, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSec ?? 3600))
    .sign(options.key ?? secret);
}

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

/**
 * Starts Express + Socket.IO + Banter on an ephemeral loopback port. Give it
 * the file's shared PGlite: each server gets its own schema in it.
 */
export async function startServer(
  db: PGlite,
  overrides: Partial<BanterOptions> = {},
  socketOptions: Partial<ServerOptions> = {},
  port = 0,
): Promise<TestServer> {
  const storage = await pgliteStorage({ db, schema: `t${process.pid}_${++schemaCounter}` });
  const banter = createBanter({
    storage,
    authenticate: createJwtAuthenticator({ secret, algorithms: ['HS256'], issuer, audience }),
    logger: silentLogger,
    ...overrides,
  });
  const app = express();
  app.use('/chat', banter.router);
  const http = createServer(app);
  // By default Banter makes its own Socket.IO server on the HTTP server (the README's path); tests that
  // need other engine settings (short heartbeats, so dead links are found in well under a second) bring one.
  const namespace =
    Object.keys(socketOptions).length === 0
      ? banter.attach(http)
      : banter.attach(new SocketServer(http, socketOptions));
  http.listen(port, '127.0.0.1');
  await once(http, 'listening');
  const boundPort = (http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${boundPort}`;
  const sockets: ClientSocket[] = [];

  return {
    url,
    port: boundPort,
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
    async connect(userId, options = {}) {
      const socket = openSocket(url, options.token ?? (await signToken(userId)), options.origin);
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
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

/** A socket that does not reconnect by itself, so tests see every refusal. */
export function openSocket(url: string, token: string, origin?: string): ClientSocket {
  return connectSocket(`${url}/banter`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: origin ? { origin } : undefined,
  });
}

/** Sends a request and waits for its ack. */
export async function request<E extends RequestName>(
  socket: ClientSocket,
  event: E,
  payload: unknown,
): Promise<AckResult<RequestResult<E>>> {
  const timed = socket.timeout(5_000);
  const emit = timed.emitWithAck.bind(timed) as (
    event: string,
    payload: unknown,
  ) => Promise<unknown>;
  return (await emit(event, payload)) as AckResult<RequestResult<E>>;
}

/** Like `request`, but fails the test unless the ack is a success. */
export async function ok<E extends RequestName>(socket: ClientSocket, event: E, payload: unknown) {
  const result = await request(socket, event, payload);
  if (!result.ok) throw new Error(`${event} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Resolves with the next matching server event, or rejects after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 3_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!match(...args)) return;
      cleanup();
      resolve(args[0]);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      (socket.off as (event: string, listener: unknown) => void)(event, listener);
    };
    (socket.on as (event: string, listener: unknown) => void)(event, listener);
  });
}

/** Collects every event of one kind, to assert that something did not arrive. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket.on as (event: string, listener: unknown) => void)(event, (payload: never) =>
    seen.push(payload),
  );
  return seen;
}

/** Waits for in-flight socket traffic on loopback to settle. */
export const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

export async function directBetween(a: ClientSocket, otherUserId: string) {
  const { conversation } = await ok(a, 'conversation:create', {
    kind: 'direct',
    userId: otherUserId,
  });
  return conversation.id;
}
