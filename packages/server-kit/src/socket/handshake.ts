import { ChatError } from '@banter/core/protocol';
import { originGuard } from '../auth/origin';
import { bearerToken, verifyToken } from '../auth/verify-token';
import { userRoom } from '../chat/broadcaster';
import type { Bans } from '../moderation/bans';
import type { ResolvedOptions } from '../options';
import type { BanterNamespace, BanterSocket } from './types';

/**
 * Namespace middleware: origin allow-list, authentication, bans, and the per-user
 * socket cap. A refusal reaches the client as `connect_error` whose `data`
 * is the typed error payload.
 */
/** The same cap `auth:refresh` applies to its token. */
const maxTokenLength = 8_192;

export function handshake(nsp: BanterNamespace, options: ResolvedOptions, bans: Bans) {
  const checkOrigin = originGuard(options.allowedOrigins, options.logger);
  /** Per user, sockets accepted here that have not joined their user room yet. */
  const joining = new Map<string, number>();
  const reserve = (userId: string, socket: BanterSocket) => {
    joining.set(userId, (joining.get(userId) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (joining.get(userId) ?? 1) - 1;
      if (left > 0) joining.set(userId, left);
      else joining.delete(userId);
    };
    // Released once the socket is in its user room (it is then counted there), or when it goes.
    socket.once('disconnect', release);
    pendingSlots.set(socket, release);
  };
  return async (socket: BanterSocket, next: (error?: Error) => void) => {
    try {
      const { headers } = socket.handshake;
      checkOrigin(headers.origin, 'connect');
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const given = typeof auth?.token === 'string' && auth.token !== '' ? auth.token : null;
      const token = given ?? bearerToken(headers.authorization);
      if (!token) {
        throw new ChatError('unauthenticated', 'unable to connect: no token in the handshake auth');
      }
      if (token.length > maxTokenLength) {
        throw new ChatError('unauthenticated', 'unable to connect: token too long');
      }
      const user = await verifyToken(
        options.authenticate,
        token,
        { transport: 'socket', headers },
        options.logger,
      );
      // A valid token is not enough: the ban is read from the shared store, so one made on any node counts.
      await bans.assertNotBanned(user.userId);

      // Sockets still completing their handshake on this node count too, so parallel connects cannot overshoot.
      const open =
        (await nsp.in(userRoom(user.userId)).fetchSockets()).length +
        (joining.get(user.userId) ?? 0);
      if (open >= options.limits.maxSocketsPerUser) {
        throw new ChatError(
          'too_many_connections',
          `unable to connect: already ${open} open connections for this user`,
        );
      }
      reserve(user.userId, socket);
      socket.data.userId = user.userId;
      socket.data.expiresAt = user.expiresAt?.getTime() ?? null;
      next();
    } catch (error) {
      next(handshakeError(error, options));
    }
  };
}

function handshakeError(error: unknown, options: ResolvedOptions): Error {
  const chatError =
    error instanceof ChatError
      ? error
      : new ChatError('unavailable', 'unable to connect: try again later');
  if (!(error instanceof ChatError))
    options.logger.error('handshake failed', { error: String(error) });
  // Socket.IO sends `message` and `data` of this error to the client.
  return Object.assign(new Error(chatError.message), { data: chatError.toPayload() });
}

/** Reservations made by the handshake, released by `attach` once the socket is in its user room. */
const pendingSlots = new WeakMap<BanterSocket, () => void>();

export function releaseHandshakeSlot(socket: BanterSocket) {
  pendingSlots.get(socket)?.();
  pendingSlots.delete(socket);
}
