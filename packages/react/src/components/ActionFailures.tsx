'use client';
import type { ErrorPayload } from '@banter/core';
import { useStrings } from '../i18n/strings-context';

/** An edit, delete or reaction the client holds for a message. */
export interface PendingAction {
  id: string;
  kind: 'edit' | 'delete' | 'react' | 'unreact';
  status: 'sending' | 'failed';
  error: ErrorPayload | null;
  emoji: string | null;
}

/** A message's pending actions, and what to do with a failed one. */
export interface ActionFailuresProps {
  /** The message's actions still held by the client; only failed ones are shown. */
  actions: readonly PendingAction[];
  /** Try the action again, with the same id. */
  onRetry: (actionId: string) => void;
  /** Drop the action. */
  onDiscard: (actionId: string) => void;
}

/**
 * The actions on a message that failed for good, each with what failed and
 * why, and buttons to try again or to drop it (the message then shows the
 * server's state again).
 */
export function ActionFailures({ actions, onRetry, onDiscard }: ActionFailuresProps) {
  const { strings } = useStrings();
  const failed = actions.filter((action) => action.status === 'failed');
  if (failed.length === 0) return null;
  return (
    <>
      {failed.map((action) => (
        <div key={action.id} className="banter-message__failure" data-action={action.kind}>
          <span>
            {action.emoji
              ? `${strings.actionFailed[action.kind]} ${action.emoji}`
              : strings.actionFailed[action.kind]}
            {action.error?.message ? `: ${action.error.message}` : ''}
          </span>
          <button type="button" onClick={() => onRetry(action.id)}>
            {strings.retry}
          </button>
          <button type="button" onClick={() => onDiscard(action.id)}>
            {strings.discard}
          </button>
        </div>
      ))}
    </>
  );
}
