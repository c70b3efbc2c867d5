'use client';
import type { Conversation, Message } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef, useEffect } from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { usePresence } from '../hooks/use-presence';
import { useUser } from '../hooks/use-user';
import { formatShort } from '../i18n/format';
import type { BanterStrings } from '../i18n/strings';
import { useStrings } from '../i18n/strings-context';
import { useBanterContext } from '../provider/context';
import { cx } from '../utils/cx';
import { Avatar } from './Avatar';

/** One conversation in the list: avatar, name, last message, time and unread badge. */
export interface ConversationRowProps extends ComponentPropsWithoutRef<'div'> {
  /** The conversation to draw. */
  conversation: Conversation;
  /** Whether it is the open one. */
  selected?: boolean;
}

/**
 * One conversation in a list: who it is with, the last message, when, and
 * whether it is unread, muted or archived. It has no role of its own, so a
 * list can make it an option, a link target or a plain item.
 */
export const ConversationRow = forwardRef<HTMLDivElement, ConversationRowProps>(
  function ConversationRow({ conversation, selected = false, className, ...props }, ref) {
    const { strings, locale } = useStrings();
    const me = useChatState((state) => state.userId);
    const { title, avatarSrc, online } = useConversationIdentity(conversation, me, locale);
    const { lastMessage, unreadCount, muted, archived } = conversation;
    const when = lastMessage?.createdAt ?? conversation.lastActivityAt;
    const unread = unreadCount > 0;
    return (
      <div
        ref={ref}
        className={cx('banter-conversation-row', className)}
        data-unread={String(unread)}
        data-selected={String(selected)}
        data-muted={String(muted)}
        data-archived={String(archived)}
        data-kind={conversation.kind}
        {...props}
      >
        {/* Decorative beside the visible title; presence is spoken as text below. */}
        <Avatar
          className="banter-conversation-row__avatar"
          name={title}
          src={avatarSrc}
          online={online}
          aria-hidden="true"
        />
        <span className="banter-conversation-row__title" dir="auto">
          {title}
        </span>
        {online !== undefined && (
          <span className="banter-visually-hidden">
            {online ? strings.online : strings.offline}
          </span>
        )}
        <span className="banter-conversation-row__preview" dir="auto">
          {previewOf(lastMessage, me, strings)}
        </span>
        <time className="banter-conversation-row__time" dateTime={when}>
          {formatShort(when, locale)}
        </time>
        <span className="banter-conversation-row__indicators">
          {muted && (
            <span className="banter-conversation-row__muted" role="img" aria-label={strings.muted}>
              <MutedIcon />
            </span>
          )}
          {archived && (
            <span
              className="banter-conversation-row__archived"
              role="img"
              aria-label={strings.archived}
            >
              <ArchivedIcon />
            </span>
          )}
          {conversation.unreadMentions > 0 && (
            <span
              className="banter-conversation-row__badge"
              data-mention
              role="img"
              aria-label={strings.unreadMentions(conversation.unreadMentions, locale)}
            >
              @
            </span>
          )}
          {unread && (
            <span
              className="banter-conversation-row__badge"
              role="img"
              aria-label={strings.unread(unreadCount, locale)}
            >
              {new Intl.NumberFormat(locale).format(unreadCount)}
            </span>
          )}
        </span>
      </div>
    );
  },
);

/** The other person in a direct conversation; the viewer when talking to themselves. */
export function otherParticipantId(conversation: Conversation, me: string): string {
  return conversation.participants.find((p) => p.userId !== me)?.userId ?? me;
}

/**
 * What a row is called and pictured as. Hooks run unconditionally, so the
 * unused branch asks about `undefined` (which they treat as "nobody").
 */
function useConversationIdentity(conversation: Conversation, me: string, locale: string) {
  const direct = conversation.kind === 'direct';
  const otherId = direct ? otherParticipantId(conversation, me) : undefined;
  const user = useUser(otherId);
  const presence = usePresence(otherId);
  const listed = !direct && !conversation.title;
  const names = useNames(
    listed ? conversation.participants.map((p) => p.userId).filter((id) => id !== me) : [],
  );
  if (direct) {
    const name = user?.name ?? otherId ?? '';
    return { title: name, avatarSrc: user?.avatarUrl ?? null, online: presence?.online };
  }
  const title =
    conversation.title ?? new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  return { title, avatarSrc: null, online: undefined };
}

// Names joined into one string so the store selector returns a primitive and
// the row re-renders only when one of these names actually changes.
const separator = '\u0000';

function useNames(userIds: string[]): string[] {
  const { users } = useBanterContext('ConversationRow');
  const key = userIds.join(separator);
  const joined = useChatState((state) =>
    userIds.map((id) => state.users[id]?.name ?? id).join(separator),
  );
  useEffect(() => {
    if (key) for (const id of key.split(separator)) users.want(id);
  }, [users, key]);
  return joined ? joined.split(separator) : [];
}

/** The last message as one line of plain text (React escapes it: markup shows as typed). */
export function previewOf(message: Message | null, me: string, strings: BanterStrings): string {
  if (!message) return '';
  if (message.deletedAt) return strings.deleted;
  let text = message.body.replace(/\s+/g, ' ').trim();
  if (!text && message.attachments.length > 0) {
    const image =
      message.kind === 'image' ||
      message.attachments.every((a) => a.mimeType?.startsWith('image/'));
    text = image ? strings.image('') : strings.attachment;
  }
  return message.senderId === me && message.kind !== 'system' ? `${strings.you}: ${text}` : text;
}

function MutedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d="M8 2a4 4 0 0 0-4 4v2.5L2.5 11h11L12 8.5V6a4 4 0 0 0-4-4Zm-1.5 10.5a1.5 1.5 0 0 0 3 0M2 2l12 12"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function ArchivedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d="M2 3h12v3H2zM3 6v7h10V6M6.5 8.5h3"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
