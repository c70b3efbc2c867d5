import type { TypingUpdate } from '../protocol';
import type { Store } from '../store/store';
import type { Request } from '../transport/requester';

/** When the client sends typing events. */
export interface TypingTimings {
  /** While typing, at most one "typing" event this often. Default 2,000 ms. */
  throttleMs: number;
  /** After this long without a keystroke, "stopped typing" is sent. Default 3,000 ms. */
  idleMs: number;
}

export const defaultTypingTimings: TypingTimings = { throttleMs: 2_000, idleMs: 3_000 };

/** Outgoing typing: call `typing` on each keystroke, `stop` on send; the rest is timing. */
export class TypingSender {
  readonly #sentAt = new Map<string, number>();
  readonly #idle = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly request: Request,
    private readonly canSend: () => boolean,
    private readonly timings: TypingTimings = defaultTypingTimings,
  ) {}

  typing(conversationId: string) {
    clearTimeout(this.#idle.get(conversationId));
    this.#idle.set(
      conversationId,
      setTimeout(() => this.stop(conversationId), this.timings.idleMs),
    );
    const last = this.#sentAt.get(conversationId);
    if (last !== undefined && Date.now() - last < this.timings.throttleMs) return;
    // Remembered only when it went out, so a stop is never sent for a start nobody saw.
    if (this.#emit(conversationId, true)) this.#sentAt.set(conversationId, Date.now());
  }

  stop(conversationId: string) {
    clearTimeout(this.#idle.get(conversationId));
    this.#idle.delete(conversationId);
    if (!this.#sentAt.delete(conversationId)) return;
    this.#emit(conversationId, false);
  }

  close() {
    for (const timer of this.#idle.values()) clearTimeout(timer);
    this.#idle.clear();
  }

  /** Returns whether the event went out. Typing is only worth sending live: never queued, never over REST. */
  #emit(conversationId: string, typing: boolean): boolean {
    if (!this.canSend()) return false;
    this.request('typing:set', { conversationId, typing }).catch(() => {});
    return true;
  }
}

/** Incoming typing: shown until a stop arrives or the server's expiry passes. */
export class TypingReceiver {
  readonly #expiry = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly store: Store) {}

  update(update: TypingUpdate) {
    const { conversationId, userId, typing } = update;
    if (userId === this.store.getSnapshot().userId) return;
    const key = `${conversationId}\u0000${userId}`;
    clearTimeout(this.#expiry.get(key));
    this.#expiry.delete(key);
    if (typing) {
      this.#expiry.set(
        key,
        setTimeout(() => {
          this.#expiry.delete(key);
          this.store.dispatch({ type: 'typing', conversationId, userId, typing: false });
        }, update.expiresInMs),
      );
    }
    this.store.dispatch({ type: 'typing', conversationId, userId, typing });
  }

  /** A user whose message arrived has stopped typing it. */
  clear(conversationId: string, userId: string) {
    const key = `${conversationId}\u0000${userId}`;
    clearTimeout(this.#expiry.get(key));
    this.#expiry.delete(key);
    this.store.dispatch({ type: 'typing', conversationId, userId, typing: false });
  }

  close() {
    for (const timer of this.#expiry.values()) clearTimeout(timer);
    this.#expiry.clear();
  }
}
