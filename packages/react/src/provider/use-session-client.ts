'use client';
import { type ChatClient, type ChatClientOptions, createChatClient } from '@banter/core';
import { useEffect, useMemo, useRef, useState } from 'react';

/** What `useChatSession` makes its client from. */
export interface ChatSessionOptions {
  /** The chat server's origin, e.g. `https://chat.example`. */
  url?: string;
  /** Who is signed in; `null` or `undefined` while nobody is, and no client exists. */
  userId: string | null | undefined;
  /**
   * Fetches a token for `userId` from your server; called for the first token and whenever the
   * server refuses the current one. Read at call time: a new function each render is fine.
   */
  getToken: () => Promise<string> | string;
  /** Any other client option (`outboxStorage`, `restPath`, `transport`, …). */
  clientOptions?: Omit<ChatClientOptions, 'url' | 'userId' | 'getToken' | 'token' | 'autoConnect'>;
}

/**
 * One client per signed-in user, for `<ChatProvider client>`: made when `userId` is known (null
 * while nobody is signed in), connected after mount, closed when `userId` or `url` changes and on
 * unmount. StrictMode's extra unmount and mount keeps the same client (the close waits a
 * microtask and the remount cancels it), so no second socket opens. A hook of its own rather than
 * a form of `ChatProvider`, so pages that make their client themselves do not ship it.
 *
 * @example
 * const client = useChatSession({ url: 'https://chat.example', userId: user?.id, getToken });
 * return <ChatProvider client={client}>{client && <ChatWidget />}</ChatProvider>;
 */
export function useChatSession(options: ChatSessionOptions): ChatClient | null {
  const { url, userId } = options;
  const latest = useRef(options);
  latest.current = options;
  const closing = useRef<ChatClient | null>(null);
  // Bumped when a remount finds its client closed (a hidden <Activity> shown again).
  const [generation, setGeneration] = useState(0);

  // Made during render, never connected there: the first render already has a client, and
  // one made by a render React throws away opens nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new client per user, url and generation
  const client = useMemo(
    () =>
      userId
        ? createChatClient({
            ...latest.current.clientOptions,
            url,
            userId,
            getToken: () => latest.current.getToken(),
            autoConnect: false,
          })
        : null,
    [url, userId, generation],
  );

  useEffect(() => {
    if (!client) return;
    if (closing.current === client) closing.current = null;
    if (client.getSnapshot().connection.status === 'closed') {
      setGeneration((n) => n + 1);
      return;
    }
    client.connect();
    return () => {
      closing.current = client;
      queueMicrotask(() => {
        if (closing.current !== client) return;
        closing.current = null;
        void client.close();
      });
    };
  }, [client]);

  return client;
}
