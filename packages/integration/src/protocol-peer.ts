import type { RealtimeEvents, RealtimeSocket } from '@banter/core';
import type {
  AckResult,
  RequestInput,
  RequestName,
  RequestResult,
  ServerToClientEvents,
} from '@banter/core/protocol';

/** Everything a server may push, recorded in order by each peer. */
const serverEvents = [
  'session',
  'message:new',
  'message:updated',
  'message:reacted',
  'receipt',
  'typing',
  'presence',
  'conversation:updated',
  'conversation:removed',
  'auth:expired',
] as const satisfies readonly (keyof ServerToClientEvents)[];

export interface Received {
  event: keyof ServerToClientEvents;
  payload: unknown;
}

/** How long a peer waits for an answer or an event before the test fails (never a pass condition). */
const patienceMs = 20_000;

/**
 * One user's raw protocol connection: requests and their acks, and every
 * event the server pushes, with no client logic in between. The protocol
 * suite drives both the in-memory server and server-kit through it.
 */
export class ProtocolPeer {
  readonly received: Received[] = [];
  readonly #socket: RealtimeSocket;
  #waiters: (() => void)[] = [];

  constructor(
    readonly userId: string,
    socket: RealtimeSocket,
  ) {
    this.#socket = socket;
    for (const event of serverEvents) {
      const listener = (payload: unknown) => {
        this.received.push({ event, payload });
        for (const wake of this.#waiters.splice(0)) wake();
      };
      socket.on(event, listener as RealtimeEvents[typeof event]);
    }
  }

  /** Connects with `token` and resolves once the server has sent `session`. */
  async open(token: string): Promise<this> {
    const refused = new Promise<never>((_, reject) =>
      this.#socket.on('connect_error', (error) => reject(error)),
    );
    this.#socket.connect(token);
    await Promise.race([this.next('session'), refused]);
    return this;
  }

  /** Sends a request (any payload, valid or not) and resolves with the ack as it came. */
  ask<E extends RequestName>(name: E, payload: unknown): Promise<AckResult<RequestResult<E>>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ack to ${name} within ${patienceMs} ms`)),
        patienceMs,
      );
      this.#socket.emit(name, payload as RequestInput<E>, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  /** Sends a request that must succeed and returns its data. */
  async call<E extends RequestName>(name: E, payload: RequestInput<E>): Promise<RequestResult<E>> {
    const result = await this.ask(name, payload);
    if (!result.ok)
      throw new Error(`${name} refused: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  /** Resolves with the first event of that name (received so far or later) that passes `match`. */
  async next<E extends keyof ServerToClientEvents>(
    event: E,
    match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ): Promise<Parameters<ServerToClientEvents[E]>[0]> {
    const deadline = Date.now() + patienceMs;
    for (;;) {
      const found = this.received.find(
        (r) => r.event === event && match(r.payload as Parameters<ServerToClientEvents[E]>[0]),
      );
      if (found) return found.payload as Parameters<ServerToClientEvents[E]>[0];
      if (Date.now() > deadline) throw new Error(`no ${event} event within ${patienceMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Payloads of every event of that name received so far. */
  all<E extends keyof ServerToClientEvents>(event: E): Parameters<ServerToClientEvents[E]>[0][] {
    return this.received
      .filter((r) => r.event === event)
      .map((r) => r.payload as Parameters<ServerToClientEvents[E]>[0]);
  }

  close() {
    this.#socket.disconnect();
  }
}
