'use client';
import { useCallback, useState } from 'react';

/** What `useConversationAction` gives a conversation menu's trigger. */
export interface ConversationActionState {
  /** A mute, archive or leave is on its way to the server. */
  pending: boolean;
  /** The last one failed (offline, refused): the trigger says so until the next one. */
  failed: boolean;
  /** Runs one of the client's conversation calls, tracking it. */
  run: (action: () => Promise<unknown>) => void;
}

/**
 * Tracks the conversation menu's actions. They are the client's own calls
 * (`muteConversation`, `archiveConversation`, `leaveConversation`); this
 * state lives with the trigger, on the page, because the menu that starts
 * them closes (and unmounts) at once.
 */
export function useConversationAction(): ConversationActionState {
  const [pending, setPending] = useState(0);
  const [failed, setFailed] = useState(false);
  const run = useCallback((action: () => Promise<unknown>) => {
    setFailed(false);
    setPending((count) => count + 1);
    action()
      .catch(() => setFailed(true))
      .finally(() => setPending((count) => count - 1));
  }, []);
  return { pending: pending > 0, failed, run };
}
