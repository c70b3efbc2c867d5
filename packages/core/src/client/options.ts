import type { BackoffOptions } from '../connection/backoff';
import type { Environment } from '../connection/environment';
import type { TypingTimings } from '../features/typing';
import type { OutboxStorage } from '../outbox/outbox-storage';
import type { ChatError } from '../protocol';
import type { ChatTransport } from '../transport/chat-transport';
import type { UploadBlobStore } from '../uploads/blob-store';
import type { UploadBytes } from '../uploads/upload-bytes';

/**
 * How `createChatClient` reaches the server and who it signs in as. Only `userId`, a token source
 * (`getToken` or `token`) and `url` (or `transport`) are required.
 */
export interface ChatClientOptions {
  /** The server's origin, e.g. `https://api.example.com`. Required unless `transport` is given. */
  url?: string;
  /** Who is signed in. The token must belong to this user. */
  userId: string;
  /** A bearer token; or use `getToken` so long sessions can renew it. */
  token?: string;
  /** Called for the first token and again whenever the server refuses the current one. */
  getToken?: () => Promise<string> | string;
  /** Socket.IO namespace. Default `/banter`. */
  namespace?: string;
  /** Socket.IO's HTTP path. Default `/socket.io`. */
  socketPath?: string;
  /** Where the host mounted Banter's REST router. Default `/chat`. `null` turns the REST fallback off. */
  restPath?: string | null;
  /** Socket.IO transports, in order. Default WebSocket, then long-polling. */
  transports?: ('websocket' | 'polling' | 'webtransport')[];
  /** Keeps unsent messages across reloads, e.g. `localStorageOutbox()`. Default: memory. */
  outboxStorage?: OutboxStorage;
  /** Keeps the files of unsent messages across reloads, e.g. `indexedDbBlobStore()`. Default: memory. */
  uploadBlobStore?: UploadBlobStore;
  /** For tests and unusual platforms: how a file's bytes are sent. Default XHR (for progress), or fetch. */
  uploadBytes?: UploadBytes;
  /** How long to wait for any answer. Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** Reconnect delays. Default 500 ms doubling up to 30 s, with full jitter. */
  backoff?: Partial<BackoffOptions>;
  /** Failed connection attempts in a row before going `offline` (REST). Default 2. */
  fallbackAfterAttempts?: number;
  /** A connection attempt that has not succeeded after this long counts as failed. Default 10,000 ms. */
  connectTimeoutMs?: number;
  /** While the socket is down, how often open conversations are polled over REST. Default 5,000 ms. */
  pollIntervalMs?: number;
  /**
   * While connected, how often contacts' presence is asked again. Presence is pushed on
   * change, but a server node that dies never says its users left, and an announcement
   * lost while the nodes' adapter was down is not repeated: this bounds how long such a
   * user looks online. Default 60,000 ms.
   */
  presenceRefreshMs?: number;
  /** How often typing is sent and when it stops. Default one event per 2 s, a stop after 3 s idle. */
  typing?: Partial<TypingTimings>;
  /** Connect at once. Default true; otherwise call `connect()`. */
  autoConnect?: boolean;
  /** For tests and unusual platforms: network and visibility signals. */
  environment?: Environment;
  /**
   * How to reach the server. Default: Socket.IO to `url`, with REST under `restPath` as the
   * fallback. Tests and stories pass `createMemoryServer().transport()` from `@banter/core/testing`.
   */
  transport?: ChatTransport;
  /** For tests and unusual platforms: the fetch used for REST. */
  fetch?: typeof fetch;
  /**
   * Every failure also lands in state; this is for logging. Background work
   * (polling while the server is unreachable, gap-fill, presence) reports
   * here instead of rejecting: no promise the application did not ask for
   * ever rejects unhandled.
   */
  onError?: (error: ChatError) => void;
  /**
   * Where a refusal that retrying cannot fix (`connection.status` `refused`:
   * origin not allowed, tokens refused, no server at the url) is logged once,
   * with what to change. Default `console`; `null` logs nothing.
   */
  logger?: Pick<Console, 'error'> | null;
}
