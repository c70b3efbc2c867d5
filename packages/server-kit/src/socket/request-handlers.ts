import type { RequestName, RequestResult } from '@banter/core/protocol';
import type { ChatService } from '../chat/service';
import type { ParsedInput } from '../validation';
import type { SessionExpiry } from './session-expiry';
import type { BanterSocket } from './types';
import type { TypingRelay } from './typing-relay';

/** What a handler gets about the socket that asked. */
export interface SocketContext {
  socket: BanterSocket;
  session: SessionExpiry;
}

export type RequestHandlers = {
  [E in RequestName]: (ctx: SocketContext, input: ParsedInput<E>) => Promise<RequestResult<E>>;
};

/**
 * What each socket event does. One table for every socket, taking the socket as
 * an argument: a table of closures per socket cost about 2 KB of heap for each
 * connection (measured with bench/load's heap snapshots).
 */
export function requestHandlers(service: ChatService, typing: TypingRelay): RequestHandlers {
  const id = (ctx: SocketContext) => ctx.socket.data.userId;
  return {
    'conversation:list': (ctx, input) => service.listConversations(id(ctx), input),
    'conversation:get': (ctx, input) => service.getConversation(id(ctx), input.conversationId),
    'conversation:create': (ctx, input) => service.createConversation(id(ctx), input),
    'conversation:addParticipants': (ctx, input) => service.addParticipants(id(ctx), input),
    'conversation:removeParticipant': (ctx, input) => service.removeParticipant(id(ctx), input),
    'conversation:leave': (ctx, input) => service.leave(id(ctx), input.conversationId),
    'conversation:archive': (ctx, input) =>
      service.setArchived(id(ctx), input.conversationId, input.archived),
    'conversation:mute': (ctx, input) =>
      service.setMuted(id(ctx), input.conversationId, input.muted),
    'message:send': (ctx, input) => service.sendMessage(id(ctx), input),
    'message:edit': (ctx, input) => service.editMessage(id(ctx), input),
    'message:delete': (ctx, input) => service.deleteMessage(id(ctx), input),
    'message:list': (ctx, input) => service.listMessages(id(ctx), input),
    'receipt:read': (ctx, input) => service.markWatermark(id(ctx), 'read', input),
    'receipt:delivered': (ctx, input) => service.markWatermark(id(ctx), 'delivered', input),
    'typing:set': async (ctx, input) => {
      typing.set(ctx.socket, input.conversationId, input.typing);
      return null;
    },
    'presence:get': (ctx, input) => service.getPresence(id(ctx), input.userIds),
    'user:get': (_ctx, input) => service.getUsers(input.userIds),
    'user:search': (ctx, input) => service.searchUsers(id(ctx), input),
    'auth:refresh': (ctx, input) => ctx.session.refresh(input.token),
  };
}
