'use client';
import { useMemo } from 'react';
import { useChatClient, useChatState } from './use-chat-state';

const none: string[] = [];

/** What `useTyping` returns: who is typing, and how to say you are. */
export interface TypingResult {
  /** Other users typing in this conversation now. */
  typingUserIds: string[];
  /** Call on each keystroke; throttled for you. */
  notifyTyping: () => void;
  /** Says you stopped typing now. */
  stopTyping: () => void;
}

/**
 * Who is typing in a conversation, and the calls that tell others you are (throttled by the
 * client).
 */
export function useTyping(conversationId: string): TypingResult {
  const client = useChatClient();
  const typingUserIds = useChatState((state) => state.typing[conversationId] ?? none);
  const actions = useMemo(
    () => ({
      notifyTyping: () => client.typing(conversationId),
      stopTyping: () => client.stopTyping(conversationId),
    }),
    [client, conversationId],
  );
  return { typingUserIds, ...actions };
}
