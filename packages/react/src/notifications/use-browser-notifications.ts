'use client';
import type { ChatClient } from '@banter/core';
import { useEffect, useRef } from 'react';
import { useChatClient } from '../hooks/use-chat-state';
import { useStrings } from '../i18n/strings-context';
import { deservesAlert, isPageInView } from './alert-policy';
import { useIncomingMessages } from './use-incoming-messages';

/** Options of `useBrowserNotifications`. */
export interface BrowserNotificationOptions {
  /**
   * Opens the conversation when its notification is clicked (after the tab is focused),
   * e.g. the widget's open and select.
   */
  onOpen: (conversationId: string) => void;
  /** The conversation on screen, if any: never notified while the page is in view. */
  isOnScreen?: (conversationId: string) => boolean;
  /** `'text'` (default): who and what; `'sender'`: who only; `'none'`: only that something came. */
  preview?: 'text' | 'sender' | 'none';
  /**
   * Whether the person is looking at the chat now; nothing is notified then. Default: the tab is
   * shown and its window has focus. A widget can add "and the widget is open".
   */
  isPageInView?: () => boolean;
  /** An image URL for the notification. */
  icon?: string;
  /** False turns it off (a user setting). Default true. */
  enabled?: boolean;
}

/**
 * Shows a system notification (the `Notification` API) for someone else's message while the
 * page is out of view (tab hidden or window unfocused), once permission is granted (ask with
 * `useNotificationPermission` from a click). Never for muted conversations or the one on screen;
 * one notification per conversation, replaced by the next (same tag as Web Push's). Clicking it
 * focuses the tab and calls `onOpen`.
 *
 * @example
 * useBrowserNotifications({ onOpen: (id) => { setOpen(true); setConversationId(id); } });
 */
export function useBrowserNotifications(options: BrowserNotificationOptions): void {
  const client = useChatClient();
  const { strings, locale } = useStrings();
  const shown = useRef(new Map<string, Notification>());

  useIncomingMessages((incoming) => {
    if (options.enabled === false || typeof Notification === 'undefined') return;
    if (Notification.permission !== 'granted' || (options.isPageInView ?? isPageInView)()) return;
    if (!deservesAlert(incoming.conversation, options.isOnScreen)) return;
    const preview = options.preview ?? 'text';
    void senderName(client, incoming.message.senderId, preview).then((sender) => {
      const { id, title } = incoming.conversation;
      const heading =
        sender === null ? strings.newMessages(1, locale) : title ? `${sender} · ${title}` : sender;
      const notification = new Notification(heading, {
        body: preview === 'text' ? incoming.message.body : '',
        tag: `banter:${id}`,
        icon: options.icon,
        data: { conversationId: id },
      });
      shown.current.set(id, notification);
      notification.onclick = () => {
        window.focus();
        notification.close();
        options.onOpen(id);
      };
      notification.onclose = () => {
        if (shown.current.get(id) === notification) shown.current.delete(id);
      };
    });
  });

  // Notifications this page showed go when it unmounts (signed out, widget removed).
  useEffect(() => {
    const open = shown.current;
    return () => {
      for (const notification of open.values()) notification.close();
      open.clear();
    };
  }, []);
}

/** The sender's name (fetched when the client has no profile yet), or null with preview 'none'. */
async function senderName(
  client: ChatClient,
  senderId: string,
  preview: 'text' | 'sender' | 'none',
): Promise<string | null> {
  if (preview === 'none') return null;
  const known = client.getSnapshot().users[senderId];
  if (known) return known.name;
  const [profile] = await client.fetchUsers([senderId]).catch(() => []);
  return profile?.name ?? senderId;
}
