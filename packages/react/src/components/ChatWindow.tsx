'use client';
import { type ComponentPropsWithoutRef, forwardRef, useId, useMemo } from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { useTyping } from '../hooks/use-typing';
import { cx } from '../utils/cx';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';

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
    className,
    ...props
  },
  ref,
) {
  const { typingUserIds } = useTyping(conversationId);
  const users = useChatState((state) => state.users);
  const typingNames = useMemo(
    () => typingUserIds.map((id) => users[id]?.name ?? id),
    [typingUserIds, users],
  );
  const titleId = useId();
  return (
    <section
      ref={ref}
      aria-labelledby={titleId}
      className={cx('banter-root banter-chat-window', className)}
      data-theme={theme === 'system' ? undefined : theme}
      data-density={density}
      {...props}
    >
      <ChatHeader conversationId={conversationId} onBack={onBack} titleId={titleId} />
      <ConnectionBanner />
      <MessageList conversationId={conversationId} />
      <TypingIndicator names={typingNames} />
      <Composer conversationId={conversationId} maxLength={maxLength} />
    </section>
  );
});
