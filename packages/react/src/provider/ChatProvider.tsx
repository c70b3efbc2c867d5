'use client';
import type { ChatClient } from '@banter/core';
import { type ReactNode, useMemo } from 'react';
import { type BanterStrings, defaultStrings } from '../i18n/strings';
import { StringsContext } from '../i18n/strings-context';
import { ComposeIntents } from './compose-intents';
import { BanterContext } from './context';
import { UserDirectory } from './user-directory';

export interface ChatProviderProps {
  /** A client from `createChatClient`. The provider does not close it. */
  client: ChatClient;
  /** Replace any user-facing string (translation, wording). */
  strings?: Partial<BanterStrings>;
  /** BCP 47 locale for plurals, dates and times. Default `en`. */
  locale?: string;
  children?: ReactNode;
}

/**
 * Makes a Banter client available to the hooks and components below it.
 *
 * @example
 * <ChatProvider client={client}><ChatWidget /></ChatProvider>
 */
export function ChatProvider({ client, strings, locale = 'en', children }: ChatProviderProps) {
  const value = useMemo(
    () => ({
      client,
      users: new UserDirectory(client),
      drafts: new Map<string, string>(),
      intents: new ComposeIntents(),
    }),
    [client],
  );
  const text = useMemo(
    () => ({ strings: { ...defaultStrings, ...strings }, locale }),
    [strings, locale],
  );
  return (
    <BanterContext.Provider value={value}>
      <StringsContext.Provider value={text}>{children}</StringsContext.Provider>
    </BanterContext.Provider>
  );
}
