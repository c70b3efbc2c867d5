'use client';
import type { MessageView } from '@banter/core';
import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import { useChatClient, useChatState } from '../../hooks/use-chat-state';
import { useUser } from '../../hooks/use-user';
import { useStrings } from '../../i18n/strings-context';
import { excerptOf } from '../../utils/excerpt';
import { useChunk } from '../../utils/lazy-chunk';
import { useLongPress } from '../../utils/use-long-press';
import type { ActionFailuresProps } from '../ActionFailures';
import { MenuButton } from '../MenuButton';
import { MessageBubble } from '../MessageBubble';
import { menuChunk } from '../menu-chunk';
import { ReactionChips } from '../ReactionChips';
import { type QuotedOriginal, ReplyQuote } from '../ReplyQuote';
import { findMessage } from './find-message';

export interface MessageItemProps {
  message: MessageView;
  showSenderName: boolean;
  startsGroup: boolean;
  endsGroup: boolean;
  /** The one message in the tab order (roving tabindex). */
  tabbable: boolean;
  /** Just reached from a reply's quote. */
  highlighted: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** Goes to a message by id: loads it if needed, scrolls to it and highlights it. */
  onJumpTo: (messageId: string) => void;
  /** The conversation is a group: someone else's message offers blocking its sender. */
  inGroup?: boolean;
  /** The viewer blocks the sender (the message was shown from its collapsed state). */
  senderBlocked?: boolean;
}

/**
 * A message in the list with everything a reader can do to it: the actions
 * menu (button, Enter / context-menu key / Shift+F10 on the focused message,
 * long-press on touch), reaction chips, the quote of the message it replies
 * to, and its failed actions with Retry and Discard.
 */
export function MessageItem({
  message,
  showSenderName,
  startsGroup,
  endsGroup,
  tabbable,
  highlighted,
  onRetry,
  onDiscard,
  onJumpTo,
  inGroup,
  senderBlocked,
}: MessageItemProps) {
  const client = useChatClient();
  const { strings } = useStrings();
  const sender = useUser(showSenderName ? message.senderId : undefined);
  const [open, setOpen] = useState(false);
  const [side, setSide] = useState<'top' | 'bottom'>('bottom');
  const root = useRef<HTMLDivElement>(null);

  const { id, conversationId } = message;
  const deleted = message.deletedAt !== null;
  // A send on its way is acted on by its clientId (the actions wait for it); a failed one offers
  // Retry and Discard instead; a deleted message has nothing left to act on.
  const target = id ?? message.clientId;
  const actionable = (id !== null || message.status === 'sending') && !deleted;

  const openMenu = useCallback(() => {
    const element = root.current;
    const scroller = element?.closest('.banter-message-list__scroller');
    if (element && scroller) {
      // Open toward the larger space, so the menu stays inside the list.
      const row = element.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      setSide(row.top - view.top > view.bottom - row.bottom ? 'top' : 'bottom');
    }
    setOpen(true);
  }, []);
  const longPress = useLongPress(() => {
    if (actionable) openMenu();
  });

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed inside the message (a link, a chip) are theirs.
    if (!actionable || event.target !== event.currentTarget) return;
    if (
      event.key === 'Enter' ||
      event.key === 'ContextMenu' ||
      (event.key === 'F10' && event.shiftKey)
    ) {
      event.preventDefault();
      openMenu();
    }
  };

  const react = (emoji: string, add: boolean) => {
    if (add) client.addReaction(conversationId, target, emoji);
    else client.removeReaction(conversationId, target, emoji);
  };
  const pendingEmoji = message.actions
    .filter((action) => action.status === 'sending' && action.emoji !== null)
    .map((action) => action.emoji as string);

  return (
    <MessageBubble
      ref={root}
      message={message}
      senderName={showSenderName ? (sender?.name ?? message.senderId) : undefined}
      startsGroup={startsGroup}
      endsGroup={endsGroup}
      onRetry={onRetry}
      onDiscard={onDiscard}
      tabIndex={tabbable ? 0 : -1}
      data-highlighted={highlighted || undefined}
      onKeyDown={handleKeyDown}
      {...longPress}
      quote={
        message.replyTo && !deleted ? (
          <OriginalQuote
            conversationId={conversationId}
            replyTo={message.replyTo}
            onJumpTo={onJumpTo}
          />
        ) : null
      }
    >
      {message.reactions.length > 0 && (
        <ReactionChips reactions={message.reactions} pending={pendingEmoji} onToggle={react} />
      )}
      <Failures
        actions={message.actions}
        onRetry={(actionId) => client.retryAction(actionId)}
        onDiscard={(actionId) => client.discardAction(actionId)}
      />
      {actionable && (
        // What each action offers and does is worked out in the menus' chunk, once a menu opens.
        <MenuButton
          block="banter-message-actions"
          label={strings.messageActions}
          open={open}
          onOpenChange={setOpen}
          side={side}
          triggerTabIndex={tabbable ? 0 : -1}
          renderMenu={(module, menuId, onClose) => (
            <module.MessageMenuPanel
              message={message}
              inGroup={inGroup}
              senderBlocked={senderBlocked}
              id={menuId}
              onClose={onClose}
              onOpenChange={setOpen}
            />
          )}
        />
      )}
    </MessageBubble>
  );
}

/** The quote of the message replied to, looked up among the messages held. */
function OriginalQuote({
  conversationId,
  replyTo,
  onJumpTo,
}: {
  conversationId: string;
  replyTo: string;
  onJumpTo: (messageId: string) => void;
}) {
  const { strings } = useStrings();
  const me = useChatState((state) => state.userId);
  const held = useChatState((state) =>
    findMessage(state.timelines[conversationId]?.messages, replyTo),
  );
  const sender = useUser(held && held.senderId !== me ? held.senderId : undefined);
  const senderName = held
    ? held.senderId === me
      ? strings.you
      : (sender?.name ?? held.senderId)
    : '';
  const original: QuotedOriginal = !held
    ? { state: 'missing' }
    : held.deletedAt
      ? { state: 'deleted', senderName }
      : { state: 'loaded', senderName, excerpt: excerptOf(held, strings) };
  return <ReplyQuote original={original} onClick={() => onJumpTo(replyTo)} />;
}

/** A refused action's Retry and Discard: loaded (with the menus) only once one was refused. */
function Failures(props: ActionFailuresProps) {
  const failed = props.actions.some((action) => action.status === 'failed');
  return failed ? <LoadedFailures {...props} /> : null;
}

function LoadedFailures(props: ActionFailuresProps) {
  const { module } = useChunk(menuChunk);
  return module ? <module.ActionFailures {...props} /> : null;
}
