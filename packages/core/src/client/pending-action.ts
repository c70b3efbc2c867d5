import { type Mention, normalizeEmoji } from '../protocol';
import type { ActionKind, PendingAction } from '../store/state';
import { newClientId } from './client-id';

/**
 * What an action is made on: a message the server holds, or an own send
 * still in the outbox (by its clientId), which the action then waits for.
 */
export type ActionTarget = { messageId: string } | { sendClientId: string };

/** An action on a message as it is first shown: `sending`, with a fresh operation id. */
export function pendingAction(
  conversationId: string,
  target: ActionTarget,
  kind: ActionKind,
  {
    body = null,
    emoji = null,
    mentions,
  }: { body?: string | null; emoji?: string | null; mentions?: Mention[] | undefined } = {},
): PendingAction {
  return {
    id: newClientId(),
    conversationId,
    messageId: 'messageId' in target ? target.messageId : null,
    sendClientId: 'sendClientId' in target ? target.sendClientId : null,
    kind,
    body,
    mentions,
    // Stored normalized, as the server stores it, so the optimistic chip matches the real one.
    emoji: emoji === null ? null : normalizeEmoji(emoji),
    createdAt: new Date().toISOString(),
    status: 'sending',
    error: null,
  };
}
