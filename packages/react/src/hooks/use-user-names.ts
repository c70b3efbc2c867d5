'use client';
import { useEffect } from 'react';
import { useStrings } from '../i18n/strings-context';
import { useBanterContext } from '../provider/context';
import { useChatState } from './use-chat-state';

/**
 * Display names for several users, in order: the reader is "You", a profile
 * not known yet shows its id until the directory fetches it (batched with
 * every other component's requests).
 */
export function useUserNames(userIds: readonly string[]): string[] {
  const { users } = useBanterContext('useUserNames');
  const { strings } = useStrings();
  const me = useChatState((state) => state.userId);
  const profiles = useChatState((state) => state.users);
  const key = userIds.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids' content
  useEffect(() => {
    for (const id of userIds) if (id !== me && !profiles[id]) users.want(id);
  }, [key, me, profiles, users]);
  return userIds.map((id) => (id === me ? strings.you : (profiles[id]?.name ?? id)));
}
