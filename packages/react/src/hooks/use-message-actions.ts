'use client';
import type { Mention, SendInput } from '@banter/core';
import { useMemo } from 'react';
import { useChatClient } from './use-chat-state';

/**
 * Every action is queued by the client and shown at once; each call returns
 * the id of the send (its clientId) or of the action. `messageId` may be the
 * clientId of an own send still on its way: the action waits for it.
 */
export interface MessageActions {
  /** Shows the message at once and returns its clientId. */
  send: (input: SendInput) => string;
  /** Edits an own message (its new text and the mentions in it); returns the action's id. */
  edit: (messageId: string, body: string, mentions?: Mention[]) => string;
  /** Deletes an own message; returns the action's id. */
  remove: (messageId: string) => string;
  /** Adds your reaction; returns the action's id. */
  react: (messageId: string, emoji: string) => string;
  /** Removes your reaction; returns the action's id. */
  unreact: (messageId: string, emoji: string) => string;
  /** A failed send again, or dropped. */
  retry: (clientId: string) => void;
  /** Drops a failed send, by its clientId. */
  discard: (clientId: string) => void;
  /** A failed edit, delete or reaction again, or dropped (the message shows the server's state). */
  retryAction: (actionId: string) => void;
  /** Drops a failed action, by its id. */
  discardAction: (actionId: string) => void;
}

/** Stable callbacks to send, edit, delete, react, retry and discard in one conversation. */
export function useMessageActions(conversationId: string): MessageActions {
  const client = useChatClient();
  return useMemo(
    () => ({
      send: (input) => client.sendMessage(conversationId, input),
      edit: (messageId, body, mentions) =>
        client.editMessage(conversationId, messageId, body, mentions),
      remove: (messageId) => client.deleteMessage(conversationId, messageId),
      react: (messageId, emoji) => client.addReaction(conversationId, messageId, emoji),
      unreact: (messageId, emoji) => client.removeReaction(conversationId, messageId, emoji),
      retry: (clientId) => client.retryMessage(clientId),
      discard: (clientId) => client.discardMessage(clientId),
      retryAction: (actionId) => client.retryAction(actionId),
      discardAction: (actionId) => client.discardAction(actionId),
    }),
    [client, conversationId],
  );
}
