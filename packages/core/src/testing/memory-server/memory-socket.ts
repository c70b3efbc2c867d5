import {
  type Ack,
  ChatError,
  type RequestInput,
  type RequestName,
  type RequestResult,
} from '../../protocol';
import type { RealtimeEvents, RealtimeSocket } from '../../transport/realtime-socket';
import type { ServerSocket } from './memory-server';
import type { MemoryTransport } from './memory-transport';
import { copy } from './state';

type Listener = (...args: never[]) => void;

let sockets = 0;

/**
 * The client end of an in-memory socket. Like Socket.IO's with reconnection
 * off: one attempt per `connect`, `connect_error` with the typed refusal in
 * `data`, `disconnect` with a reason, and nothing buffered while down.
 */
export class MemorySocket implements RealtimeSocket {
  readonly #link: MemoryTransport;
  readonly #listeners = new Map<string, Set<Listener>>();
  /** The server end while connected. */
  #end: ServerSocket | null = null;
  /** Bumped by every connect and disconnect, so an attempt overtaken by another is dropped. */
  #generation = 0;

  constructor(link: MemoryTransport) {
    this.#link = link;
  }

  get connected(): boolean {
    return this.#end !== null;
  }

  on<E extends keyof RealtimeEvents>(event: E, listener: RealtimeEvents[E]) {
    const listeners = this.#listeners.get(event) ?? new Set<Listener>();
    listeners.add(listener as Listener);
    this.#listeners.set(event, listeners);
  }

  connect(token: string) {
    if (this.#end) return;
    const generation = ++this.#generation;
    this.#link.toServer(() => {
      if (generation !== this.#generation || this.#link.stalled) return;
      if (!this.#link.socketCanConnect) {
        this.#link.toClient(() => this.#fire('connect_error', new Error('websocket error')));
        return;
      }
      let userId: string;
      try {
        if (this.#link.refusal) throw ChatError.fromPayload(this.#link.refusal);
        userId = this.#link.server.authenticate(token);
      } catch (error) {
        const payload = ChatError.from(error, 'unauthenticated').toPayload();
        const refusal = Object.assign(new Error(payload.message), { data: payload });
        this.#link.toClient(() => this.#fire('connect_error', refusal));
        return;
      }
      const end: ServerSocket = {
        id: `memory-socket-${++sockets}`,
        userId,
        deliver: (event, ...args) =>
          this.#link.toClient(() => {
            if (this.#end === end) this.#fire(event, ...args);
          }),
        // After what was delivered before it, as on a real link.
        end: () =>
          this.#link.toClient(() => {
            if (this.#end !== end) return;
            this.#generation += 1;
            this.#close('io server disconnect');
          }),
      };
      this.#end = end;
      this.#link.server.connected(end);
      // As server-kit does once the socket has joined its rooms: live events flow from here.
      end.deliver('session', { userId, expiresAt: null, limits: this.#link.server.sessionLimits });
    });
  }

  disconnect() {
    this.#generation += 1;
    this.#close('io client disconnect');
  }

  /** The link breaks under the socket (network lost, server gone). */
  drop(reason: string) {
    this.#generation += 1;
    this.#close(reason);
  }

  emit<E extends RequestName>(name: E, payload: RequestInput<E>, ack: Ack<RequestResult<E>>) {
    const end = this.#end;
    if (!end) return;
    this.#link.toServer(() => {
      // The link went down before the request arrived: the server never saw it.
      if (this.#end !== end || this.#link.stalled) return;
      const served = this.#link.serve(name, payload, () => ({
        userId: end.userId,
        socketId: end.id,
      }));
      if ('dropped' in served) {
        this.drop('transport close');
        return;
      }
      const answer = served.ok
        ? { ok: true as const, data: copy(served.data) as RequestResult<E> }
        : { ok: false as const, error: served.error.toPayload() };
      this.#link.toClient(() => {
        if (this.#end === end) ack(answer);
      });
    });
  }

  #close(reason: string) {
    const end = this.#end;
    if (!end) return;
    this.#end = null;
    this.#link.server.disconnected(end.id);
    this.#fire('disconnect', reason);
  }

  #fire<E extends keyof RealtimeEvents>(event: E, ...args: Parameters<RealtimeEvents[E]>) {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      (listener as (...values: unknown[]) => void)(...args);
    }
  }
}
