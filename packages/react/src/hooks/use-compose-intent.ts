'use client';
import { useCallback, useSyncExternalStore } from 'react';
import type { ComposeIntent } from '../provider/compose-intents';
import { useBanterContext } from '../provider/context';

/**
 * The reply or edit being composed in a conversation, and a setter that the
 * message actions (start) and the composer (update, finish, cancel) share.
 */
export function useComposeIntent(
  conversationId: string,
): [ComposeIntent | null, (intent: ComposeIntent | null) => void] {
  const { intents } = useBanterContext('useComposeIntent');
  const intent = useSyncExternalStore(
    intents.subscribe,
    () => intents.get(conversationId),
    () => null,
  );
  const set = useCallback(
    (next: ComposeIntent | null) => intents.set(conversationId, next),
    [intents, conversationId],
  );
  return [intent, set];
}
