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
  /** Newer messages exist after the last one held: the list holds a window away from the present (after a jump). */
  hasMoreAfter: boolean;
  /** A newer page, or the window around a message, is being loaded. */
  loadingNewer: boolean;
  /** Loads the page before the oldest message held. */
  loadOlder: () => Promise<void>;
  /** Loads the page after the newest message held, away from the present. */
  loadNewer: () => Promise<void>;
  /** Returns to the present: the newest page in place of a window away from it. */
  loadLatest: () => Promise<void>;
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
  const loadNewer = useCallback(
    () => client.loadNewerMessages(conversationId),
    [client, conversationId],
  );
  const loadLatest = useCallback(
    () => client.loadLatestMessages(conversationId),
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
    hasMoreAfter: timeline?.hasMoreAfter ?? false,
    loadingNewer: timeline?.loadingNewer ?? false,
    loadOlder,
    loadNewer,
    loadLatest,
    markRead,
  };
}
