'use client';
import type { ChatClient, Conversation, MessageView } from '@banter/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useChatState } from '../../hooks/use-chat-state';

/** Where the conversation was read up to when it was opened: fixed for as long as it stays open. */
interface OpenedAt {
  conversationId: string;
  /** The first seq after the viewer's read watermark; null when nothing was unread. */
  firstUnreadSeq: number | null;
}

/** What `useFirstUnread` tells the list. */
export interface FirstUnread {
  /** The key of the message the "New messages" divider sits above; null for no divider. */
  dividerKey: string | null;
  /**
   * The list may be shown: the first unread message is held (or there is none).
   * Until then it is kept out of sight, so the first paint is already at the right place.
   */
  ready: boolean;
  /**
   * There is an unread line to open at and the client is getting there: the
   * list is kept out of sight meanwhile. Never while offline or before the first page when
   * rows are held already (what is held, pending sends included, shows at once), nor after a failed load.
   */
  waiting: boolean;
}

/**
 * The unread line: the viewer's read watermark is read once, when the
 * conversation opens (watermarks are seqs, so timestamps never place it), and
 * the divider stays above the first message after it while the reader reads;
 * marking messages read does not move it. If that message is not held yet,
 * the page around it is loaded before the list is shown.
 */
export function useFirstUnread({
  client,
  conversationId,
  conversation,
  userId,
  messages,
  loaded,
}: {
  client: ChatClient;
  conversationId: string;
  conversation: Conversation | undefined;
  userId: string;
  messages: MessageView[];
  loaded: boolean;
}): FirstUnread {
  const [openedAt, setOpenedAt] = useState<OpenedAt | null>(null);
  const current = openedAt?.conversationId === conversationId ? openedAt : null;

  // Read once per opening. Without the conversation by the time the newest page is here (a
  // host opened one no list holds yet), the list opens at the newest message, as before.
  useEffect(() => {
    if (current) return;
    if (conversation)
      setOpenedAt({ conversationId, firstUnreadSeq: firstUnreadOf(conversation, userId) });
    else if (loaded) setOpenedAt({ conversationId, firstUnreadSeq: null });
  }, [current, conversation, conversationId, userId, loaded]);

  const seq = current?.firstUnreadSeq ?? null;
  const oldestHeld = messages.find((message) => message.seq !== null)?.seq ?? null;
  const timeline = client.getSnapshot().timelines[conversationId];
  const reached =
    seq === null ||
    (oldestHeld !== null && oldestHeld <= seq) ||
    (loaded && !(timeline?.hasMoreBefore ?? false));
  // Once per opening: the reader may leave it behind afterwards (Jump to latest, a search hit, a
  // send), which replaces the messages held; that must not bring the list back to it.
  const opening = `${conversationId}:${seq}`;
  const askedFor = useRef<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!loaded || reached || seq === null || askedFor.current === opening) return;
    askedFor.current = opening;
    let live = true;
    // One page around it, in place of the newest page: the list then loads newer ones as the reader scrolls.
    void client.loadAround(conversationId, seq).then(() => {
      // A failure lands in the timeline's error: show what is held rather than nothing.
      if (live && client.getSnapshot().timelines[conversationId]?.error) setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [client, conversationId, loaded, reached, seq, opening]);

  const dividerKey = useMemo(() => {
    if (seq === null) return null;
    const first = messages.find(
      (message) => message.seq !== null && message.seq >= seq && !message.own,
    );
    return first?.key ?? null;
  }, [messages, seq]);

  const connected = useChatState((state) => state.connection.status === 'connected');
  const ready = loaded && current !== null && (reached || failed);
  const unread = current ? seq !== null : (conversation?.unreadCount ?? 0) > 0;
  // Before the first page answers, rows already held (live messages, pending sends) are shown rather than hidden.
  const held = loaded || messages.length === 0;
  return { dividerKey, ready, waiting: !ready && unread && connected && !failed && held };
}

/** The first seq after the viewer's read watermark, or null when nothing is unread. */
export function firstUnreadOf(conversation: Conversation, userId: string): number | null {
  if (conversation.unreadCount <= 0) return null;
  const me = conversation.participants.find((participant) => participant.userId === userId);
  const readUpTo = me?.lastReadSeq ?? 0;
  return readUpTo < conversation.lastSeq ? readUpTo + 1 : null;
}
