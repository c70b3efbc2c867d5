import type { ClientToServerEvents, ServerToClientEvents } from '@banter/core/protocol';
import type { Namespace, Socket } from 'socket.io';

/** What the handshake stores on each socket. */
export interface SocketData {
  /** The authenticated user this socket belongs to. */
  userId: string;
  /** Epoch ms when the current token expires; null when it does not. */
  expiresAt: number | null;
}

/**
 * Banter's Socket.IO namespace, typed with the protocol's events: what `banter.attach()` returns.
 */
export type BanterNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type BanterSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
