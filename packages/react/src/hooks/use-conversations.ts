'use client';
import type { Conversation } from '@banter/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useChatClient, useChatState } from './use-chat-state';

/** What `useConversations` returns. */
export interface ConversationsResult {
  /** In order of last activity, newest first. */
  conversations: Conversation[];
  /** Whether the list has been loaded, or failed to. */
  status: 'idle' | 'loading' | 'loaded' | 'error';
  /** Loads the list again. */
  reload: () => Promise<void>;
}

/** The user's conversations, most recent first; loads them when first used. */
export function useConversations({
  archived = false,
}: {
  archived?: boolean;
} = {}): ConversationsResult {
  const client = useChatClient();
  const order = useChatState((state) => state.conversationOrder);
  const byId = useChatState((state) => state.conversations);
  const status = useChatState((state) => state.conversationsStatus);
  const conversations = useMemo(
    () => order.map((id) => byId[id] as Conversation).filter((c) => c.archived === archived),
    [order, byId, archived],
  );
  useEffect(() => {
    if (client.getSnapshot().conversationsStatus === 'idle') void client.loadConversations();
  }, [client]);
  useEffect(() => {
    if (archived) void client.loadConversations({ archived: true });
  }, [client, archived]);
  const reload = useCallback(() => client.loadConversations({ archived }), [client, archived]);
  return { conversations, status, reload };
}
