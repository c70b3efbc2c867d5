import type { Environment } from '../../connection/environment';
import {
  ChatError,
  type ErrorCode,
  type ErrorPayload,
  type RequestName,
  type RestRequestName,
} from '../../protocol';
import type { ChatTransport, TokenProvider } from '../../transport/chat-transport';
import { isRestRequest, type RestRequest } from '../../transport/rest-client';
import type { UploadBytes } from '../../uploads/upload-bytes';
import type { MemoryServer } from './memory-server';
import { MemorySocket } from './memory-socket';
import { memoryPut } from './memory-upload-bytes';
import type { Caller } from './operations';
import { copy } from './state';

/** How one client's link to a MemoryServer behaves from the start. */
export interface MemoryLinkOptions {
  /** Added to every trip between client and server, each way. Default 0. */
  latencyMs?: number;
}

/** What became of a request that reached the server. */
export type Served =
  | { ok: true; data: unknown }
  | { ok: false; error: ChatError }
  | { dropped: true };

type Fault =
  | { kind: 'fail'; name: RequestName | undefined; error: ChatError }
  | { kind: 'drop'; name: RequestName | undefined };

/**
 * One client's link to a MemoryServer: the transport it is created with,
 * the platform's network signals (`environment`), and the controls a test or
 * a story uses to break it. Pass it as `transport` and its `environment` to
 * `createChatClient`.
 */
export class MemoryTransport implements ChatTransport {
  /** The server this link reaches. */
  readonly server: MemoryServer;
  /** The network signals this link's controls drive; pass it to `createChatClient`. */
  readonly environment: Environment;
  #latencyMs: number;
  #online = true;
  #socketBlocked = false;
  #stalled = false;
  #refusal: ErrorPayload | null = null;
  /** Work held back by `hold()`, run in order on release. */
  #held: (() => void)[] | null = null;
  #faults: Fault[] = [];
  readonly #sockets = new Set<MemorySocket>();
  readonly #wake = new Set<() => void>();
  readonly #offline = new Set<() => void>();

  constructor(server: MemoryServer, options: MemoryLinkOptions = {}) {
    this.server = server;
    this.#latencyMs = options.latencyMs ?? 0;
    this.environment = {
      isOnline: () => this.#online,
      onWake: (listener) => subscribe(this.#wake, listener),
      onOffline: (listener) => subscribe(this.#offline, listener),
    };
  }

  /** Takes an upload's bytes in memory, across this link (offline fails it, `hold()` holds it). */
  readonly uploadBytes: UploadBytes = (target, blob, onProgress) =>
    memoryPut(
      this.server,
      () => new Promise((resolve) => this.toServer(() => resolve(this.#online && !this.#stalled))),
      target,
      blob,
      onProgress,
    );

  createSocket(): MemorySocket {
    const socket = new MemorySocket(this);
    this.#sockets.add(socket);
    return socket;
  }

  createRest(tokens: TokenProvider): RestRequest {
    const once = async (name: RestRequestName, payload: unknown, token: string) => {
      // REST has no route for socket-only requests: a 404 there, an unknown event here.
      if (!isRestRequest(name)) {
        throw new ChatError('unknown_event', `${String(name)} has no REST route`);
      }
      await this.#arrival(name);
      const served = this.serve(name, payload, () => ({
        userId: this.server.authenticate(token),
      }));
      await this.#arrival(name);
      if ('dropped' in served) {
        throw new ChatError(
          'unavailable',
          `the connection closed before the server answered ${name}`,
        );
      }
      if (!served.ok) throw served.error;
      return copy(served.data);
    };
    const request = async (name: RestRequestName, payload: unknown, timeoutMs: number) =>
      withTimeout(
        (async () => {
          try {
            return await once(name, payload, await tokens.current());
          } catch (error) {
            const refused = error instanceof ChatError && error.code === 'unauthenticated';
            if (!refused || !tokens.canRefresh) throw error;
            return once(name, payload, await tokens.refresh());
          }
        })(),
        timeoutMs,
        name,
      );
    return request as RestRequest;
  }

  // Controls

  /** The network goes away: the socket drops, connection attempts and requests fail. */
  goOffline() {
    this.#online = false;
    for (const socket of this.#sockets) socket.drop('transport close');
    for (const listener of [...this.#offline]) listener();
  }

  /** The network is back; the client is told, as a browser's `online` event would. */
  goOnline() {
    this.#online = true;
    for (const listener of [...this.#wake]) listener();
  }

  /** The socket cannot connect (a proxy that refuses WebSockets) while requests still get through. */
  blockSocket(blocked = true) {
    this.#socketBlocked = blocked;
    if (blocked) for (const socket of this.#sockets) socket.drop('transport close');
  }

  /**
   * Every connection attempt is refused with this error (a server that does
   * not allow the page's origin, say); null serves them again.
   */
  refuseConnections(error: ErrorPayload | null) {
    this.#refusal = error;
  }

  /** The server stops answering: the socket drops, attempts and requests hang until they time out. */
  stall(stalled = true) {
    this.#stalled = stalled;
    if (stalled) for (const socket of this.#sockets) socket.drop('ping timeout');
    else for (const listener of [...this.#wake]) listener();
  }

  /** Changes the delay of each trip, each way, from the next trip on. */
  setLatency(ms: number) {
    this.#latencyMs = ms;
  }

  /**
   * Holds every request on its way to the server until the returned function
   * is called: a test sees the in-between state (a send still `sending`)
   * without racing a timer.
   */
  hold(): () => void {
    this.#held ??= [];
    return () => {
      const held = this.#held ?? [];
      this.#held = null;
      for (const run of held) run();
    };
  }

  /** The next request (named `name`, or any) is refused with this error; later ones are served. */
  failNext(name: RequestName | undefined, code: ErrorCode, message?: string) {
    this.#faults.push({ kind: 'fail', name, error: new ChatError(code, message) });
  }

  /** The next request (named `name`, or any) is served, but its answer is lost and the link drops. */
  dropNextAck(name?: RequestName) {
    this.#faults.push({ kind: 'drop', name });
  }

  // What the sockets use

  /** Whether a socket may connect now: the network is up and sockets are not blocked. */
  get socketCanConnect(): boolean {
    return this.#online && !this.#socketBlocked;
  }

  /** Whether the server is unanswering (see `stall`). */
  get stalled(): boolean {
    return this.#stalled;
  }

  /** The error connection attempts are refused with, if any (see `refuseConnections`). */
  get refusal(): ErrorPayload | null {
    return this.#refusal;
  }

  /** Runs `deliver` after the latency, for what travels from the server to the client. */
  toClient(deliver: () => void) {
    if (this.#latencyMs === 0) deliver();
    else setTimeout(deliver, this.#latencyMs);
  }

  /** Runs `arrive` once a message from the client reaches the server: never in the caller's turn. */
  toServer(arrive: () => void) {
    const run = () => {
      if (this.#latencyMs === 0) queueMicrotask(arrive);
      else setTimeout(arrive, this.#latencyMs);
    };
    if (this.#held) this.#held.push(run);
    else run();
  }

  /** The server's answer to one request, after this link's armed faults. */
  serve(name: RequestName, payload: unknown, caller: () => Caller): Served {
    const index = this.#faults.findIndex((f) => f.name === undefined || f.name === name);
    const fault = index === -1 ? undefined : this.#faults.splice(index, 1)[0];
    if (fault?.kind === 'fail') return { ok: false, error: fault.error };
    let served: Served;
    try {
      served = { ok: true, data: this.server.handle(name, payload, caller()) };
    } catch (error) {
      served = { ok: false, error: ChatError.from(error) };
    }
    return fault?.kind === 'drop' ? { dropped: true } : served;
  }

  /** A stateless request's trip: refused by a dead network, held by a stalled server. */
  #arrival(name: RequestName): Promise<void> {
    return new Promise((resolve, reject) =>
      this.toServer(() => {
        if (!this.#online) {
          reject(new ChatError('unavailable', `unable to reach the server for ${name}`));
        } else if (!this.#stalled) {
          resolve();
        }
        // Stalled: never answered; the caller's timeout ends it.
      }),
    );
  }
}

function subscribe(listeners: Set<() => void>, listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function withTimeout<T>(pending: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ChatError('timeout', `no answer to ${name} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
