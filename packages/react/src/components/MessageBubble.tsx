'use client';
import type { MessageView } from '@banter/core';
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react';
import { formatTime } from '../i18n/format';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';
import { MessageAttachments } from './MessageAttachments';
import { isEmojiOnly, MessageText } from './MessageText';
import { StatusTicks } from './StatusTicks';

/** One message's bubble: text, attachments, time, status ticks, reactions and failure controls. */
export interface MessageBubbleProps extends ComponentPropsWithoutRef<'div'> {
  /** The row to draw, from `createTimelineSelector` or `useConversation`. */
  message: MessageView;
  /** Shown above the first message of a run from someone else in a group. */
  senderName?: string;
  /** First of consecutive messages from one sender (shows `senderName`). Default true; `data-starts-group`. */
  startsGroup?: boolean;
  /** Last of consecutive messages from one sender. Default true; `data-ends-group`. */
  endsGroup?: boolean;
  /** Retry a failed send, by its clientId. */
  onRetry?: (clientId: string) => void;
  /** Discard a failed send, by its clientId. */
  onDiscard?: (clientId: string) => void;
  /** Shown at the top of the bubble: the quote of the message this one replies to. */
  quote?: ReactNode;
  /** Shown under the bubble: reactions, failed actions, the actions menu. */
  children?: ReactNode;
}

/**
 * One message: text, attachments, time, edited or deleted marker, and for own
 * messages their status; a reply's quote on top and whatever goes under it
 * (reactions, actions) as children.
 */
export const MessageBubble = forwardRef<HTMLDivElement, MessageBubbleProps>(function MessageBubble(
  {
    message,
    senderName,
    startsGroup = true,
    endsGroup = true,
    onRetry,
    onDiscard,
    quote,
    children,
    className,
    ...props
  },
  ref,
) {
  const { strings, locale } = useStrings();
  const deleted = message.deletedAt !== null;
  const failed = message.status === 'failed';
  return (
    <div
      ref={ref}
      className={cx('banter-message', className)}
      data-own={message.own}
      data-status={message.status ?? undefined}
      data-kind={message.kind}
      data-deleted={deleted || undefined}
      data-emoji-only={(!deleted && isEmojiOnly(message.body)) || undefined}
      data-starts-group={startsGroup}
      data-ends-group={endsGroup}
      {...props}
    >
      {senderName && startsGroup && !message.own && (
        <span className="banter-message__sender">{senderName}</span>
      )}
      <div className="banter-message__bubble">
        {deleted ? (
          <span className="banter-message__deleted">{strings.deleted}</span>
        ) : (
          <>
            {quote}
            <MessageAttachments
              attachments={message.attachments}
              kind={message.kind}
              conversationId={message.conversationId}
              uploads={message.uploads}
              clientId={message.clientId}
              failed={failed}
            />
            {message.body && <MessageText body={message.body} mentions={message.mentions} />}
          </>
        )}
        <span className="banter-message__meta">
          {message.editedAt && !deleted && (
            <span className="banter-message__edited">{strings.edited}</span>
          )}
          <time dateTime={message.createdAt}>{formatTime(message.createdAt, locale)}</time>
          {message.own && message.status && <StatusTicks status={message.status} />}
        </span>
      </div>
      {failed && (
        <div className="banter-message__failure">
          <span>{strings.failed(message.error?.message ?? strings.messageStatus.failed)}</span>
          <button type="button" onClick={() => onRetry?.(message.clientId)}>
            {strings.retry}
          </button>
          <button type="button" onClick={() => onDiscard?.(message.clientId)}>
            {strings.discard}
          </button>
        </div>
      )}
      {children}
    </div>
  );
});
