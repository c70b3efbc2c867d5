import type { Conversation, Message } from '../protocol';

/**
 * Sending a message marks it delivered to and read by its sender: the server
 * moves the sender's watermarks with the send and announces no receipt for it
 * (docs/protocol.md §9.5). So whoever sends a message has read everything up
 * to it, and a reply that comes quickly must lift the sender's ticks on the
 * other side at once. Own messages are left to the unread rule, which also
 * clears the unread count.
 */
export function sendersSaw(
  conversation: Conversation,
  messages: Message[],
  me: string,
): Conversation {
  const sentUpTo = new Map<string, number>();
  for (const message of messages) {
    if (message.senderId === me || message.conversationId !== conversation.id) continue;
    sentUpTo.set(message.senderId, Math.max(sentUpTo.get(message.senderId) ?? 0, message.seq));
  }
  if (sentUpTo.size === 0) return conversation;
  let changed = false;
  const participants = conversation.participants.map((p) => {
    const seq = sentUpTo.get(p.userId);
    if (seq === undefined || (p.lastReadSeq >= seq && p.lastDeliveredSeq >= seq)) return p;
    changed = true;
    return {
      ...p,
      lastReadSeq: Math.max(p.lastReadSeq, seq),
      lastDeliveredSeq: Math.max(p.lastDeliveredSeq, seq),
    };
  });
  return changed ? { ...conversation, participants } : conversation;
}
