'use client';
import type { ChatState, Conversation, Message } from '@banter/core';
import { useEffect, useRef } from 'react';
import { useChatClient } from '../hooks/use-chat-state';

/** A message someone else just sent, with its conversation as the client holds it. */
export interface IncomingMessage {
  /** The new message. */
  message: Message;
  /** Its conversation (muted, archived, title, participants). */
  conversation: Conversation;
}

/** A conversation first seen after the list loaded counts as new when its message is this recent. */
const newConversationWindowMs = 60_000;

/**
 * Calls `onIncoming` once for each message another participant sends from now on, read from
 * each conversation's `lastMessage` as the client state changes. Loading the list or older
 * pages calls nothing; the latest `onIncoming` is always the one used.
 */
export function useIncomingMessages(onIncoming: (incoming: IncomingMessage) => void): void {
  const client = useChatClient();
  const callback = useRef(onIncoming);
  callback.current = onIncoming;

  useEffect(() => {
    const seen = new Map<string, number>();
    const since = Date.now() - newConversationWindowMs;
    let listLoaded = false;
    const check = (state: ChatState) => {
      for (const conversation of Object.values(state.conversations)) {
        const last = conversation.lastMessage;
        const before = seen.get(conversation.id);
        seen.set(conversation.id, Math.max(before ?? 0, last?.seq ?? 0));
        if (!listLoaded || !last || last.senderId === state.userId || last.deletedAt) continue;
        const isNew =
          before === undefined
            ? conversation.unreadCount > 0 && Date.parse(last.createdAt) >= since
            : last.seq > before;
        if (isNew) callback.current({ message: last, conversation });
      }
      listLoaded ||= state.conversationsStatus === 'loaded';
    };
    check(client.getSnapshot());
    return client.subscribe(() => check(client.getSnapshot()));
  }, [client]);
}
