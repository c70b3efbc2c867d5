'use client';
import type { ChatClient } from '@banter/core';
import { type ReactNode, useMemo } from 'react';
import { withLateDefaults } from '../i18n/late-defaults';
import { type BanterStrings, pageStrings } from '../i18n/strings';
import { StringsContext } from '../i18n/strings-context';
import { ComposeIntents } from './compose-intents';
import { BanterContext } from './context';
import { type DraftStorage, DraftStore, defaultDraftStorage } from './draft-store';
import { UserDirectory } from './user-directory';

/** What `ChatProvider` takes: a client (or `null`), and the wording and locale of its UI. */
export interface ChatProviderProps {
  /**
   * A client from `useChatSession` (made and closed for whoever is signed in) or from
   * `createChatClient` (yours to close: the provider never closes a client). `null` while nobody
   * is signed in: the children render without a client.
   */
  client: ChatClient | null;
  /** Replace any user-facing string (translation, wording). */
  strings?: Partial<BanterStrings>;
  /** BCP 47 locale for plurals, dates and times. Default `en`. */
  locale?: string;
  /**
   * Where the full emoji picker ("More reactions") fetches its Emojibase data
   * (`<url>/<locale>/data.json`, from the `emojibase-data` package). Default: a
   * public CDN (jsDelivr); serve the files yourself for privacy or a strict CSP.
   */
  emojibaseUrl?: string;
  /**
   * Where unsent drafts (text and reply target) are kept across reloads, per user and
   * conversation. Default: `localStorage` in the browser (nothing on the server); `null`: memory only.
   */
  draftStorage?: DraftStorage | null;
  /** Your UI; Banter's hooks and components in it need a client. */
  children?: ReactNode;
}

/**
 * Makes a Banter client available to the hooks and components below it. With a `null` client
 * (nobody signed in) it renders its children without one, so render Banter's components only
 * when there is a client.
 *
 * @example
 * const client = useChatSession({ url: 'https://chat.example', userId: user?.id, getToken });
 * return <ChatProvider client={client}>{client && <ChatWidget />}</ChatProvider>;
 */
export function ChatProvider({
  client,
  strings,
  locale = 'en',
  emojibaseUrl,
  draftStorage,
  children,
}: ChatProviderProps) {
  const value = useMemo(
    () =>
      client && {
        client,
        users: new UserDirectory(client),
        drafts: new DraftStore(
          client.userId,
          draftStorage === undefined ? defaultDraftStorage() : draftStorage,
        ),
        intents: new ComposeIntents(),
        emojibaseUrl,
      },
    [client, emojibaseUrl, draftStorage],
  );
  const text = useMemo(
    // Not a spread: the result inherits the strings of lazy chunks (see late-defaults.ts).
    () => ({ strings: withLateDefaults(pageStrings, strings), locale }),
    [strings, locale],
  );
  return (
    <BanterContext.Provider value={value}>
      <StringsContext.Provider value={text}>{children}</StringsContext.Provider>
    </BanterContext.Provider>
  );
}
