'use client';
import type { Presence } from '@banter/core';
import { useEffect } from 'react';
import { useChatClient, useChatState } from './use-chat-state';

/**
 * Whether a user is online, or when they were last seen; asked for once if
 * not known yet. Undefined (unknown) while the client is not connected: what
 * it holds may be stale, and a green dot during an outage would be a guess.
 */
export function usePresence(userId: string | undefined): Presence | undefined {
  const client = useChatClient();
  const held = useChatState((state) => (userId ? state.presence[userId] : undefined));
  const connected = useChatState((state) => state.connection.status === 'connected');
  const known = held !== undefined;
  useEffect(() => {
    if (userId && !known) client.fetchPresence([userId]).catch(() => {});
  }, [client, userId, known]);
  return connected ? held : undefined;
}
