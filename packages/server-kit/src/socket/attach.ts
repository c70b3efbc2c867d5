import { type AckResult, ChatError, isRequestName, type RequestName } from '@banter/core/protocol';
import { conversationRoom, userRoom } from '../chat/broadcaster';
import type { ChatService } from '../chat/service';
import { toErrorPayload } from '../errors';
import { RateLimiter } from '../limits/token-bucket';
import { admitRequest } from '../operations/admit';
import { type OperationTable, runOperation, type SocketCaller } from '../operations/table';
import { clientLimits, payloadLimitsOf, type ResolvedOptions } from '../options';
import { handshake, releaseHandshakeSlot } from './handshake';
import { PresenceAnnouncer } from './presence';
import { SessionExpiry } from './session-expiry';
import { socketBroadcaster } from './socket-broadcaster';
import type { BanterNamespace, BanterSocket } from './types';
import { TypingRelay } from './typing-relay';

type Reply = (result: AckResult<unknown>) => void;

/**
 * Registers Banter on a namespace of the host's Socket.IO server: the
 * handshake, then for each socket its rooms, presence, session expiry and the
 * dispatch of its request events. Returns a function that detaches it.
 */
export function attachNamespace(
  nsp: BanterNamespace,
  service: ChatService,
  operations: OperationTable,
  options: ResolvedOptions,
) {
  const typing = new TypingRelay(
    nsp,
    options.limits,
    async (conversationId, userId) =>
      (await service.blocks.sendRefusal(conversationId, userId)) === null,
  );
  const presence = new PresenceAnnouncer(nsp, service, options);
  const requestLimiter = new RateLimiter(options.limits.requestRate);
  const payloadLimits = payloadLimitsOf(options);
  const sessions = new Set<SessionExpiry>();
  service.useBroadcaster(socketBroadcaster(nsp));
  nsp.use(handshake(nsp, options, service.bans));

  nsp.on('connection', (socket) => {
    const session = new SessionExpiry(socket, options);
    sessions.add(session);
    const { userId } = socket.data;
    const caller: SocketCaller = { transport: 'socket', userId, socket, session, typing };

    // Events that arrive before the rooms are joined wait for them: nothing is missed.
    const ready = joinRooms(socket, service).then(
      () => endIfBanned(socket, service),
      (error) => {
        options.logger.error('could not load conversations for a new socket', {
          error: String(error),
        });
        socket.disconnect(true);
        return false;
      },
    );
    void ready
      .then(async (ok) => {
        if (!ok) return;
        const { expiresAt } = socket.data;
        socket.emit('session', {
          userId,
          expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
          limits: clientLimits(options),
        });
        await presence.connected(userId);
      })
      .catch((error) => reportBackground(error));

    const dispatch = async (name: RequestName, payload: unknown, reply: Reply) => {
      try {
        const decision = requestLimiter.take(socket.id);
        if (!decision.allowed) {
          throw new ChatError('rate_limited', 'too many requests on this connection', {
            retryAfterMs: decision.retryAfterMs,
          });
        }
        if (name !== 'auth:refresh') session.assertValid();
        const input = admitRequest(name, payload, payloadLimits);
        if (!(await ready)) throw new ChatError('unavailable', 'connection is closing; reconnect');
        reply({ ok: true, data: await runOperation(operations, name, caller, input) });
      } catch (error) {
        reply({ ok: false, error: toErrorPayload(error, options.logger, name) });
      }
    };

    // One listener for every event, known or not: a listener per request name on every
    // socket cost more heap per connection than the rest of Banter's socket state.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      const { payload, reply } = splitArgs(args);
      if (isRequestName(event)) {
        void dispatch(event, payload, reply);
        return;
      }
      reply({
        ok: false,
        error: new ChatError(
          'unknown_event',
          `unknown event ${String(event).slice(0, 64)}`,
        ).toPayload(),
      });
    });

    socket.on('disconnect', () => {
      session.stop();
      sessions.delete(session);
      requestLimiter.forget(socket.id);
      typing.socketClosed(socket);
      void presence.disconnected(userId).catch((error) => reportBackground(error));
    });
  });

  function reportBackground(error: unknown) {
    options.logger.warn('presence update failed', { error: String(error) });
  }

  return function detach() {
    for (const session of sessions) session.stop();
    sessions.clear();
    typing.close();
    nsp.disconnectSockets(true);
    nsp.removeAllListeners();
  };
}

/**
 * Puts a new socket in its rooms. The user's room comes first, so a change of
 * participants broadcast while the conversations are read still reaches this
 * socket; the conversations are then read again, to catch an add or a removal
 * that happened in between.
 */
async function joinRooms(socket: BanterSocket, service: ChatService) {
  const { userId } = socket.data;
  await socket.join(userRoom(userId));
  releaseHandshakeSlot(socket);
  const first = await service.storage.listConversationIds(userId);
  await socket.join(first.map(conversationRoom));
  const current = new Set(
    (await service.storage.listConversationIds(userId)).map(conversationRoom),
  );
  for (const room of socket.rooms) {
    if (room.startsWith(conversationRoom('')) && !current.has(room)) await socket.leave(room);
  }
  await socket.join([...current]);
}

/**
 * A ban committed while this socket was in its handshake missed it, and the
 * disconnect that followed the ban may have run before the socket joined its user
 * room: asked again now that it is in the room, the store has the answer.
 * Resolves true when the socket may go on.
 */
async function endIfBanned(socket: BanterSocket, service: ChatService): Promise<boolean> {
  try {
    await service.bans.assertNotBanned(socket.data.userId);
    return true;
  } catch (error) {
    if (!(error instanceof ChatError) || error.code !== 'banned') throw error;
    socket.emit('session:ended', error.toPayload());
    socket.disconnect(true);
    return false;
  }
}

/** The ack is the last argument when it is a function; a client may omit the payload or the ack. */
function splitArgs(args: unknown[]): { payload: unknown; reply: Reply } {
  const last = args.at(-1);
  if (typeof last === 'function') {
    return { payload: args.length > 1 ? args[0] : undefined, reply: last as Reply };
  }
  return { payload: args[0], reply: () => {} };
}
