'use client';
import type { ChatClient, ChatState } from '@banter/core';
import { useSyncExternalStore } from 'react';
import { useBanterContext } from '../provider/context';

/**
 * Reads from the client's store with a selector. The component re-renders
 * only when the selected value changes identity, so select stable pieces
 * (objects from the snapshot, core's selectors, memoized selectors, primitives).
 */
export function useChatState<T>(selector: (state: ChatState) => T): T {
  const { client } = useBanterContext('useChatState');
  return useSyncExternalStore(
    client.subscribe,
    () => selector(client.getSnapshot()),
    () => selector(client.getSnapshot()),
  );
}

/** The client itself, for calls the hooks do not wrap. */
export function useChatClient(): ChatClient {
  return useBanterContext('useChatClient').client;
}
