import type { Message } from '@banter/core/protocol';
import type { ChatService } from '../chat/service';

/**
 * The sender's name and the conversation's title as the recipient would see them: names come
 * from the host's `getUsers` (guarded, so a failing hook falls back to the id).
 */
export async function describeForPush(
  service: ChatService,
  viewerId: string,
  message: Message,
): Promise<{ senderName: string; conversationTitle: string | null }> {
  const [profiles, conversation] = await Promise.all([
    service.getUsers(viewerId, [message.senderId]).catch(() => []),
    service.storage.getConversation(message.conversationId, viewerId),
  ]);
  return {
    senderName: profiles[0]?.name ?? message.senderId,
    conversationTitle: conversation?.title ?? null,
  };
}
