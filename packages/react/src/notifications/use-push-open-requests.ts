'use client';
import { useEffect, useRef } from 'react';

/** The URL parameter Banter's service worker adds when it opens a new tab. */
export const pushConversationParam = 'banterConversation';

/**
 * Opens the conversation whose push notification was clicked. Banter's service worker either
 * focuses a tab of the app and posts it `{ type: 'banter:open-conversation', conversationId }`,
 * or opens a new tab with `?banterConversation=<id>`; this hook handles both (and removes the
 * parameter from the address bar).
 *
 * @example
 * usePushOpenRequests((id) => { setOpen(true); setConversationId(id); });
 */
export function usePushOpenRequests(onOpen: (conversationId: string) => void): void {
  const callback = useRef(onOpen);
  callback.current = onOpen;

  useEffect(() => {
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get(pushConversationParam);
    if (fromUrl) {
      url.searchParams.delete(pushConversationParam);
      window.history.replaceState(window.history.state, '', url.href);
      callback.current(fromUrl);
    }
    const worker = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!worker) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; conversationId?: unknown } | null;
      if (data?.type === 'banter:open-conversation' && typeof data.conversationId === 'string') {
        callback.current(data.conversationId);
      }
    };
    worker.addEventListener('message', onMessage);
    return () => worker.removeEventListener('message', onMessage);
  }, []);
}
