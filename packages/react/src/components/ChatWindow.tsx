'use client';
import type { Conversation, MessageView } from '@banter/core';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type ReactNode,
  useId,
  useMemo,
  useState,
} from 'react';
import { useBlocked } from '../hooks/use-blocked';
import { useChatState } from '../hooks/use-chat-state';
import { useTyping } from '../hooks/use-typing';
import { cx } from '../utils/cx';
import { useChunk } from '../utils/lazy-chunk';
import { ChatHeader, otherParticipant } from './ChatHeader';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { ContextSlot } from './ContextSlot';
import { LeftConversationNotice, useLeftConversation } from './LeftConversation';
import { MessageList } from './MessageList';
import { menuChunk } from './menu-chunk';
import type { ReportDialogProps } from './ReportDialog';
import { ReportContext } from './report-context';
import { type MessageTarget, useWindowTarget } from './search/message-target';
import { TypingIndicator } from './TypingIndicator';
import { useFileDrop } from './uploads/use-file-drop';

/** One conversation: header, connection banner, messages, typing indicator and composer. */
export interface ChatWindowProps extends ComponentPropsWithoutRef<'section'> {
  /** The conversation to show; it is opened (loaded, kept up to date) while shown. */
  conversationId: string;
  /** Shows a back button in the header. */
  onBack?: () => void;
  /** `system` (default) follows the reader's setting. */
  theme?: 'light' | 'dark' | 'system';
  /** `compact` tightens spacing. Default `comfortable`. */
  density?: 'comfortable' | 'compact';
  /** Longest message, in characters. Default 4,000 (the server's default). */
  maxLength?: number;
  /**
   * Draws what the conversation is about under the header (a listing's photo,
   * title and price). By default `metadata.context` is drawn when it has the
   * shape `{ title, subtitle?, imageUrl?, url? }` (see the README).
   */
  renderContext?: (conversation: Conversation) => ReactNode;
  /** Opens at this message (a search hit from the conversation list): loaded around its seq, scrolled to, highlighted. */
  jumpTarget?: MessageTarget | null;
}

/**
 * A whole conversation, ready to drop in: header, connection banner, the
 * message list, who is typing, and the composer. Built from the exported
 * parts, so a host can assemble its own instead.
 *
 * @example
 * <ChatProvider client={client}><ChatWindow conversationId={id} /></ChatProvider>
 */
export const ChatWindow = forwardRef<HTMLElement, ChatWindowProps>(function ChatWindow(
  {
    conversationId,
    onBack,
    theme = 'system',
    density = 'comfortable',
    maxLength,
    renderContext,
    jumpTarget,
    className,
    ...props
  },
  ref,
) {
  const me = useChatState((state) => state.userId);
  const conversation = useChatState((state) => state.conversations[conversationId]);
  const otherId = otherParticipant(conversation, me);
  const blocked = useBlocked(otherId);
  const left = useLeftConversation(conversationId, conversation);
  const [reporting, setReporting] = useState<MessageView | null>(null);
  const { typingUserIds } = useTyping(conversationId);
  const users = useChatState((state) => state.users);
  const typingNames = useMemo(
    () => typingUserIds.map((id) => users[id]?.name ?? id),
    [typingUserIds, users],
  );
  const titleId = useId();
  const [target, setTarget] = useWindowTarget(jumpTarget);
  // Files dropped anywhere on the window join the message being written (not while blocked).
  const drop = useFileDrop(otherId && blocked ? null : conversationId);
  return (
    <section
      ref={ref}
      aria-labelledby={titleId}
      className={cx('banter-root banter-chat-window', className)}
      data-theme={theme === 'system' ? undefined : theme}
      data-density={density}
      data-dragging={drop.dragging || undefined}
      {...drop.handlers}
      {...props}
    >
      {drop.zone}
      <ChatHeader
        conversationId={conversationId}
        onBack={onBack}
        titleId={titleId}
        onSearchSelect={(hit) => setTarget({ id: hit.message.id, seq: hit.message.seq })}
      />
      {conversation &&
        (renderContext ? renderContext(conversation) : <ContextSlot conversation={conversation} />)}
      <ConnectionBanner />
      <ReportContext.Provider value={setReporting}>
        <MessageList conversationId={conversationId} jumpTarget={target} />
      </ReportContext.Provider>
      <TypingIndicator names={typingNames} />
      {left ? (
        <LeftConversationNotice />
      ) : otherId && blocked ? (
        <Blocked userId={otherId} />
      ) : (
        <Composer conversationId={conversationId} maxLength={maxLength} />
      )}
      {reporting?.id && (
        <Report
          conversationId={conversationId}
          messageId={reporting.id}
          onClose={() => setReporting(null)}
        />
      )}
    </section>
  );
});

/** "You blocked this person" with Unblock, in place of the composer, once its code is here. */
function Blocked({ userId }: { userId: string }) {
  const { module } = useChunk(menuChunk);
  return module ? <module.BlockedComposer userId={userId} /> : null;
}

/** The report dialog's loader: here already, as Report is chosen from the message menu. */
function Report(props: ReportDialogProps) {
  const { module } = useChunk(menuChunk);
  return module ? <module.ReportMessage {...props} /> : null;
}
