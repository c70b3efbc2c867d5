'use client';
import type { Conversation, UserProfile } from '@banter/core';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  memo,
  type ReactNode,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { useConversations } from '../hooks/use-conversations';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';
import { useIsomorphicLayoutEffect } from '../utils/use-isomorphic-layout-effect';
import { ArchivedToggle } from './ArchivedToggle';
import { ConversationRow, type ConversationRowProps } from './ConversationRow';
import { ConversationRowMenu } from './ConversationRowMenu';
import { NewConversation } from './NewConversation';
import { MessageSearch } from './search/MessageSearch';
import type { MessageTarget } from './search/message-target';

/** The viewer's conversations, with search, unread badges and keyboard navigation. */
export interface ConversationListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSelect'> {
  /** The selected conversation, when the host owns selection. */
  selectedId?: string;
  /** The first selection when the list owns it. */
  defaultSelectedId?: string;
  /** Called with the conversation the user opens. */
  onSelect?: (conversationId: string) => void;
  /** Opens on the archived conversations instead of the current ones; the list's Archived toggle switches between them. */
  archived?: boolean;
  /** Show the search field. Default true. */
  searchable?: boolean;
  /** Show the "new conversation" action. Default true. */
  showNewConversation?: boolean;
  /**
   * Shows a search of the messages of every conversation; called with the chosen hit's
   * conversation and message: open it, and pass the target to `ChatWindow`'s `jumpTarget`.
   */
  onOpenMessage?: (conversationId: string, target: MessageTarget) => void;
  /**
   * Replaces a row. Spread the props on the row's element (they carry its
   * option role, selection and keyboard focus), or pass them to
   * `<ConversationRow>`. Keep the function stable (`useCallback`): rows are
   * memoized on it.
   */
  renderRow?: (props: ConversationRowProps) => ReactNode;
}

/**
 * The user's conversations, most recent first, with search, a "new
 * conversation" action and listbox keyboard navigation.
 *
 * @example
 * <ConversationList selectedId={openId} onSelect={setOpenId} />
 */
export const ConversationList = forwardRef<HTMLDivElement, ConversationListProps>(
  function ConversationList(
    {
      selectedId,
      defaultSelectedId,
      onSelect,
      archived = false,
      searchable = true,
      showNewConversation = true,
      onOpenMessage,
      renderRow,
      className,
      ...props
    },
    ref,
  ) {
    const { strings, locale } = useStrings();
    const [showArchived, setShowArchived] = useState(archived);
    const { conversations, status, reload } = useConversations({ archived: showArchived });
    const users = useChatState((state) => state.users);
    const me = useChatState((state) => state.userId);
    const [query, setQuery] = useState('');
    const [ownSelection, setOwnSelection] = useState(defaultSelectedId);
    const [activeId, setActiveId] = useState<string | undefined>(undefined);
    const listRef = useRef<HTMLDivElement>(null);
    const selected = selectedId !== undefined ? selectedId : ownSelection;

    // Rows get one callback for the list's lifetime, so memoized rows stay put
    // when the host passes a new onSelect each render.
    const onSelectRef = useRef(onSelect);
    useIsomorphicLayoutEffect(() => {
      onSelectRef.current = onSelect;
    });
    const select = useCallback((id: string) => {
      setOwnSelection(id);
      setActiveId(id);
      onSelectRef.current?.(id);
    }, []);

    const visible = useMemo(
      () => filterConversations(conversations, query, { users, me, locale }),
      [conversations, query, users, me, locale],
    );
    const active = pickActive(visible, activeId, selected);

    const focusOption = (index: number) => {
      const target = visible[index];
      if (!target) return;
      setActiveId(target.id);
      listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
    };

    const handleListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      // Keys on a row's menu button are the button's.
      if ((event.target as HTMLElement).getAttribute('role') !== 'option') return;
      const index = visible.findIndex((c) => c.id === active);
      const last = visible.length - 1;
      const moves: Record<string, number> = {
        ArrowDown: Math.min(index + 1, last),
        ArrowUp: Math.max(index - 1, 0),
        Home: 0,
        End: last,
      };
      const move = moves[event.key];
      if (move !== undefined) {
        event.preventDefault();
        focusOption(move);
      } else if ((event.key === 'Enter' || event.key === ' ') && active) {
        event.preventDefault();
        select(active);
      }
    };

    const handleSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
      // From the search box straight into the results, as in a combobox.
      if (event.key !== 'ArrowDown' || visible.length === 0) return;
      event.preventDefault();
      focusOption(
        Math.max(
          0,
          visible.findIndex((c) => c.id === active),
        ),
      );
    };

    let body: ReactNode;
    if (conversations.length === 0 && status === 'loading') {
      body = (
        <p className="banter-conversation-list__state" role="status">
          {strings.loadingConversations}
        </p>
      );
    } else if (conversations.length === 0) {
      body = (
        <div className="banter-conversation-list__state">
          <p>{showArchived ? strings.archivedEmpty : strings.noConversations}</p>
          {status === 'error' && (
            <button type="button" onClick={() => void reload()}>
              {strings.retry}
            </button>
          )}
        </div>
      );
    } else if (visible.length === 0) {
      body = (
        <p className="banter-conversation-list__state" role="status">
          {strings.noMatches}
        </p>
      );
    } else {
      body = (
        <div
          ref={listRef}
          className="banter-conversation-list__items"
          role="listbox"
          aria-label={strings.conversationsLabel}
          onKeyDown={handleListKeyDown}
        >
          {visible.map((conversation) => (
            <ConversationOption
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selected}
              active={conversation.id === active}
              onChoose={select}
              renderRow={renderRow}
            />
          ))}
        </div>
      );
    }

    return (
      <div
        ref={ref}
        className={cx('banter-root banter-conversation-list', className)}
        data-status={status}
        data-archived={String(showArchived)}
        {...props}
      >
        {showNewConversation && <NewConversation onOpen={select} />}
        {onOpenMessage && (
          <MessageSearch
            onSelect={({ message }) =>
              onOpenMessage(message.conversationId, { id: message.id, seq: message.seq })
            }
          />
        )}
        {searchable && conversations.length > 0 && (
          <input
            type="search"
            className="banter-conversation-list__search"
            aria-label={strings.searchConversations}
            placeholder={strings.searchConversations}
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={handleSearchKeyDown}
          />
        )}
        {body}
        <ArchivedToggle pressed={showArchived} onToggle={setShowArchived} />
      </div>
    );
  },
);

interface ConversationOptionProps {
  conversation: Conversation;
  selected: boolean;
  /** The one option in the tab order (roving tabindex). */
  active: boolean;
  onChoose: (conversationId: string) => void;
  renderRow: ((props: ConversationRowProps) => ReactNode) | undefined;
}

/**
 * Memoized on the conversation object, which the store replaces only when it
 * changed: a new message re-renders its own row, not the other 499.
 */
const ConversationOption = memo(function ConversationOption({
  conversation,
  selected,
  active,
  onChoose,
  renderRow,
}: ConversationOptionProps) {
  const rowProps: ConversationRowProps = {
    conversation,
    selected,
    role: 'option',
    'aria-selected': selected,
    tabIndex: active ? 0 : -1,
    // Opens the row's conversation menu (ConversationRowMenu).
    'aria-keyshortcuts': 'Shift+F10',
    onClick: () => onChoose(conversation.id),
  };
  const row = renderRow ? renderRow(rowProps) : <ConversationRow {...rowProps} />;
  return <ConversationRowMenu conversation={conversation} row={row} />;
});

/** The remembered active option while it is shown, else the selection, else the first. */
function pickActive(
  visible: Conversation[],
  activeId: string | undefined,
  selectedId: string | undefined,
): string | undefined {
  const shown = (id: string | undefined) => id !== undefined && visible.some((c) => c.id === id);
  if (shown(activeId)) return activeId;
  if (shown(selectedId)) return selectedId;
  return visible[0]?.id;
}

/** Case- and accent-insensitive: "jose" finds "José". */
function fold(text: string, locale: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(locale);
}

function filterConversations(
  conversations: Conversation[],
  query: string,
  context: { users: Record<string, UserProfile>; me: string; locale: string },
): Conversation[] {
  const needle = fold(query.trim(), context.locale);
  if (!needle) return conversations;
  return conversations.filter((conversation) => {
    const names = conversation.participants
      .filter((p) => p.userId !== context.me)
      .map((p) => context.users[p.userId]?.name ?? p.userId);
    const message = conversation.lastMessage;
    const text = message && !message.deletedAt ? message.body : '';
    const haystack = [conversation.title ?? '', ...names, text].join('\n');
    return fold(haystack, context.locale).includes(needle);
  });
}
