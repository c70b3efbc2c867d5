import { ChatError, type TypingUpdate } from '@banter/core/protocol';
import { conversationRoom } from '../chat/broadcaster';
import type { BanterLimits } from '../options';
import type { BanterNamespace, BanterSocket } from './types';

interface TypingState {
  socketId: string;
  lastRelayAt: number;
  /** Whether receivers were told of this typing: a stop is only worth relaying then. */
  shown: boolean;
  expiry: ReturnType<typeof setTimeout>;
}

/**
 * Relays typing between participants: throttled (at most one `typing: true`
 * per user and conversation per `typingThrottleMs`), volatile (a typing event
 * lost on a slow link is not worth a retry), and expiring (a start never
 * followed by a stop becomes a stop after `typingExpiryMs`).
 *
 * State is per node and short-lived by design: if a node dies, receivers
 * expire the indicator themselves using `expiresInMs`.
 */
export class TypingRelay {
  readonly #nsp: BanterNamespace;
  readonly #limits: BanterLimits;
  readonly #states = new Map<string, TypingState>();
  /** When a start was last relayed, kept after a stop: stop/start pairs must not get around the throttle. */
  readonly #lastStart = new Map<string, number>();

  constructor(nsp: BanterNamespace, limits: BanterLimits) {
    this.#nsp = nsp;
    this.#limits = limits;
  }

  set(socket: BanterSocket, conversationId: string, typing: boolean) {
    // Membership of the room is kept in step with the participants table, so it authorizes cheaply.
    if (!socket.rooms.has(conversationRoom(conversationId))) {
      throw new ChatError('not_found', 'conversation not found, or you are not a participant');
    }
    const { userId } = socket.data;
    const key = `${userId}\u0000${conversationId}`;
    const state = this.#states.get(key);
    if (!typing) {
      if (state) this.#stop(key, state, conversationId, userId);
      return;
    }
    const now = Date.now();
    if (state) clearTimeout(state.expiry);
    const expiry = setTimeout(() => {
      const current = this.#states.get(key);
      if (current) this.#stop(key, current, conversationId, userId);
    }, this.#limits.typingExpiryMs);
    const lastStart = state?.lastRelayAt ?? this.#lastStart.get(key);
    const relayDue = lastStart === undefined || now - lastStart >= this.#limits.typingThrottleMs;
    this.#states.set(key, {
      socketId: socket.id,
      lastRelayAt: relayDue ? now : (lastStart ?? now),
      shown: relayDue || (state?.shown ?? false),
      expiry,
    });
    if (relayDue) {
      this.#lastStart.set(key, now);
      this.#relay({
        conversationId,
        userId,
        typing: true,
        expiresInMs: this.#limits.typingExpiryMs,
      });
    }
  }

  /** A closed socket stops typing everywhere it was. */
  socketClosed(socket: BanterSocket) {
    for (const [key, state] of this.#states) {
      if (state.socketId !== socket.id) continue;
      const [userId = '', conversationId = ''] = key.split('\u0000');
      this.#stop(key, state, conversationId, userId);
    }
  }

  close() {
    for (const state of this.#states.values()) clearTimeout(state.expiry);
    this.#states.clear();
    this.#lastStart.clear();
  }

  #stop(key: string, state: TypingState, conversationId: string, userId: string) {
    clearTimeout(state.expiry);
    this.#states.delete(key);
    // Kept for one throttle window only, so the map does not grow with every conversation ever typed in.
    setTimeout(() => {
      if (!this.#states.has(key)) this.#lastStart.delete(key);
    }, this.#limits.typingThrottleMs).unref?.();
    // A start the throttle held back was never seen, so its stop would tell nobody anything.
    if (state.shown) this.#relay({ conversationId, userId, typing: false, expiresInMs: 0 });
  }

  #relay(update: TypingUpdate) {
    this.#nsp.to(conversationRoom(update.conversationId)).volatile.emit('typing', update);
  }
}
