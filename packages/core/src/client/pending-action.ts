import { normalizeEmoji } from '../protocol';
import type { ActionKind, PendingAction } from '../store/state';
import { newClientId } from './client-id';

/** An action on a message as it is first shown: `sending`, with a fresh operation id. */
export function pendingAction(
  conversationId: string,
  messageId: string,
  kind: ActionKind,
  { body = null, emoji = null }: { body?: string | null; emoji?: string | null } = {},
): PendingAction {
  return {
    id: newClientId(),
    conversationId,
    messageId,
    kind,
    body,
    // Stored normalized, as the server stores it, so the optimistic chip matches the real one.
    emoji: emoji === null ? null : normalizeEmoji(emoji),
    createdAt: new Date().toISOString(),
    status: 'sending',
    error: null,
  };
}
