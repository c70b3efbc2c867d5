import type {
  Ack,
  RequestInput,
  RequestName,
  RequestResult,
  ServerToClientEvents,
} from '../protocol';

/** What a refused connection attempt carries: Socket.IO puts the typed error payload in `data`. */
export type ConnectError = Error & {
  /** The refusal's `ErrorPayload` (e.g. `unauthenticated`) when the server sent one. */
  data?: unknown;
};

/** Every event the client listens to on its real-time link. */
export type RealtimeEvents = ServerToClientEvents & {
  /** A connection attempt was refused or failed; `error.data` says whether another can succeed. */
  connect_error: (error: ConnectError) => void;
  /** The link dropped; `reason` is Socket.IO's, e.g. `io server disconnect`. */
  disconnect: (reason: string) => void;
};

/**
 * The real-time link the connection drives: a Socket.IO client socket in
 * production, an in-memory one in tests and stories. It never reconnects by
 * itself (the connection owns the reconnect loop) and never buffers an emit
 * made while disconnected.
 */
export interface RealtimeSocket {
  /** Whether the socket is connected now. */
  readonly connected: boolean;
  /** Starts one connection attempt with this bearer token. */
  connect(token: string): void;
  /** Closes the connection; no reconnect follows. */
  disconnect(): void;
  /** Listens for a server event or a connection event. */
  on<E extends keyof RealtimeEvents>(event: E, listener: RealtimeEvents[E]): void;
  /** Sends a request; `ack` gets the answer. */
  emit<E extends RequestName>(name: E, payload: RequestInput<E>, ack: Ack<RequestResult<E>>): void;
}
