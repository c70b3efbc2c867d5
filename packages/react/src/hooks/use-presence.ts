'use client';
import type { Presence } from '@banter/core';
import { useEffect } from 'react';
import { useChatClient, useChatState } from './use-chat-state';

/** Whether a user is online, or when they were last seen; asked for once if not known yet. */
export function usePresence(userId: string | undefined): Presence | undefined {
  const client = useChatClient();
  const presence = useChatState((state) => (userId ? state.presence[userId] : undefined));
  const known = presence !== undefined;
  useEffect(() => {
    if (userId && !known) client.fetchPresence([userId]).catch(() => {});
  }, [client, userId, known]);
  return presence;
}
