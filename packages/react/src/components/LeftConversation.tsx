'use client';
import type { Conversation } from '@banter/core';
import { useEffect, useState } from 'react';
import { useStrings } from '../i18n/strings-context';

/**
 * Whether the viewer is no longer in the conversation on screen: it was held
 * and has left the client's state (they left it, or were removed). A
 * conversation not loaded yet is not "left".
 */
export function useLeftConversation(
  conversationId: string,
  conversation: Conversation | undefined,
): boolean {
  const [held, setHeld] = useState<string | null>(null);
  useEffect(() => {
    if (conversation) setHeld(conversationId);
  }, [conversation, conversationId]);
  return held === conversationId && !conversation;
}

/** Said in place of the composer once the viewer is no longer in the conversation. */
export function LeftConversationNotice() {
  const { strings } = useStrings();
  return (
    <p className="banter-chat-window__left" role="status">
      {strings.leftConversation}
    </p>
  );
}
