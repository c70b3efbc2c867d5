import { ChatError, defaultPageSize, type Message } from '../protocol';
import type { Store } from '../store/store';
import { messageAt } from '../store/timeline';
import type { Request } from '../transport/requester';

/** The timeline flag a load sets while it is on its way. */
type LoadingFlag = 'loadingOlder' | 'loadingNewer';

/**
 * Loads a conversation's newest page and then older pages by seq cursor, or
 * a window around one message and the pages after it. Asking twice while a
 * load is under way shares the one request.
 */
export class History {
  readonly #inFlight = new Map<string, Promise<void>>();
  /**
   * The loads that set a timeline's loading flag and have not landed or failed yet, by key.
   * Several can share `loadingNewer` (a newer page, a jump, the newest page from away): the
   * flag, and the late copies kept with it, stay until the last of them ends.
   */
  readonly #flagged = new Map<string, { conversationId: string; flag: LoadingFlag }>();

  constructor(
    private readonly store: Store,
    private readonly request: Request,
    /** Told of each newest page, to acknowledge delivery of what it brought. */
    private readonly onMessages: (conversationId: string, messages: Message[]) => void,
    private readonly pageSize = defaultPageSize,
  ) {}

  /**
   * Loads the newest page. From a window away from the present it takes the
   * window's place; messages that arrived after the server read it (an own
   * send's included) are then not held, so the pages after it follow until
   * the conversation's last seq is.
   */
  loadNewest(conversationId: string): Promise<void> {
    const away = this.store.getSnapshot().timelines[conversationId]?.hasMoreAfter;
    const key = `newest:${conversationId}`;
    return this.#once(
      key,
      async () => {
        if (away) this.#loading(key, conversationId, 'loadingNewer');
        const page = await this.request('message:list', { conversationId, limit: this.pageSize });
        this.store.dispatch({
          type: 'historyLoaded',
          conversationId,
          messages: page.messages,
          position: 'newest',
          hasMore: page.hasMore,
          stillLoading: this.#othersLoading(key, conversationId, 'loadingNewer'),
        });
        this.onMessages(conversationId, page.messages);
        for (let pages = 0; pages < 3; pages++) {
          if (!this.store.getSnapshot().timelines[conversationId]?.hasMoreAfter) break;
          await this.loadNewer(conversationId);
        }
      },
      conversationId,
    );
  }

  loadOlder(conversationId: string): Promise<void> {
    const timeline = this.store.getSnapshot().timelines[conversationId];
    if (!timeline?.loaded) return this.loadNewest(conversationId);
    const first = timeline.messages[0];
    if (!timeline.hasMoreBefore || !first) return Promise.resolve();
    return this.#page(`older:${conversationId}`, conversationId, 'older', { before: first.seq });
  }

  /**
   * Loads the page after the newest message held, for a timeline held away
   * from the present (`hasMoreAfter`), as the reader scrolls down to it.
   */
  loadNewer(conversationId: string): Promise<void> {
    const timeline = this.store.getSnapshot().timelines[conversationId];
    const last = timeline?.messages.at(-1);
    if (!timeline?.hasMoreAfter || !last) return Promise.resolve();
    return this.#page(`newer:${conversationId}`, conversationId, 'newer', { after: last.seq });
  }

  /**
   * Makes sure the message with `seq` is held, for jumping to a reply's
   * original, a search hit or the first unread message: when it is not, one
   * page around it is loaded, which takes the place of the window held (the
   * timeline then holds a window away from the present, `hasMoreAfter`, never
   * one with a hole). A failure lands in state.
   */
  async loadAround(conversationId: string, seq: number): Promise<void> {
    // After the newest page, never before it: landing later, it would take the window's place.
    if (!this.store.getSnapshot().timelines[conversationId]?.loaded)
      await this.loadNewest(conversationId);
    const timeline = this.store.getSnapshot().timelines[conversationId];
    if (!timeline?.loaded || messageAt(timeline.messages, seq)) return;
    return this.#page(`around:${conversationId}:${seq}`, conversationId, 'around', {
      around: seq,
    });
  }

  /** One page placed by `cursor`, marked in state while it is on its way. */
  #page(
    key: string,
    conversationId: string,
    position: 'older' | 'newer' | 'around',
    cursor: { before: number } | { after: number } | { around: number },
  ): Promise<void> {
    const flag = position === 'older' ? 'loadingOlder' : 'loadingNewer';
    return this.#once(
      key,
      async () => {
        this.#loading(key, conversationId, flag);
        const page = await this.request('message:list', {
          conversationId,
          ...cursor,
          limit: this.pageSize,
        });
        this.store.dispatch({
          type: 'historyLoaded',
          conversationId,
          messages: page.messages,
          position,
          hasMore: page.hasMore,
          hasMoreAfter: page.hasMoreAfter,
          stillLoading: this.#othersLoading(key, conversationId, flag),
        });
      },
      conversationId,
    );
  }

  /** Sets the timeline's `flag` for the load `key`, until it lands or fails. */
  #loading(key: string, conversationId: string, flag: LoadingFlag) {
    this.#flagged.set(key, { conversationId, flag });
    this.store.dispatch({ type: 'historyLoading', conversationId, newer: flag === 'loadingNewer' });
  }

  /** The load `key` ended: whether other loads still hold the conversation's `flag`. */
  #othersLoading(key: string, conversationId: string, flag: LoadingFlag) {
    this.#flagged.delete(key);
    for (const other of this.#flagged.values()) {
      if (other.conversationId === conversationId && other.flag === flag) return true;
    }
    return false;
  }

  /** Runs `load` unless the same load is under way; a failure lands in state. */
  #once(key: string, load: () => Promise<void>, conversationId: string): Promise<void> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const promise = load()
      .catch((error: unknown) => {
        const held = this.#flagged.get(key)?.flag;
        // Its flag clears unless another load holds it too (or it had landed before failing).
        const loading = held && !this.#othersLoading(key, conversationId, held) ? held : null;
        const payload = ChatError.from(error).toPayload();
        this.store.dispatch({ type: 'historyFailed', conversationId, error: payload, loading });
      })
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }
}
