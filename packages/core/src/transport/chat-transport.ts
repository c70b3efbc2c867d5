import type { UploadBytes } from '../uploads/upload-bytes';
import type { RealtimeSocket } from './realtime-socket';
import type { RestRequest } from './rest-client';

/** Where the transport gets the bearer token for a stateless request. */
export interface TokenProvider {
  /** The token to use now, fetched on first use. */
  current(): Promise<string>;
  /** Drops the current token and fetches a new one (after a refusal). */
  refresh(): Promise<string>;
  /** Whether a new token can be had (a `getToken` was given). */
  readonly canRefresh: boolean;
}

/**
 * How a client reaches its server: a real-time socket, and optionally a
 * stateless request path used while the socket is down. Production uses
 * Socket.IO and HTTP (`socketIoTransport`); `@banter/core/testing` provides
 * an in-memory one, so tests and stories run this same client.
 */
export interface ChatTransport {
  /** How a file's bytes reach this server (the in-memory one's); absent: over HTTP. */
  uploadBytes?: UploadBytes;
  /** Called once per client; the socket is not connected yet. */
  createSocket(): RealtimeSocket;
  /** The fallback for requests when the socket is down; absent: none. */
  createRest?(tokens: TokenProvider): RestRequest;
}
