import type {
  Ack,
  RequestInput,
  RequestName,
  RequestResult,
  ServerToClientEvents,
} from '../protocol';

/** What a refused connection attempt carries: Socket.IO puts the typed error payload in `data`. */
export type ConnectError = Error & { data?: unknown };

/** Every event the client listens to on its real-time link. */
export type RealtimeEvents = ServerToClientEvents & {
  connect_error: (error: ConnectError) => void;
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
