'use client';
import { useCallback, useEffect, useState } from 'react';
import { useBanterContext } from '../provider/context';
import { useComposeIntent } from './use-compose-intent';

/**
 * The composer's text for one conversation, kept when the user switches away and back, and
 * across reloads when the provider has a `draftStorage` (localStorage by default).
 */
export function useDraft(conversationId: string): [string, (text: string) => void] {
  const { drafts } = useBanterContext('useDraft');
  const [text, setText] = useState(() => drafts.get(conversationId).text);
  const [shownFor, setShownFor] = useState(conversationId);
  if (shownFor !== conversationId) {
    // Switching conversations: show that conversation's draft.
    setShownFor(conversationId);
    setText(drafts.get(conversationId).text);
  }
  const update = useCallback(
    (next: string) => {
      drafts.update(conversationId, { text: next });
      setText(next);
    },
    [drafts, conversationId],
  );
  return [text, update];
}

/**
 * Keeps the message being replied to with the conversation's draft: restored when the composer
 * opens (after a reload too), saved whenever a reply starts, changes or ends (sent, cancelled).
 * An edit is never saved: it belongs to the moment, and the draft waits underneath it.
 */
export function usePersistedReply(conversationId: string) {
  const { drafts } = useBanterContext('usePersistedReply');
  const [intent, setIntent] = useComposeIntent(conversationId);
  const [restoredFor, setRestoredFor] = useState<string | null>(null);
  useEffect(() => {
    if (restoredFor === conversationId) return;
    setRestoredFor(conversationId);
    const saved = drafts.get(conversationId).replyTo;
    if (!intent && saved) setIntent({ mode: 'reply', message: saved });
  }, [restoredFor, conversationId, drafts, intent, setIntent]);
  useEffect(() => {
    // Before the first restore the empty intent means "not loaded yet", not "no reply".
    if (restoredFor !== conversationId || intent?.mode === 'edit') return;
    drafts.update(conversationId, { replyTo: intent?.message ?? null });
  }, [restoredFor, conversationId, drafts, intent]);
}
