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
 * Whether a user's typing may be shown in a conversation: not in a direct
 * conversation where either person blocks the other, as their messages may
 * not pass either.
 */
export type MayShowTyping = (conversationId: string, userId: string) => Promise<boolean>;

/**
 * Relays typing between participants: throttled (at most one `typing: true`
 * per user and conversation per `typingThrottleMs`), volatile (a typing event
 * lost on a slow link is not worth a retry), and expiring (a start never
 * followed by a stop becomes a stop after `typingExpiryMs`). A start is
 * checked with `mayShow` when it is due to be relayed, so the check runs at
 * most once per throttle window.
 *
 * State is per node and short-lived by design: if a node dies, receivers
 * expire the indicator themselves using `expiresInMs`.
 */
export class TypingRelay {
  readonly #nsp: BanterNamespace;
  readonly #limits: BanterLimits;
  readonly #mayShow: MayShowTyping;
  readonly #states = new Map<string, TypingState>();
  /** When a start was last relayed, kept after a stop: stop/start pairs must not get around the throttle. */
  readonly #lastStart = new Map<string, number>();

  constructor(nsp: BanterNamespace, limits: BanterLimits, mayShow: MayShowTyping) {
    this.#nsp = nsp;
    this.#limits = limits;
    this.#mayShow = mayShow;
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
      shown: state?.shown ?? false,
      expiry,
    });
    if (relayDue) {
      this.#lastStart.set(key, now);
      void this.#relayStart(key, conversationId, userId);
    }
  }

  /** Relays a start once allowed, unless the typing stopped meanwhile. */
  async #relayStart(key: string, conversationId: string, userId: string) {
    // A failed check shows nothing: typing is a hint, never worth an error.
    const allowed = await this.#mayShow(conversationId, userId).catch(() => false);
    const current = this.#states.get(key);
    if (!allowed || !current) return;
    current.shown = true;
    this.#relay({ conversationId, userId, typing: true, expiresInMs: this.#limits.typingExpiryMs });
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
