'use client';
import type { Conversation, MessageSearchHit } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { useConnection } from '../hooks/use-connection';
import { usePresence } from '../hooks/use-presence';
import { useUser } from '../hooks/use-user';
import { formatRelative } from '../i18n/format';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';
import { Avatar } from './Avatar';
import { ConversationMenu } from './ConversationMenu';
import { MessageSearch } from './search/MessageSearch';

/** A conversation's header: title or the other person, avatar, presence and connection state. */
export interface ChatHeaderProps extends ComponentPropsWithoutRef<'header'> {
  /** The conversation it heads. */
  conversationId: string;
  /** Shows a back button (in a widget, back to the list). */
  onBack?: () => void;
  /** The heading level of the title. Default 2. */
  headingLevel?: 2 | 3 | 4;
  /** Id of the title, so a containing region can be named by it. */
  titleId?: string;
  /** Shows a search of this conversation's messages; called with the hit chosen. */
  onSearchSelect?: (hit: MessageSearchHit) => void;
}

/** The other person of a direct conversation, as the viewer sees it. */
export function otherParticipant(
  conversation: Conversation | undefined,
  me: string,
): string | undefined {
  if (conversation?.kind !== 'direct') return undefined;
  return conversation.participants.find((p) => p.userId !== me)?.userId;
}

/** Title and avatar, with presence or last seen while they can be known (connected). */
export const ChatHeader = forwardRef<HTMLElement, ChatHeaderProps>(function ChatHeader(
  { conversationId, onBack, headingLevel = 2, titleId, onSearchSelect, className, ...props },
  ref,
) {
  const { strings, locale } = useStrings();
  const me = useChatState((state) => state.userId);
  const conversation = useChatState((state) => state.conversations[conversationId]);
  const otherId = otherParticipant(conversation, me);
  const other = useUser(otherId);
  const presence = usePresence(otherId);
  const connection = useConnection();
  const title = conversationTitle(conversation, other?.name ?? otherId, strings.chatTitle);
  const Heading = `h${headingLevel}` as const;

  // The connection itself is the banner's to tell, once; presence is unknown meanwhile.
  let subtitle = '';
  if (presence?.online) subtitle = strings.online;
  else if (presence?.lastSeenAt)
    subtitle = strings.lastSeen(formatRelative(presence.lastSeenAt, locale));
  else if (conversation?.kind === 'group')
    subtitle = strings.participants(conversation.participants.length, locale);

  return (
    <header
      ref={ref}
      className={cx('banter-chat-header', className)}
      data-connection={connection.status}
      {...props}
    >
      {onBack && (
        <button
          type="button"
          className="banter-chat-header__back"
          onClick={onBack}
          aria-label={strings.back}
        >
          <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="18" height="18">
            <path
              d="M10 3 5 8l5 5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          </svg>
        </button>
      )}
      <Avatar name={title} src={other?.avatarUrl} online={presence?.online} aria-hidden />
      <div className="banter-chat-header__text">
        <Heading id={titleId} className="banter-chat-header__title" dir="auto">
          {title}
        </Heading>
        {subtitle && <span className="banter-chat-header__subtitle">{subtitle}</span>}
      </div>
      {onSearchSelect && (
        <MessageSearch conversationId={conversationId} onSelect={onSearchSelect} />
      )}
      <ConversationMenu conversationId={conversationId} otherUserId={otherId} />
    </header>
  );
});

export function conversationTitle(
  conversation: Conversation | undefined,
  otherName: string | undefined,
  fallback: string,
) {
  if (!conversation) return fallback;
  if (conversation.title) return conversation.title;
  if (otherName) return otherName;
  return fallback;
}
