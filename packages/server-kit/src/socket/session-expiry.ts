import { ChatError, type SessionInfo } from '@banter/core/protocol';
import { verifyToken } from '../auth/verify-token';
import type { ResolvedOptions } from '../options';
import type { BanterSocket } from './types';

/** setTimeout cannot wait longer than this; longer waits are chained. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * Keeps a socket's authentication current. When its token expires, requests
 * are refused with `token_expired`, the client gets `auth:expired`, and the
 * socket is closed after a grace period unless `auth:refresh` brings a new
 * token for the same user.
 */
export class SessionExpiry {
  readonly #socket: BanterSocket;
  readonly #options: ResolvedOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: BanterSocket, options: ResolvedOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#schedule();
  }

  assertValid() {
    const { expiresAt } = this.#socket.data;
    if (expiresAt !== null && Date.now() >= expiresAt) {
      throw new ChatError('token_expired', 'token expired: send auth:refresh with a new token');
    }
  }

  async refresh(token: string): Promise<SessionInfo> {
    const user = await verifyToken(
      this.#options.authenticate,
      token,
      { transport: 'socket', headers: this.#socket.handshake.headers },
      this.#options.logger,
    );
    if (user.userId !== this.#socket.data.userId) {
      throw new ChatError('forbidden', 'unable to refresh: the token belongs to another user');
    }
    this.#socket.data.expiresAt = user.expiresAt?.getTime() ?? null;
    this.#schedule();
    return { userId: user.userId, expiresAt: user.expiresAt?.toISOString() ?? null };
  }

  stop() {
    clearTimeout(this.#timer);
  }

  #schedule() {
    this.stop();
    const { expiresAt } = this.#socket.data;
    if (expiresAt === null) return;
    const wait = expiresAt - Date.now();
    if (wait > maxTimerMs) {
      this.#timer = setTimeout(() => this.#schedule(), maxTimerMs);
    } else {
      this.#timer = setTimeout(() => this.#expire(), Math.max(0, wait));
    }
  }

  #expire() {
    const grace = this.#options.limits.reauthGraceMs;
    this.#socket.emit('auth:expired', {
      message: 'token expired: send auth:refresh with a new token',
      disconnectInMs: grace,
    });
    this.#timer = setTimeout(() => this.#socket.disconnect(true), grace);
  }
}
