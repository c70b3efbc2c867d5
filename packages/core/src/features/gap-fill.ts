import { type BackoffOptions, backoffDelay, defaultBackoff } from '../connection/backoff';
import { ChatError, type Message, protocolLimits } from '../protocol';
import type { Store } from '../store/store';
import type { Request } from '../transport/requester';

/**
 * Brings a conversation up to date after any break: asks the change feed for
 * everything after the timeline's change cursor (new messages, edits,
 * deletes), page by page, and merges it (the reducer keeps seq order and the
 * freshest copy). Runs on every reconnect for every loaded conversation, and
 * whenever a live message or an ack reveals a hole in the seqs. A fill that fails is tried again with backoff until one succeeds: a
 * link that breaks again during the fill must not leave the hole for good.
 * It never relies on Socket.IO's own connection-state recovery.
 */
export class GapFiller {
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  readonly #gapTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #failures = new Map<string, number>();
  #closed = false;

  constructor(
    private readonly store: Store,
    private readonly request: Request,
    private readonly onMessages: (conversationId: string, messages: Message[]) => void,
    private readonly onError: (error: ChatError) => void,
    private readonly pageSize: number = protocolLimits.pageSize,
    private readonly backoff: BackoffOptions = defaultBackoff,
  ) {}

  /** Fills every conversation whose timeline is loaded, a few at a time. */
  async fillAll(): Promise<void> {
    const loaded = Object.entries(this.store.getSnapshot().timelines)
      .filter(([, timeline]) => timeline.loaded)
      .map(([id]) => id);
    const queue = [...loaded];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await this.fill(id);
    };
    await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  }

  /** One fill per conversation at a time; a request during a fill runs once more after it. */
  fill(conversationId: string): Promise<void> {
    const running = this.#running.get(conversationId);
    if (running) {
      this.#again.add(conversationId);
      return running;
    }
    clearTimeout(this.#retryTimers.get(conversationId));
    this.#retryTimers.delete(conversationId);
    const run = this.#fillPages(conversationId)
      .then(() => {
        this.#failures.delete(conversationId);
      })
      .catch((error: unknown) => {
        this.onError(ChatError.from(error));
        this.#retryLater(conversationId);
      })
      .finally(() => {
        this.#running.delete(conversationId);
        if (this.#again.delete(conversationId)) void this.fill(conversationId);
      });
    this.#running.set(conversationId, run);
    return run;
  }

  #retryLater(conversationId: string) {
    if (this.#closed) return;
    const failures = (this.#failures.get(conversationId) ?? 0) + 1;
    this.#failures.set(conversationId, failures);
    this.#retryTimers.set(
      conversationId,
      setTimeout(
        () => {
          this.#retryTimers.delete(conversationId);
          void this.fill(conversationId);
        },
        backoffDelay(failures, this.backoff),
      ),
    );
  }

  /**
   * Called with each live message, and each ack of an own message, before it is
   * stored. A seq beyond the next expected one means something was missed (an
   * ack that skips ahead too); messages committed at once can arrive slightly
   * out of order, so the fill waits a moment first.
   */
  noticeLive(message: Message) {
    const timeline = this.store.getSnapshot().timelines[message.conversationId];
    // Away from the present, messages beyond the window are expected, not missed.
    if (!timeline?.loaded || timeline.hasMoreAfter) return;
    const last = timeline.messages.at(-1)?.seq ?? 0;
    if (message.seq <= last + 1 || this.#gapTimers.has(message.conversationId)) return;
    this.#gapTimers.set(
      message.conversationId,
      setTimeout(() => {
        this.#gapTimers.delete(message.conversationId);
        void this.fill(message.conversationId);
      }, 150),
    );
  }

  close() {
    this.#closed = true;
    for (const timer of [...this.#gapTimers.values(), ...this.#retryTimers.values()])
      clearTimeout(timer);
    this.#gapTimers.clear();
    this.#retryTimers.clear();
  }

  async #fillPages(conversationId: string) {
    const timeline = this.store.getSnapshot().timelines[conversationId];
    if (!timeline?.loaded) return;
    // The change feed from the cursor on: new messages, edits and deletes alike, each
    // message once in its current state. The cursor only ever moves forward.
    let after = timeline.changeCursor ?? 0;
    for (;;) {
      const page = await this.request('message:changes', {
        conversationId,
        after,
        limit: this.pageSize,
      });
      this.store.dispatch({
        type: 'changesLoaded',
        conversationId,
        messages: page.messages,
        lastChange: page.lastChange,
      });
      if (page.messages.length > 0) this.onMessages(conversationId, page.messages);
      if (!page.hasMore || page.lastChange <= after) return;
      after = page.lastChange;
    }
  }
}
