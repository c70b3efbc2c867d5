import { ChatError, type Receipt } from '../protocol';
import type { Store } from '../store/store';
import type { Request } from '../transport/requester';

/**
 * Delivery is marked by itself: messages from others that reach this client
 * are acknowledged as delivered, batched per conversation. Read is marked by
 * the application (when the user actually sees the messages).
 */
export class Receipts {
  readonly #delivered = new Map<string, number>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: Store,
    private readonly request: Request,
    private readonly onError: (error: ChatError) => void,
    private readonly batchMs = 250,
    /**
     * Told of a conversation whose unread count a read could not update here (the messages
     * read are not all held: a window away from the present), to ask the server for it.
     */
    private readonly onCountUnknown: (conversationId: string) => void = () => {},
  ) {}

  noteDelivered(conversationId: string, seq: number) {
    if (seq <= (this.#delivered.get(conversationId) ?? 0)) return;
    this.#delivered.set(conversationId, seq);
    if (this.#timers.has(conversationId)) return;
    this.#timers.set(
      conversationId,
      setTimeout(() => {
        this.#timers.delete(conversationId);
        void this.#send(
          'receipt:delivered',
          conversationId,
          this.#delivered.get(conversationId) ?? 0,
        );
      }, this.batchMs),
    );
  }

  /** Marks read up to `seq` (default: the newest message held). Never throws; failures land in state. */
  async markRead(conversationId: string, seq?: number): Promise<void> {
    const state = this.store.getSnapshot();
    const target =
      seq ??
      state.timelines[conversationId]?.messages.at(-1)?.seq ??
      state.conversations[conversationId]?.lastSeq;
    if (target === undefined) return;
    const mine = this.#own(conversationId);
    if (mine && mine.lastReadSeq >= target) return;
    const unread = state.conversations[conversationId]?.unreadCount ?? 0;
    // Show it at once; the server's answer (or its broadcast) confirms it.
    if (mine) {
      this.store.dispatch({
        type: 'receipt',
        receipt: {
          ...mine,
          lastReadSeq: target,
          lastDeliveredSeq: Math.max(mine.lastDeliveredSeq, target),
        },
      });
    }
    const after = this.store.getSnapshot().conversations[conversationId]?.unreadCount;
    const sent = await this.#send('receipt:read', conversationId, target);
    if (sent && unread > 0 && after === unread) this.onCountUnknown(conversationId);
  }

  close() {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #own(conversationId: string): Receipt | null {
    const state = this.store.getSnapshot();
    const participant = state.conversations[conversationId]?.participants.find(
      (p) => p.userId === state.userId,
    );
    if (!participant) return null;
    return {
      conversationId,
      userId: participant.userId,
      lastReadSeq: participant.lastReadSeq,
      lastDeliveredSeq: participant.lastDeliveredSeq,
    };
  }

  async #send(name: 'receipt:read' | 'receipt:delivered', conversationId: string, seq: number) {
    const mine = this.#own(conversationId);
    if (name === 'receipt:delivered' && mine && mine.lastDeliveredSeq >= seq) return false;
    try {
      const receipt = await this.request(name, { conversationId, seq });
      this.store.dispatch({ type: 'receipt', receipt });
      return true;
    } catch (error) {
      // Forget what was not acknowledged, so the next message (or the next catch-up) sends it again.
      if (name === 'receipt:delivered' && this.#delivered.get(conversationId) === seq) {
        this.#delivered.delete(conversationId);
      }
      this.onError(ChatError.from(error));
      return false;
    }
  }
}
