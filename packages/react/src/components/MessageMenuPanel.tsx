'use client';
import type { MessageView } from '@banter/core';
import { useContext } from 'react';
import { useChatClient } from '../hooks/use-chat-state';
import { useBanterContext } from '../provider/context';
import type { MenuCloseReason } from './ActionMenu';
import type { ActionsCloseReason } from './MenuButton';
import { MessageActionsPanel } from './MessageActionsPanel';
import { ReportContext } from './report-context';

/** A message of the list, and what its open menu needs from the list. */
export interface MessageMenuPanelProps {
  /** The message acted on. */
  message: MessageView;
  /** The conversation is a group: someone else's message offers blocking its sender. */
  inGroup?: boolean;
  /** The viewer blocks the sender. */
  senderBlocked?: boolean;
  /** The menu's id, which the trigger's `aria-controls` names. */
  id: string;
  /** The menu asks to close (Escape, Tab, a press outside). */
  onClose: (reason?: MenuCloseReason, target?: Node) => void;
  /** Closes the menu after a choice. */
  onOpenChange: (open: boolean, reason?: ActionsCloseReason) => void;
}

/**
 * The open menu of a message in the list, with what each action does worked
 * out from the message here, in the menus' chunk, rather than for every
 * message on the page: most messages are read, never acted on.
 */
export function MessageMenuPanel({
  message,
  inGroup,
  senderBlocked,
  id,
  onClose,
  onOpenChange,
}: MessageMenuPanelProps) {
  const client = useChatClient();
  const { intents, emojibaseUrl } = useBanterContext('MessageMenuPanel');
  const openReport = useContext(ReportContext);
  const { conversationId } = message;
  // A send on its way is acted on by its clientId: the action waits for it.
  const target = message.id ?? message.clientId;
  const stored = message.id !== null;
  return (
    <MessageActionsPanel
      id={id}
      onClose={onClose}
      onOpenChange={onOpenChange}
      reacted={message.reactions.filter((r) => r.reacted).map((r) => r.emoji)}
      // A reply names a stored message.
      canReply={stored}
      emojibaseUrl={emojibaseUrl}
      // Absent on the server, in insecure contexts and in some webviews: copying is then not offered.
      canCopy={message.body !== '' && typeof navigator !== 'undefined' && !!navigator.clipboard}
      canEdit={message.own && message.kind !== 'system'}
      canDelete={message.own}
      onReply={() => intents.set(conversationId, { mode: 'reply', message })}
      onReact={(emoji, add) => {
        if (add) client.addReaction(conversationId, target, emoji);
        else client.removeReaction(conversationId, target, emoji);
      }}
      onCopy={() => void navigator.clipboard?.writeText(message.body).catch(() => {})}
      onEdit={() => intents.set(conversationId, { mode: 'edit', message, text: message.body })}
      onDelete={() => client.deleteMessage(conversationId, target)}
      // Someone else's stored message may be reported; in a group its sender may be blocked.
      onReport={openReport && stored && !message.own ? () => openReport(message) : undefined}
      senderBlock={inGroup && !message.own ? (senderBlocked ? 'unblock' : 'block') : undefined}
      onToggleBlock={() =>
        (senderBlocked ? client.unblockUser : client.blockUser)(message.senderId)
      }
    />
  );
}
