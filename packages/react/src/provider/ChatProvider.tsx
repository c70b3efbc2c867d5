'use client';
import type { ChatClient } from '@banter/core';
import { type ReactNode, useMemo } from 'react';
import { type BanterStrings, defaultStrings } from '../i18n/strings';
import { StringsContext } from '../i18n/strings-context';
import { ComposeIntents } from './compose-intents';
import { BanterContext } from './context';
import { type ChatSessionOptions, useSessionClient } from './use-session-client';
import { UserDirectory } from './user-directory';

/** What `ChatProvider` takes besides its client. */
export interface ChatProviderBaseProps {
  /** Replace any user-facing string (translation, wording). */
  strings?: Partial<BanterStrings>;
  /** BCP 47 locale for plurals, dates and times. Default `en`. */
  locale?: string;
  /** Your UI; rendered whether or not someone is signed in. */
  children?: ReactNode;
}

/** `ChatProvider` around a client you made and close yourself. */
export interface ChatProviderClientProps extends ChatProviderBaseProps {
  /** A client from `createChatClient`. The provider does not close it. */
  client: ChatClient;
}

/** `ChatProvider` making, connecting and closing the client for whoever is signed in. */
export interface ChatProviderSessionProps extends ChatProviderBaseProps, ChatSessionOptions {
  /** Not with `url`, `userId` and `getToken`: the provider makes the client. */
  client?: undefined;
}

/** Either a `client`, or `url`, `userId` and `getToken` for the provider to make one. */
export type ChatProviderProps = ChatProviderClientProps | ChatProviderSessionProps;

/**
 * Makes a Banter client available to the hooks and components below it.
 *
 * Given `url`, `userId` and `getToken`, it makes the client itself: when `userId` is set, closed
 * on sign-out (`userId` null), on a change of user and on unmount. While nobody is signed in, it
 * renders `children` without a client, so render Banter's components only for a signed-in user.
 *
 * @example
 * <ChatProvider url="https://chat.example" userId={user?.id} getToken={fetchChatToken}>
 *   {user && <ChatWidget />}
 * </ChatProvider>
 */
export function ChatProvider(props: ChatProviderProps) {
  const { strings, locale = 'en', children } = props;
  const session = useSessionClient(
    props.client ? { userId: null, getToken: () => '' } : (props as ChatSessionOptions),
  );
  const client = props.client ?? session;
  const value = useMemo(
    () =>
      client && {
        client,
        users: new UserDirectory(client),
        drafts: new Map<string, string>(),
        intents: new ComposeIntents(),
      },
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
