'use client';
import type { ChatClient, MessageView } from '@banter/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { findMessage, keyOf } from './find-message';

/** How long a message reached from a reply's quote stays highlighted. */
export const highlightMs = 2_000;
/** Without the original's seq, how many older pages a jump may load looking for it. */
const maxPagesWithoutSeq = 10;

/**
 * Going to a message by id (a reply's original): when it is not held, the
 * page around it is loaded first (`loadAround` when its seq is known, else a
 * bounded walk through older pages), then it is focused, scrolled to and
 * highlighted briefly.
 */
export function useJumpToMessage({
  client,
  conversationId,
  messages,
  focusMessage,
}: {
  client: ChatClient;
  conversationId: string;
  messages: MessageView[];
  focusMessage: (key: string, block?: ScrollLogicalPosition) => void;
}) {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  // Seqs of the messages this list has shown: enough to ask for the page around one that is no longer held.
  const seqs = useRef(new Map<string, number>());
  useEffect(() => {
    for (const message of messages) {
      if (message.id !== null && message.seq !== null) seqs.current.set(message.id, message.seq);
    }
  }, [messages]);

  useEffect(() => {
    if (highlighted === null) return;
    const timer = setTimeout(() => setHighlighted(null), highlightMs);
    return () => clearTimeout(timer);
  }, [highlighted]);

  const jumpTo = useCallback(
    async (messageId: string, knownSeq?: number) => {
      const held = () =>
        findMessage(client.getSnapshot().timelines[conversationId]?.messages, messageId);
      if (!held()) {
        const seq = knownSeq ?? seqs.current.get(messageId);
        if (seq !== undefined) {
          await client.loadAround(conversationId, seq);
        } else {
          for (let page = 0; page < maxPagesWithoutSeq && !held(); page++) {
            if (!client.getSnapshot().timelines[conversationId]?.hasMoreBefore) break;
            await client.loadOlderMessages(conversationId);
          }
        }
      }
      const original = held();
      if (!original) return;
      const key = keyOf(original);
      setHighlighted(key);
      focusMessage(key, 'center');
    },
    [client, conversationId, focusMessage],
  );

  return { highlighted, jumpTo };
}
