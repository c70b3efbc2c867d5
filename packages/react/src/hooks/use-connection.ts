'use client';
import type { ConnectionState } from '@banter/core';
import { useChatState } from './use-chat-state';

/** The connection's status, the previous one, and why it changed. */
export function useConnection(): ConnectionState {
  return useChatState((state) => state.connection);
}
