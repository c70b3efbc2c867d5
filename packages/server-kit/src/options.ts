import {
  defaultNamespace,
  defaultPayloadBytes,
  type PayloadLimits,
  protocolLimits,
  type ServerLimits,
} from '@banter/core/protocol';
import type { Authenticate } from './auth/authenticate';
import type { BanterHooks } from './hooks';
import type { RateLimit } from './limits/token-bucket';
import { consoleLogger, type Logger } from './logger';
import type { PushOptions } from './push/push-options';
import type { RetentionOptions } from './retention/retention-sweeper';
import type { MessageSearchOptions } from './search/search-options';
import { sqlAccessOf } from './storage/sql-access';
import type { Storage } from './storage/storage';
import {
  type ResolvedUploads,
  resolveUploads,
  type UploadOptions,
  uploadLimitsOf,
} from './uploads/upload-options';
import type { UploadStore } from './uploads/upload-store';
import type { WebhookOptions } from './webhooks/webhook-options';

/** Everything `createBanter` takes; only `storage` and `authenticate` are required. */
export interface BanterOptions {
  /** Where conversations and messages live: `pgliteStorage()` or `postgresStorage()`. */
  storage: Storage;
  /** Turns a bearer token into a user id; see `createJwtAuthenticator`. */
  authenticate: Authenticate;
  /** Where your application plugs in: profiles, search, moderation, notifications. */
  hooks?: BanterHooks;
  /** Socket.IO namespace. Default `/banter`. */
  namespace?: string;
  /**
   * Exact origins allowed to open a socket (e.g. `https://shop.example`).
   * CORS does not cover WebSockets, so set this in production. Default: any.
   */
  allowedOrigins?: string[];
  /** Sizes, rates and timeouts; each one you leave out keeps its default (`defaultLimits`). */
  limits?: Partial<BanterLimits>;
  /** Where problems Banter recovered from are reported. Default the console. */
  logger?: Logger;
  /** For tests: the clock. */
  now?: () => Date;
  /**
   * Deletes messages older than `maxAgeDays` in the background, every `intervalMs` (default
   * 10 minutes), as a user's delete: clients see them go. Off by default.
   */
  retention?: RetentionOptions;
  /**
   * Signed HTTP POSTs of every change to your URL, retried until acknowledged, in order per
   * conversation, once across all nodes. Off by default; see the README's Webhooks section.
   */
  webhooks?: WebhookOptions;
  /**
   * Web Push to participants with no connected device: your VAPID keys and how much of a
   * message a push shows. Off by default; see the README's Push section.
   */
  push?: PushOptions;
  /**
   * Message search: the text-search configuration (default `simple`, every language) and the
   * rate per user. See the README's Search section.
   */
  search?: MessageSearchOptions;
  /**
   * File uploads: `diskUploads({ dir })` or `s3Uploads({ … })`, alone or as `{ store, …limits }`.
   * Off by default (`upload:*` answers `uploads_disabled`); see the README's Uploads section.
   */
  uploads?: UploadOptions | UploadStore;
}

/** Sizes, rates and timeouts, enforced on both transports. */
export interface BanterLimits {
  /** Longest message text in characters. Default 4,000. */
  maxTextLength: number;
  /**
   * Largest accepted payload: the UTF-8 bytes of its JSON, measured the same way on the socket
   * and over REST (whitespace in a REST body does not count). Default 64 KiB.
   */
  maxPayloadBytes: number;
  /** Sends per user. Default 10/s with a burst of 20. */
  sendRate: RateLimit;
  /** Any request per socket, or per user over REST. Default 50/s with a burst of 100. */
  requestRate: RateLimit;
  /** At most one typing relay per user and conversation this often. Default 1,000 ms. */
  typingThrottleMs: number;
  /** Receivers drop a typing indicator that is not renewed in this time. Default 6,000 ms. */
  typingExpiryMs: number;
  /** People in one group, its creator included. Default 100. Every change of members is sent to each member. */
  maxGroupSize: number;
  /** Open sockets per user across the cluster. Default 10. */
  maxSocketsPerUser: number;
  /** After a token expires, how long the socket has to send `auth:refresh`. Default 10,000 ms. */
  reauthGraceMs: number;
  /** A host hook that takes longer than this is treated as failed. Default 5,000 ms. */
  hookTimeoutMs: number;
}

/** The limits a server has unless `limits` says otherwise. */
export const defaultLimits: BanterLimits = {
  maxTextLength: 4_000,
  maxPayloadBytes: defaultPayloadBytes,
  sendRate: { perSecond: 10, burst: 20 },
  requestRate: { perSecond: 50, burst: 100 },
  typingThrottleMs: 1_000,
  typingExpiryMs: 6_000,
  maxGroupSize: 100,
  maxSocketsPerUser: 10,
  reauthGraceMs: 10_000,
  hookTimeoutMs: 5_000,
};

export interface ResolvedOptions {
  storage: Storage;
  authenticate: Authenticate;
  hooks: BanterHooks;
  namespace: string;
  allowedOrigins: ReadonlySet<string> | null;
  limits: BanterLimits;
  logger: Logger;
  now: () => Date;
  /** The `uploads` option checked, with the built-in store's SQL; absent or null when off. */
  uploads?: ResolvedUploads | null;
}

export function resolveOptions(options: BanterOptions): ResolvedOptions {
  const limits = { ...defaultLimits, ...options.limits };
  if (limits.maxTextLength < 1 || limits.maxTextLength > 20_000) {
    throw new RangeError('limits.maxTextLength must be between 1 and 20,000');
  }
  if (!(limits.maxPayloadBytes >= 1024)) {
    throw new RangeError('limits.maxPayloadBytes must be at least 1,024');
  }
  const namespace = options.namespace ?? defaultNamespace;
  if (!namespace.startsWith('/')) throw new TypeError('namespace must start with "/"');
  return {
    storage: options.storage,
    authenticate: options.authenticate,
    hooks: options.hooks ?? {},
    namespace,
    allowedOrigins: options.allowedOrigins ? new Set(options.allowedOrigins) : null,
    limits,
    logger: options.logger ?? consoleLogger,
    now: options.now ?? (() => new Date()),
    uploads: options.uploads ? resolveUploads(options.uploads, sqlAccessOf(options.storage)) : null,
  };
}

/** What every payload is admitted against, on both transports. */
export function payloadLimitsOf(options: ResolvedOptions): PayloadLimits {
  return { maxBytes: options.limits.maxPayloadBytes, maxDepth: protocolLimits.payloadDepth };
}

/** The limits a client is told in the `session` event. */
export function clientLimits(options: ResolvedOptions): ServerLimits {
  const { maxTextLength, maxPayloadBytes, maxGroupSize } = options.limits;
  return {
    maxTextLength,
    maxPayloadBytes,
    maxPayloadDepth: protocolLimits.payloadDepth,
    maxGroupSize,
    ...(options.uploads ? { uploads: uploadLimitsOf(options.uploads) } : {}),
  };
}
