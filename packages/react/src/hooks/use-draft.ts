'use client';
import { useCallback, useState } from 'react';
import { useBanterContext } from '../provider/context';

/** The composer's text for one conversation, kept when the user switches away and back. */
export function useDraft(conversationId: string): [string, (text: string) => void] {
  const { drafts } = useBanterContext('useDraft');
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const [shownFor, setShownFor] = useState(conversationId);
  if (shownFor !== conversationId) {
    // Switching conversations: show that conversation's draft.
    setShownFor(conversationId);
    setText(drafts.get(conversationId) ?? '');
  }
  const update = useCallback(
    (next: string) => {
      if (next) drafts.set(conversationId, next);
      else drafts.delete(conversationId);
      setText(next);
    },
    [drafts, conversationId],
  );
  return [text, update];
}
