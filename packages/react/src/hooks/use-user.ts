'use client';
import type { UserProfile } from '@banter/core';
import { useEffect } from 'react';
import { useBanterContext } from '../provider/context';
import { useChatState } from './use-chat-state';

/** A user's profile (name, avatar) from the host; requests are batched across components. */
export function useUser(userId: string | undefined): UserProfile | undefined {
  const { users } = useBanterContext('useUser');
  const profile = useChatState((state) => (userId ? state.users[userId] : undefined));
  useEffect(() => {
    if (userId && !profile) users.want(userId);
  }, [users, userId, profile]);
  return profile;
}
