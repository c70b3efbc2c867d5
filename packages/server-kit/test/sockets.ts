import type {
  AckResult,
  ClientToServerEvents,
  RequestName,
  RequestResult,
  ServerToClientEvents,
} from '@banter/core/protocol';
import { io as connectSocket, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

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

/** Resolves with `socket` once it is connected; rejects with its `connect_error`. */
export function connected(socket: ClientSocket): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
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

/** Resolves with the reason when the socket disconnects. */
export function disconnection(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** Collects every event of one kind, to assert that something did not arrive. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket.on as (event: string, listener: unknown) => void)(event, (payload: never) =>
    seen.push(payload),
  );
  return seen;
}

/** Names unique within the file, so the tests of a file never share a user: `user('ann')` → `ann-1`. */
export function uniqueUsers() {
  let n = 0;
  return (name: string) => `${name}-${++n}`;
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
