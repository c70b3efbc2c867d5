'use client';
import { type Conversation, createTimelineSelector, type MessageView } from '@banter/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useChatClient, useChatState } from './use-chat-state';

/** What `useConversation` returns: the conversation, its rows, and paging. */
export interface ConversationResult {
  /** The conversation; undefined until it is loaded. */
  conversation: Conversation | undefined;
  /** Confirmed messages in order, then pending sends, each with its status. */
  messages: MessageView[];
  /** The newest page has arrived. */
  loaded: boolean;
  /** Older messages exist on the server. */
  hasMoreBefore: boolean;
  /** An older page is being loaded. */
  loadingOlder: boolean;
  /** Loads the page before the oldest message held. */
  loadOlder: () => Promise<void>;
  /** Marks read up to `seq`, by default everything held. */
  markRead: (seq?: number) => Promise<void>;
}

/**
 * One conversation's messages, kept live while the component is mounted
 * (newest page loaded, gap-filled after reconnects, polled while offline).
 */
export function useConversation(conversationId: string): ConversationResult {
  const client = useChatClient();
  const select = useMemo(() => createTimelineSelector(), []);
  const messages = useChatState((state) => select(state, conversationId));
  const conversation = useChatState((state) => state.conversations[conversationId]);
  const timeline = useChatState((state) => state.timelines[conversationId]);
  useEffect(() => client.openConversation(conversationId), [client, conversationId]);
  const loadOlder = useCallback(
    () => client.loadOlderMessages(conversationId),
    [client, conversationId],
  );
  const markRead = useCallback(
    (seq?: number) => client.markRead(conversationId, seq),
    [client, conversationId],
  );
  return {
    conversation,
    messages,
    loaded: timeline?.loaded ?? false,
    hasMoreBefore: timeline?.hasMoreBefore ?? false,
    loadingOlder: timeline?.loadingOlder ?? false,
    loadOlder,
    markRead,
  };
}
