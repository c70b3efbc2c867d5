import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol';
import type { ChatTransport } from './chat-transport';
import { lazyRestClient } from './lazy-rest-client';
import { loadRestMachinery } from './load-rest-machinery';
import { prefetchWhenIdle } from './prefetch-when-idle';
import type { ConnectError, RealtimeEvents, RealtimeSocket } from './realtime-socket';

/** How `socketIoTransport` reaches the server; `createChatClient` fills it from its own options. */
export interface SocketIoTransportOptions {
  /** The server's origin, e.g. `https://api.example.com`. */
  url: string;
  /** Socket.IO namespace, e.g. `/banter`. */
  namespace: string;
  /** Socket.IO's HTTP path. Default `/socket.io`. */
  path?: string;
  /** Socket.IO transports, in order. Default WebSocket, then long-polling. */
  transports?: ('websocket' | 'polling' | 'webtransport')[];
  /** Where the host mounted the REST router, e.g. `/chat`; null: no REST fallback. */
  restPath: string | null;
  /** How long one connection attempt may take. */
  connectTimeoutMs: number;
  /** The fetch used for REST. Default the global one. */
  fetch?: typeof fetch;
}

/** The production transport: Socket.IO for the live link, HTTP for the fallback. */
export function socketIoTransport(options: SocketIoTransportOptions): ChatTransport {
  const origin = options.url.replace(/\/+$/, '');
  const namespace = options.namespace.startsWith('/') ? options.namespace : `/${options.namespace}`;
  return {
    createSocket() {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(
        `${origin}${namespace}`,
        {
          autoConnect: false,
          // The connection runs its own loop, so each attempt can fetch a fresh token first.
          reconnection: false,
          timeout: options.connectTimeoutMs,
          path: options.path,
          transports: options.transports ?? ['websocket', 'polling'],
          // Past a proxy that drops WebSockets; and long-polling shows the HTTP status of a
          // wrong url or path, which a browser's WebSocket error never does.
          tryAllTransports: true,
        },
      );
      // The REST code loads ahead, once the first connect is done and the page idle, so a
      // later outage does not depend on fetching code.
      if (options.restPath !== null)
        socket.once('connect', () => prefetchWhenIdle(loadRestMachinery));
      return socketIoSocket(socket, {
        path: `${origin}${options.path ?? '/socket.io'}`,
        namespace,
      });
    },
    createRest:
      options.restPath === null
        ? undefined
        : (tokens) =>
            lazyRestClient({
              baseUrl: `${origin}${options.restPath}`,
              tokens,
              fetch: options.fetch,
            }),
  };
}

/** Socket.IO's client socket seen through the narrow interface the connection needs. */
function socketIoSocket(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  where: { path: string; namespace: string },
): RealtimeSocket {
  // Socket.IO's overloads (reserved events next to typed ones) do not unify with a
  // generic signature; the event maps are the same, so one untyped view is enough here.
  const untyped = socket as unknown as {
    on(event: string, listener: (...args: never[]) => void): void;
    emit(event: string, ...args: unknown[]): void;
  };
  return {
    get connected() {
      return socket.connected;
    },
    connect(token) {
      socket.auth = { token };
      socket.connect();
    },
    disconnect() {
      socket.disconnect();
    },
    on<E extends keyof RealtimeEvents>(event: E, listener: RealtimeEvents[E]) {
      if (event === 'connect_error') {
        const told = listener as RealtimeEvents['connect_error'];
        untyped.on(event, (error: ConnectError) => told(explained(error, where)));
        return;
      }
      untyped.on(event, listener);
    },
    emit(name, payload, ack) {
      untyped.emit(name, payload, ack);
    },
  };
}

/**
 * A handshake that cannot succeed whatever the retries: nothing answers
 * Socket.IO at the path (HTTP 404), or the server has no such namespace. Told
 * as a typed `not_found` naming what to check, so the connection gives up.
 */
function explained(
  error: ConnectError & { description?: unknown; context?: { status?: unknown } },
  where: { path: string; namespace: string },
): ConnectError {
  if (error.data !== undefined) return error;
  const status = typeof error.description === 'number' ? error.description : error.context?.status;
  const message =
    status === 404
      ? `unable to connect: no Banter server answers at ${where.path} (HTTP 404); check the client's url and socketPath against where server-kit is mounted`
      : error.message === 'Invalid namespace'
        ? `unable to connect: the server has no Banter namespace ${where.namespace}; check the client's namespace against server-kit's`
        : null;
  if (message === null) return error;
  return Object.assign(error, { data: { code: 'not_found', message, retryable: false } });
}
