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
import { useChatClient, useChatState } from '../hooks/use-chat-state';
import { useConversation } from '../hooks/use-conversation';
import { useMessageActions } from '../hooks/use-message-actions';
import { useStrings } from '../i18n/strings-context';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { JumpToFirstUnread } from './message-list/JumpToFirstUnread';
import { buildItems } from './message-list/list-items';
import { MessageRow } from './message-list/MessageRow';
import { UnreadDivider } from './message-list/UnreadDivider';
import { useAnnouncements } from './message-list/use-announcer';
import { useFirstUnread } from './message-list/use-first-unread';
import { useJumpToMessage } from './message-list/use-jump-to-message';
import { useMarkReadOnScreen } from './message-list/use-mark-read-on-screen';
import { useOpenAtFirstUnread } from './message-list/use-open-at-first-unread';
import { useRovingFocus } from './message-list/use-roving-focus';
import { useScrollAnchor } from './message-list/use-scroll-anchor';
import { useUnseenCount } from './message-list/use-unseen-count';
import { useVirtualRows } from './message-list/use-virtual-rows';
import { type MessageTarget, useJumpToTarget } from './search/message-target';

/**
 * A conversation's messages, virtualized: it follows new messages at the bottom, keeps the reader's
 * place otherwise, and marks read what is on screen.
 */
export interface MessageListProps extends ComponentPropsWithoutRef<'section'> {
  /** The conversation to show. */
  conversationId: string;
  /** A message to go to (a search hit): loaded around its seq, scrolled to and highlighted; each new object jumps again. */
  jumpTarget?: MessageTarget | null;
}

/** Closer than this to the top, older messages start loading (and to the bottom, newer ones, away from the present). */
const loadWithinPx = 400;

/**
 * The conversation's messages, virtualized so long histories stay smooth. It
 * opens at the newest message (or the first unread) and follows new ones while
 * the reader is at the bottom; otherwise it keeps the reader's place and offers
 * a "new messages" button. After a jump far back (a search hit) it holds the
 * messages around it, loads newer ones as the reader scrolls down and offers
 * "Jump to latest". Loading older messages at the top never moves what the
 * reader is looking at. Messages are marked read when they are on screen.
 * The messages are one tab stop: arrow keys, Home and End move between them,
 * and Enter (or the context-menu key, or Shift+F10) opens a message's actions.
 */
export const MessageList = forwardRef<HTMLElement, MessageListProps>(function MessageList(
  { conversationId, jumpTarget, className, onScroll, ...props },
  ref,
) {
  const { strings, locale } = useStrings();
  const {
    conversation,
    messages,
    loaded,
    hasMoreBefore,
    loadingOlder,
    loadOlder,
    hasMoreAfter,
    loadingNewer,
    loadNewer,
    loadLatest,
    markRead,
  } = useConversation(conversationId);
  const client = useChatClient();
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
  const readViewport = useCallback((element: HTMLElement) => {
    setViewport((current) =>
      current.top === element.scrollTop && current.height === element.clientHeight
        ? current
        : { top: element.scrollTop, height: element.clientHeight },
    );
  }, []);
  const virtual = useVirtualRows({
    keys,
    estimate,
    scrollTop: viewport.top,
    viewportHeight: viewport.height,
  });
  const { atBottom, readPosition, jumpToLatest, holdAt } = useScrollAnchor({
    scroller,
    list,
    offsetOf: virtual.offsetOf,
    onPosition: readViewport,
    atPresent: !hasMoreAfter,
  });

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
    if (!element) return;
    if (element.scrollTop < loadWithinPx && hasMoreBefore && !loadingOlder) void loadOlder();
    const belowView = element.scrollHeight - element.scrollTop - element.clientHeight;
    if (belowView < loadWithinPx && hasMoreAfter && !loadingNewer) void loadNewer();
  });

  const renderedKeys = useMemo(() => virtual.rows.map((row) => row.key), [virtual.rows]);
  const roving = useRovingFocus({
    items,
    renderedKeys,
    scroller,
    list,
    offsetOf: virtual.offsetOf,
  });
  const { highlighted, jumpTo } = useJumpToMessage({
    client,
    conversationId,
    messages,
    focusMessage: roving.focusMessage,
  });
  const onJumpTo = useCallback((messageId: string) => void jumpTo(messageId), [jumpTo]);
  useJumpToTarget(jumpTarget, jumpTo);

  const userId = useChatState((state) => state.userId);
  const firstUnread = useFirstUnread({
    client,
    conversationId,
    conversation,
    userId,
    messages,
    loaded,
  });
  const unreadLine = useOpenAtFirstUnread({
    conversationId,
    firstUnread,
    hasRows: items.length > 0,
    holdAt,
    offsetOf: virtual.offsetOf,
    list,
    viewport,
  });
  const unseen = useUnseenCount(items, atBottom, !hasMoreAfter);
  useMarkReadOnScreen({ items, viewport, offsets: virtual.offsets, list, markRead, loaded });

  const nameOf = useCallback((userId: string) => users[userId]?.name ?? userId, [users]);
  const announcements = useAnnouncements(messages, loaded, nameOf, !hasMoreAfter);
  const isGroup = conversation?.kind === 'group';

  return (
    <div
      className={cx('banter-message-list', className)}
      data-at-bottom={atBottom}
      data-positioning={unreadLine.positioning || undefined}
    >
      <section
        ref={scroller}
        // Out of sight until the first unread message is held and placed: one paint, at the right place.
        style={unreadLine.positioning ? { visibility: 'hidden' } : undefined}
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
          onKeyDown={roving.onKeyDown}
          onFocus={roving.onFocus}
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
              {row.key === firstUnread.dividerKey && <UnreadDivider />}
              <MessageRow
                item={items[row.index] as (typeof items)[number]}
                showSenderNames={isGroup}
                tabbable={row.key === roving.tabbableKey}
                highlighted={row.key === highlighted}
                onRetry={retry}
                onDiscard={discard}
                onJumpTo={onJumpTo}
              />
            </li>
          ))}
        </ul>
        {loadingNewer && (
          <div className="banter-message-list__end" role="status">
            {strings.loading}
          </div>
        )}
      </section>
      {unreadLine.dividerOffScreen && (
        <JumpToFirstUnread
          onJump={() =>
            firstUnread.dividerKey && roving.focusMessage(firstUnread.dividerKey, 'center')
          }
        />
      )}
      {(hasMoreAfter || unseen > 0) && (
        <button
          type="button"
          className="banter-message-list__jump"
          onClick={hasMoreAfter ? () => void loadLatest().then(jumpToLatest) : jumpToLatest}
        >
          {hasMoreAfter ? strings.jumpToLatest : strings.newMessages(unseen, locale)}
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
