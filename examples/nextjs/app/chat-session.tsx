'use client';
import { type ChatClient, createChatClient } from '@banter/core';
import { ChatProvider } from '@banter/react';
import { type ReactNode, useEffect, useMemo } from 'react';

/**
 * The one place that needs 'use client' in this example: a chat client is a live object
 * (a socket, timers, a store), so it is made in the browser and cannot be a prop from a
 * server component. Everything inside `children` can still be written in server components,
 * Banter's own components included.
 */
export function ChatSession({ userId, children }: { userId: string; children: ReactNode }) {
  const client = useMemo(() => chatClientFor(userId), [userId]);
  // Connects after hydration, so the first render in the browser matches the server's HTML.
  useEffect(() => client.connect(), [client]);
  return <ChatProvider client={client}>{children}</ChatProvider>;
}

let browserClient: ChatClient | undefined;

/**
 * On the server, a client that never connects, made for one render: it gives the HTML the
 * chat's first (empty, connecting) state. In the browser, one client per signed-in person
 * for the page's lifetime, like any other singleton service; React's double renders and
 * effects in development reuse it instead of opening a second socket.
 */
function chatClientFor(userId: string): ChatClient {
  const make = (url: string) =>
    createChatClient({ url, userId, getToken: () => fetchToken(userId), autoConnect: false });
  if (typeof window === 'undefined') return make('http://localhost');
  if (browserClient?.userId !== userId) {
    void browserClient?.close();
    browserClient = make(window.location.origin);
  }
  return browserClient;
}

/** Asks this app's server for a chat token; called again whenever the chat server refuses one. */
async function fetchToken(userId: string): Promise<string> {
  const response = await fetch(`/demo/token?userId=${encodeURIComponent(userId)}`);
  if (!response.ok) throw new Error(`unable to sign in as ${userId}: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
