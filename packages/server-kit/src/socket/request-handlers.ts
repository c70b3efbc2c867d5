import type { RequestName, RequestResult } from '@banter/core/protocol';
import type { ChatService } from '../chat/service';
import type { ParsedInput } from '../validation';
import type { PresenceAnnouncer } from './presence';
import type { SessionExpiry } from './session-expiry';
import type { BanterSocket } from './types';
import type { TypingRelay } from './typing-relay';

export type RequestHandlers = {
  [E in RequestName]: (input: ParsedInput<E>) => Promise<RequestResult<E>>;
};

interface SocketContext {
  socket: BanterSocket;
  service: ChatService;
  typing: TypingRelay;
  session: SessionExpiry;
  presence: PresenceAnnouncer;
}

/** What each socket event does, for one connected user. */
export function requestHandlers({
  socket,
  service,
  typing,
  session,
}: SocketContext): RequestHandlers {
  const userId = () => socket.data.userId;
  return {
    'conversation:list': (input) => service.listConversations(userId(), input),
    'conversation:get': (input) => service.getConversation(userId(), input.conversationId),
    'conversation:create': (input) => service.createConversation(userId(), input),
    'conversation:addParticipants': (input) => service.addParticipants(userId(), input),
    'conversation:removeParticipant': (input) => service.removeParticipant(userId(), input),
    'conversation:leave': (input) => service.leave(userId(), input.conversationId),
    'conversation:archive': (input) =>
      service.setArchived(userId(), input.conversationId, input.archived),
    'conversation:mute': (input) => service.setMuted(userId(), input.conversationId, input.muted),
    'message:send': (input) => service.sendMessage(userId(), input),
    'message:edit': (input) => service.editMessage(userId(), input),
    'message:delete': (input) => service.deleteMessage(userId(), input),
    'message:list': (input) => service.listMessages(userId(), input),
    'receipt:read': (input) => service.markWatermark(userId(), 'read', input),
    'receipt:delivered': (input) => service.markWatermark(userId(), 'delivered', input),
    'typing:set': async (input) => {
      typing.set(socket, input.conversationId, input.typing);
      return null;
    },
    'presence:get': (input) => service.getPresence(userId(), input.userIds),
    'user:get': (input) => service.getUsers(input.userIds),
    'user:search': (input) => service.searchUsers(userId(), input),
    'auth:refresh': (input) => session.refresh(input.token),
  };
}
