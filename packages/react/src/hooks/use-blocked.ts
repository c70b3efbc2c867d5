'use client';
import { isBlocked } from '@banter/core';
import { useChatState } from './use-chat-state';

/**
 * Whether the viewer blocks this user, counting a block or unblock still on
 * its way to the server. False for no user.
 *
 * @example
 * const blocked = useBlocked(message.senderId);
 */
export function useBlocked(userId: string | undefined): boolean {
  return useChatState((state) => userId !== undefined && isBlocked(state, userId));
}
