import type { PendingMessage } from '../store/state';
import type { SendInput } from './chat-client';
import { newClientId } from './client-id';

/** An own message as it is first shown: `sending`, with a fresh clientId and the client's clock. */
export function pendingMessage(
  conversationId: string,
  senderId: string,
  input: SendInput,
): PendingMessage {
  return {
    clientId: newClientId(),
    conversationId,
    senderId,
    kind: input.kind ?? 'text',
    body: input.body ?? '',
    attachments: input.attachments ?? [],
    replyTo: input.replyTo ?? null,
    mentions: input.mentions,
    createdAt: new Date().toISOString(),
    status: 'sending',
    error: null,
  };
}
