'use client';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type UIEvent,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { useConversation } from '../hooks/use-conversation';
import { useMessageActions } from '../hooks/use-message-actions';
import { useStrings } from '../i18n/strings-context';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { useIsomorphicLayoutEffect } from '../utils/use-isomorphic-layout-effect';
import { buildItems } from './message-list/list-items';
import { MessageRow } from './message-list/MessageRow';
import { useAnnouncements } from './message-list/use-announcer';
import { useVirtualRows } from './message-list/use-virtual-rows';

export interface MessageListProps extends ComponentPropsWithoutRef<'section'> {
  conversationId: string;
}

/** Within this distance of the end, the list counts as "at the bottom" and follows new messages. */
const bottomSlackPx = 48;
/** Closer than this to the top, older messages start loading. */
const loadOlderWithinPx = 400;

/**
 * The conversation's messages, virtualized so long histories stay smooth. It
 * opens at the newest message and follows new ones while the reader is at
 * the bottom; otherwise it keeps the reader's place and offers a "new
 * messages" button. Loading older messages at the top never moves what the
 * reader is looking at. Messages are marked read when they are on screen.
 */
export const MessageList = forwardRef<HTMLElement, MessageListProps>(function MessageList(
  { conversationId, className, onScroll, ...props },
  ref,
) {
  const { strings, locale } = useStrings();
  const { conversation, messages, loaded, hasMoreBefore, loadingOlder, loadOlder, markRead } =
    useConversation(conversationId);
  const { retry, discard } = useMessageActions(conversationId);
  const users = useChatState((state) => state.users);
  const items = useMemo(() => buildItems(messages), [messages]);
  const keys = useMemo(() => items.map((item) => item.key), [items]);
  const estimate = useCallback(
    (index: number) => (items[index]?.kind === 'day' ? 40 : 64),
    [items],
  );

  const scroller = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useImperativeHandle(ref, () => scroller.current as HTMLElement);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  const virtual = useVirtualRows({
    keys,
    estimate,
    scrollTop: viewport.top,
    viewportHeight: viewport.height,
  });

  // Where the reader is, decided when they scroll and applied after each layout.
  const following = useRef(true);
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [lastSeenKey, setLastSeenKey] = useState<string | null>(null);

  const listTop = useCallback(() => list.current?.offsetTop ?? 0, []);

  /**
   * The first message row on screen and how far below the scroller's top edge
   * it is; null when no rendered row is on screen (the window has not caught up
   * with a jump yet).
   */
  const visibleAnchor = useCallback(() => {
    const element = scroller.current;
    if (!element || !list.current) return null;
    const { top: edge, bottom } = element.getBoundingClientRect();
    for (const row of list.current.children as HTMLCollectionOf<HTMLElement>) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom <= edge + 1 || rect.top >= bottom) continue;
      // Anchor to a message, not a day separator: prepending older messages of the same day moves the separator.
      if (row.querySelector('.banter-message') && row.dataset.key)
        return { key: row.dataset.key, offset: rect.top - edge };
    }
    return null;
  }, []);
  /** Set when the reader scrolled but the anchor could not be read yet: read it after the next layout. */
  const anchorStale = useRef(false);

  /**
   * scrollTop when the anchor was taken or last kept. A scroll event at that
   * position is our own write; anywhere else, the reader moved and the anchor is old.
   */
  const anchoredAt = useRef<number | null>(null);
  const setScrollTop = useCallback((element: HTMLElement, top: number) => {
    element.scrollTop = top;
    anchoredAt.current = element.scrollTop;
  }, []);

  const readPosition = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
    if (movedSince(element, anchoredAt.current)) {
      following.current = fromBottom <= bottomSlackPx;
      const seen = following.current ? null : visibleAnchor();
      anchorStale.current = !following.current && seen === null;
      if (!anchorStale.current) anchor.current = seen;
      anchoredAt.current = element.scrollTop;
      setAtBottom(following.current);
    }
    setViewport((current) =>
      current.top === element.scrollTop && current.height === element.clientHeight
        ? current
        : { top: element.scrollTop, height: element.clientHeight },
    );
  }, [visibleAnchor]);

  // After every layout, keep the reader's place: follow the end, or put the anchored
  // message back exactly where it was on screen (rows above it may have been added or measured).
  useIsomorphicLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // React can render before the reader's scroll event is handled: if the position changed since we
    // last kept it, the reader scrolled, and where they are now is what to keep, not the old place.
    const moved = anchoredAt.current !== null && movedSince(element, anchoredAt.current);
    if (moved && following.current) {
      following.current =
        element.scrollHeight - element.scrollTop - element.clientHeight <= bottomSlackPx;
    }
    if (following.current) {
      if (Math.abs(element.scrollHeight - element.clientHeight - element.scrollTop) >= 1) {
        setScrollTop(element, element.scrollHeight);
      } else {
        anchoredAt.current = element.scrollTop;
      }
      return;
    }
    if (anchorStale.current || moved) {
      const seen = visibleAnchor();
      if (seen) {
        anchor.current = seen;
        anchoredAt.current = element.scrollTop;
        anchorStale.current = false;
      } else {
        anchorStale.current = true;
      }
      return;
    }
    const target = anchor.current;
    if (!target || !list.current) return;
    const edge = element.getBoundingClientRect().top;
    for (const row of list.current.children as HTMLCollectionOf<HTMLElement>) {
      if (row.dataset.key !== target.key) continue;
      const drift = row.getBoundingClientRect().top - edge - target.offset;
      if (Math.abs(drift) >= 1) setScrollTop(element, element.scrollTop + drift);
      return;
    }
    // The anchored row is outside the rendered window: place it from the offsets.
    const offset = virtual.offsetOf(target.key);
    if (offset !== null) setScrollTop(element, offset + listTop() - target.offset);
  });

  // The viewport's size follows the element's (panel resized, widget opened).
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (following.current) setScrollTop(element, element.scrollHeight);
      readPosition();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [readPosition, setScrollTop]);

  // Rows report their real height as they render.
  const rowObserver = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const key = (entry.target as HTMLElement).dataset.key;
        if (key) virtual.measure(key, (entry.target as HTMLElement).offsetHeight);
      }
    });
    rowObserver.current = observer;
    for (const row of list.current?.children ?? []) observer.observe(row);
    return () => observer.disconnect();
  }, [virtual.measure]);
  const observeRow = useCallback((element: HTMLLIElement | null) => {
    if (element) rowObserver.current?.observe(element);
  }, []);

  const handleScroll = composeHandlers<UIEvent<HTMLElement>>(onScroll, () => {
    readPosition();
    const element = scroller.current;
    if (element && element.scrollTop < loadOlderWithinPx && hasMoreBefore && !loadingOlder)
      void loadOlder();
  });

  // Everything up to the newest message counts as seen while the reader is at the bottom.
  const newestKey = keys.at(-1) ?? null;
  useEffect(() => {
    if (atBottom && newestKey !== lastSeenKey) setLastSeenKey(newestKey);
  }, [atBottom, newestKey, lastSeenKey]);
  const unseen = useMemo(() => {
    if (atBottom || lastSeenKey === null) return 0;
    const from = keys.indexOf(lastSeenKey);
    return items.slice(from + 1).filter((item) => item.kind === 'message' && !item.message.own)
      .length;
  }, [atBottom, lastSeenKey, keys, items]);

  useMarkVisibleRead({ items, viewport, offsets: virtual.offsets, listTop, markRead, loaded });

  const nameOf = useCallback((userId: string) => users[userId]?.name ?? userId, [users]);
  const announcements = useAnnouncements(messages, loaded, nameOf);
  const isGroup = conversation?.kind === 'group';

  const jumpToLatest = () => {
    const element = scroller.current;
    if (!element) return;
    following.current = true;
    anchor.current = null;
    anchorStale.current = false;
    anchoredAt.current = null;
    setAtBottom(true);
    setScrollTop(element, element.scrollHeight);
  };

  return (
    <div className={cx('banter-message-list', className)} data-at-bottom={atBottom}>
      <section
        ref={scroller}
        className="banter-message-list__scroller"
        aria-label={strings.messageListLabel}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll it with the keyboard
        tabIndex={0}
        onScroll={handleScroll}
        {...props}
      >
        <div className="banter-message-list__start">
          {loadingOlder ? (
            <span role="status">{strings.loadingOlder}</span>
          ) : loaded && !hasMoreBefore && messages.length > 0 ? (
            <span>{strings.beginningOfConversation}</span>
          ) : null}
        </div>
        {loaded && messages.length === 0 && (
          <p className="banter-message-list__empty">{strings.emptyConversation}</p>
        )}
        <ul
          ref={list}
          className="banter-message-list__rows"
          aria-label={strings.messageListLabel}
          style={{ paddingTop: virtual.paddingTop, paddingBottom: virtual.paddingBottom }}
        >
          {virtual.rows.map((row) => (
            <li
              key={row.key}
              ref={observeRow}
              data-key={row.key}
              className="banter-message-list__row"
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
            >
              <MessageRow
                item={items[row.index] as (typeof items)[number]}
                showSenderNames={isGroup}
                onRetry={retry}
                onDiscard={discard}
              />
            </li>
          ))}
        </ul>
      </section>
      {unseen > 0 && (
        <button type="button" className="banter-message-list__jump" onClick={jumpToLatest}>
          {strings.newMessages(unseen, locale)}
        </button>
      )}
      <div
        className="banter-visually-hidden"
        role="log"
        aria-live="polite"
        aria-label={strings.messageListLabel}
      >
        {announcements.map((announcement) => (
          <p key={announcement.key}>{announcement.text}</p>
        ))}
      </div>
    </div>
  );
});

/** Whether the scroller is away from the position last recorded (none recorded counts as moved). */
function movedSince(element: HTMLElement, recorded: number | null): boolean {
  return recorded === null || Math.abs(element.scrollTop - recorded) >= 1;
}

/** The first row whose bottom is below `y`: the top visible row. */
function firstAtOrAfter(offsets: Float64Array, y: number): number {
  let low = 0;
  let high = Math.max(0, offsets.length - 2);
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((offsets[mid + 1] as number) <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Marks read up to the newest message actually on screen, while the page is
 * visible. A list never laid out (server, hidden tab) marks nothing.
 */
function useMarkVisibleRead({
  items,
  viewport,
  offsets,
  listTop,
  markRead,
  loaded,
}: {
  items: ReturnType<typeof buildItems>;
  viewport: { top: number; height: number };
  offsets: Float64Array;
  listTop: () => number;
  markRead: (seq?: number) => Promise<void>;
  loaded: boolean;
}) {
  const [visible, setVisible] = useState(
    () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  );
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  useEffect(() => {
    if (!loaded || !visible || viewport.height <= 0) return;
    const bottom = viewport.top + viewport.height - listTop();
    let newest = 0;
    for (let i = firstAtOrAfter(offsets, viewport.top - listTop()); i < items.length; i++) {
      if ((offsets[i] as number) >= bottom) break;
      const item = items[i];
      if (item?.kind === 'message' && item.message.seq !== null)
        newest = Math.max(newest, item.message.seq);
    }
    if (newest === 0) return;
    const timer = setTimeout(() => void markRead(newest), 250);
    return () => clearTimeout(timer);
  }, [items, viewport, offsets, listTop, markRead, loaded, visible]);
}
