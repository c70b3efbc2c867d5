import {
  ChatError,
  defaultPageSize,
  type Message,
  type MessagePage,
  protocolLimits,
} from '../protocol';
import type { Store } from '../store/store';
import type { Request } from '../transport/requester';

/** Catch-up pages asked for at once: a few round trips instead of one per page, well inside the server's request rate. */
const catchUpPagesInFlight = 4;

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

  loadOlder(conversationId: string): Promise<void> {
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
          limit: this.pageSize,
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
   * unread message. The way there can be thousands of messages long: pages
   * are as large as the protocol allows and several are asked for at once
   * (`#catchUp`), yet applied in order from the window held, so the timeline
   * never gets a hole. A failure lands in state.
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
      await this.#catchUp(conversationId, first.seq, target);
    }
  }

  /**
   * The pages from `oldest` (the oldest seq held) back to `target`, asked for
   * `catchUpPagesInFlight` at a time. Seqs are dense (given one after another
   * at commit; a deleted message keeps its seq), so where each page starts is
   * known before the one after it answers. Each is applied only if it starts
   * at or above the oldest message held by then; should one not (a server
   * answering with smaller pages than asked for), the rest are dropped and
   * `loadUntil` goes on from what is held.
   */
  #catchUp(conversationId: string, oldest: number, target: number): Promise<void> {
    return this.#once(
      `older:${conversationId}`,
      async () => {
        const size = protocolLimits.pageSize;
        const pages: Promise<MessagePage>[] = [];
        let next = oldest;
        const ask = () => {
          if (next <= target) return;
          const page = this.request('message:list', { conversationId, before: next, limit: size });
          // Answers left unread after an early stop must not surface as unhandled rejections.
          page.catch(() => {});
          pages.push(page);
          next -= size;
        };
        for (let i = 0; i < catchUpPagesInFlight; i++) ask();
        this.store.dispatch({ type: 'historyLoading', conversationId });
        for (let before = oldest; before > target; before -= size) {
          const page = await (pages.shift() as Promise<MessagePage>);
          ask();
          const held = this.store.getSnapshot().timelines[conversationId]?.messages[0]?.seq;
          if (held === undefined || before < held) return;
          this.store.dispatch({
            type: 'historyLoaded',
            conversationId,
            messages: page.messages,
            position: 'older',
            hasMore: page.hasMore,
          });
          if (!page.hasMore) return;
        }
      },
      conversationId,
    );
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
