'use client';
import { selectUnreadTotal } from '@banter/core';
import { useChatState } from './use-chat-state';

/** Unread messages in conversations that are neither archived nor muted: the number for a badge. */
export function useUnreadTotal(): number {
  return useChatState(selectUnreadTotal);
}
