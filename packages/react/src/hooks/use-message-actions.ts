'use client';
import type { SendInput } from '@banter/core';
import { useMemo } from 'react';
import { useChatClient } from './use-chat-state';

export interface MessageActions {
  /** Shows the message at once and returns its clientId. */
  send: (input: SendInput) => string;
  edit: (messageId: string, body: string) => Promise<unknown>;
  remove: (messageId: string) => Promise<unknown>;
  retry: (clientId: string) => void;
  discard: (clientId: string) => void;
}

/** Stable callbacks to send, edit, delete, retry and discard in one conversation. */
export function useMessageActions(conversationId: string): MessageActions {
  const client = useChatClient();
  return useMemo(
    () => ({
      send: (input) => client.sendMessage(conversationId, input),
      edit: (messageId, body) => client.editMessage(conversationId, messageId, body),
      remove: (messageId) => client.deleteMessage(conversationId, messageId),
      retry: (clientId) => client.retryMessage(clientId),
      discard: (clientId) => client.discardMessage(clientId),
    }),
    [client, conversationId],
  );
}
