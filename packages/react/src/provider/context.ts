'use client';
import type { ChatClient } from '@banter/core';
import { createContext, useContext } from 'react';
import type { ComposeIntents } from './compose-intents';
import type { DraftStore } from './draft-store';
import type { UserDirectory } from './user-directory';

export interface BanterContextValue {
  client: ChatClient;
  users: UserDirectory;
  /** Unsent composer text and reply target per conversation, kept across reloads. */
  drafts: DraftStore;
  /** Replies and edits being composed, per conversation. */
  intents: ComposeIntents;
  /** Where the full emoji picker fetches its data; unset: its default CDN. */
  emojibaseUrl: string | undefined;
}

export const BanterContext = createContext<BanterContextValue | null>(null);

/** The provider's value; throws a clear error outside `<ChatProvider>` or while nobody is signed in. */
export function useBanterContext(hook: string): BanterContextValue {
  const value = useContext(BanterContext);
  if (!value) {
    throw new Error(
      `${hook} must be used inside <ChatProvider client={…}> with a non-null client.`,
    );
  }
  return value;
}
