import { ChatError, defaultPageSize, type Message, protocolLimits } from '../protocol';
import type { Store } from '../store/store';
import type { Request } from '../transport/requester';

/**
 * Loads a conversation's newest page and then older pages by seq cursor.
 * Asking twice while a load is under way shares the one request.
 */
export class History {
  readonly #inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly request: Request,
    /** Told of each newest page, to acknowledge delivery of what it brought. */
    private readonly onMessages: (conversationId: string, messages: Message[]) => void,
    private readonly pageSize = defaultPageSize,
  ) {}

  loadNewest(conversationId: string): Promise<void> {
    return this.#once(
      `newest:${conversationId}`,
      async () => {
        const page = await this.request('message:list', { conversationId, limit: this.pageSize });
        this.store.dispatch({
          type: 'historyLoaded',
          conversationId,
          messages: page.messages,
          position: 'newest',
          hasMore: page.hasMore,
        });
        this.onMessages(conversationId, page.messages);
      },
      conversationId,
    );
  }

  /** Loads the page before the oldest message held: `limit` messages, by default the page size. */
  loadOlder(conversationId: string, limit = this.pageSize): Promise<void> {
    const timeline = this.store.getSnapshot().timelines[conversationId];
    if (!timeline?.loaded) return this.loadNewest(conversationId);
    const first = timeline.messages[0];
    if (!timeline.hasMoreBefore || !first) return Promise.resolve();
    return this.#once(
      `older:${conversationId}`,
      async () => {
        this.store.dispatch({ type: 'historyLoading', conversationId });
        const page = await this.request('message:list', {
          conversationId,
          before: first.seq,
          limit,
        });
        this.store.dispatch({
          type: 'historyLoaded',
          conversationId,
          messages: page.messages,
          position: 'older',
          hasMore: page.hasMore,
        });
      },
      conversationId,
    );
  }

  /**
   * Loads older pages until `seq` (and a few messages before it, for context)
   * is held: for jumping to a reply's original, a search hit or the first
   * unread message. Page by page from the window held, so the timeline never
   * gets a hole, each page as large as the protocol allows (the way there can
   * be thousands of messages long, and every page is a round trip); a failure
   * lands in state.
   */
  async loadUntil(conversationId: string, seq: number): Promise<void> {
    const target = Math.max(1, seq - 10);
    for (;;) {
      const timeline = this.store.getSnapshot().timelines[conversationId];
      if (!timeline?.loaded) await this.loadNewest(conversationId);
      const current = this.store.getSnapshot().timelines[conversationId];
      const first = current?.messages[0];
      if (
        !current?.loaded ||
        current.error ||
        !first ||
        first.seq <= target ||
        !current.hasMoreBefore
      ) {
        return;
      }
      await this.loadOlder(conversationId, protocolLimits.pageSize);
    }
  }

  #once(key: string, load: () => Promise<void>, conversationId: string): Promise<void> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const promise = load()
      .catch((error: unknown) => {
        const payload = ChatError.from(error).toPayload();
        this.store.dispatch({ type: 'historyFailed', conversationId, error: payload });
      })
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }
}
