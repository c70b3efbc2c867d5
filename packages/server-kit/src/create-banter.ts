import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { ClientToServerEvents, ServerToClientEvents } from '@banter/core/protocol';
import type { Router } from 'express';
import { Server } from 'socket.io';
import { type BanterAdmin, createAdmin } from './admin/admin';
import { noBroadcaster } from './chat/broadcaster';
import { ChatService } from './chat/service';
import { operationTable } from './operations/table';
import { type BanterOptions, resolveOptions } from './options';
import { startPush } from './push/push';
import { describeForPush } from './push/push-describe';
import { mountPushRoutes } from './push/push-routes';
import { createRestRouter } from './rest/router';
import { checkRetention, RetentionSweeper } from './retention/retention-sweeper';
import { MessageSearch } from './search/message-search';
import { resolveSearchOptions } from './search/search-options';
import { attachNamespace } from './socket/attach';
import type { BanterNamespace } from './socket/types';
import { sqlAccessOf } from './storage/sql-access';
import { createUploadRoutes } from './uploads/upload-routes';
import type { ReplayWebhooksOptions } from './webhooks/webhook-dispatcher';
import { startWebhooks } from './webhooks/webhooks';

/** What `createBanter` returns: the REST router to mount, the Socket.IO attach, and the close. */
export interface Banter {
  /** Mount it at a prefix of your choice: `app.use('/chat', banter.router)`. */
  router: Router;
  /**
   * Adds Banter's namespace to your Socket.IO server, or creates a Socket.IO
   * server on your HTTP server. Call once.
   */
  attach(target: Server | HttpServer | HttpsServer): BanterNamespace;
  /**
   * Your server's own calls: create conversations, post as the system or a bot, moderate,
   * export and erase users. Not reachable by any client; see the README's Admin API section.
   */
  admin: BanterAdmin;
  /**
   * Sends the webhook events from `fromEventId` on again (those still kept: see
   * `webhooks.retentionMs`), in order per conversation; resolves with how many. Throws when
   * webhooks are off.
   */
  replayWebhooks(options: ReplayWebhooksOptions): Promise<number>;
  /** Disconnects Banter's sockets and stops its timers. The storage is yours to close. */
  close(): Promise<void>;
}

/**
 * Banter's server side, for an existing Express + Socket.IO backend.
 *
 * @example
 * const banter = createBanter({
 *   storage: await pgliteStorage({ dataDir: './.banter-data' }),
 *   authenticate: createJwtAuthenticator({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }),
 * });
 * app.use('/chat', banter.router);
 * banter.attach(httpServer);
 */
export function createBanter(options: BanterOptions): Banter {
  const resolved = resolveOptions(options);
  const retentionOptions = options.retention ? checkRetention(options.retention) : null;
  // Read before webhooks wrap the store: the search runs on the built-in store's own SQL.
  const searchSql = sqlAccessOf(resolved.storage);
  const webhooks = options.webhooks
    ? startWebhooks(resolved.storage, options.webhooks, resolved.logger)
    : null;
  // Writes then wait for the webhook triggers to exist, and wake the dispatcher.
  if (webhooks) resolved.storage = webhooks.storage;
  const service = new ChatService(resolved, noBroadcaster);
  const retention = retentionOptions
    ? new RetentionSweeper(service, retentionOptions, resolved.now, resolved.logger)
    : null;
  const search = new MessageSearch({
    storage: service.storage,
    sql: searchSql,
    hook: resolved.hooks.searchMessages,
    options: resolveSearchOptions(options.search),
    logger: resolved.logger,
    hookTimeoutMs: resolved.limits.hookTimeoutMs,
    now: () => resolved.now().getTime(),
  });
  // One table of operations for both transports, so they cannot drift apart.
  const operations = operationTable(service, search);
  const push = options.push
    ? startPush(options.push, {
        storage: service.storage,
        logger: resolved.logger,
        broadcaster: () => service.broadcaster,
        describe: (viewerId, message) => describeForPush(service, viewerId, message),
      })
    : null;
  if (push) service.committedListeners.push(push.notify);
  const router = createRestRouter(operations, resolved, service.bans, (r, middleware) =>
    mountPushRoutes(r, middleware, service.storage, push?.options ?? null, resolved.now),
  );
  // The byte routes of uploads carry their own signatures, not the bearer token.
  if (resolved.uploads) router.use(createUploadRoutes(service.uploads, resolved.logger));
  service.uploads.start();
  let detach: (() => void) | undefined;
  let ownServer: Server | undefined;

  return {
    router,
    admin: createAdmin(service, resolved),
    attach(target) {
      if (detach) throw new Error('banter.attach() was already called');
      let io: Server;
      if (target instanceof Server) {
        io = target;
      } else if (typeof target?.listen === 'function') {
        // The engine drops a connection whose frame exceeds its buffer; set it well above the payload
        // limit so an oversized payload gets a typed error, and only absurd frames are cut off.
        // The origin allow-list also answers CORS for the long-polling transport (WebSocket has no CORS).
        ownServer = new Server(target, {
          maxHttpBufferSize: resolved.limits.maxPayloadBytes * 4,
          cors: resolved.allowedOrigins ? { origin: [...resolved.allowedOrigins] } : undefined,
        });
        io = ownServer;
      } else {
        throw new TypeError('banter.attach() takes a socket.io Server or an http(s) Server');
      }
      const nsp = (io as Server<ClientToServerEvents, ServerToClientEvents>).of(
        resolved.namespace,
      ) as BanterNamespace;
      detach = attachNamespace(nsp, service, operations, resolved);
      return nsp;
    },
    replayWebhooks(replay) {
      if (!webhooks)
        return Promise.reject(new Error('webhooks are not enabled (options.webhooks)'));
      return webhooks.replay(replay);
    },
    async close() {
      await retention?.stop();
      await webhooks?.close();
      await push?.close();
      await service.uploads.close();
      detach?.();
      detach = undefined;
      if (ownServer) {
        // Closing our Socket.IO server would close the host's HTTP server too: only disconnect.
        ownServer.disconnectSockets(true);
        ownServer.engine.close();
        ownServer = undefined;
      }
    },
  };
}
