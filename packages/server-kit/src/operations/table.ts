import type { RequestName, RequestResult, RestRequestName } from '@banter/core/protocol';
import type { ChatService } from '../chat/service';
import type { MessageSearch } from '../search/message-search';
import type { SessionExpiry } from '../socket/session-expiry';
import type { BanterSocket } from '../socket/types';
import type { TypingRelay } from '../socket/typing-relay';
import type { ParsedInput } from './admit';

/** Who asks, over REST: the authenticated user and nothing else (REST is stateless). */
export interface RestCaller {
  transport: 'rest';
  userId: string;
}

/** Who asks, over the socket: the user, plus the connection that socket-only operations act on. */
export interface SocketCaller {
  transport: 'socket';
  userId: string;
  socket: BanterSocket;
  session: SessionExpiry;
  typing: TypingRelay;
}

export type Caller = RestCaller | SocketCaller;

/**
 * An operation with a REST route (core's `restRoutes`) must work for any
 * caller; one without (`typing:set`, `auth:refresh`) may rely on the socket.
 * Giving a socket-only operation a REST route is therefore a type error here.
 */
export type Operation<E extends RequestName> = (
  caller: E extends RestRequestName ? Caller : SocketCaller,
  input: ParsedInput<E>,
) => Promise<RequestResult<E>>;

export type OperationTable = { [E in RequestName]: Operation<E> };

/**
 * Every operation of the protocol and the service call it makes, once, for
 * both transports: the socket dispatches events to it and the REST router
 * mounts a route per entry of `restRoutes`. Both admit the payload the same way
 * first (admit.ts), so they answer the same codes for the same input.
 *
 * One table for every connection, taking the caller as an argument: a table of
 * closures per socket cost about 2 KB of heap for each connection (measured
 * with bench/load's heap snapshots).
 */
export function operationTable(service: ChatService, search: MessageSearch): OperationTable {
  return {
    'conversation:list': (caller, input) => service.listConversations(caller.userId, input),
    'conversation:get': (caller, input) =>
      service.getConversation(caller.userId, input.conversationId),
    'conversation:create': (caller, input) => service.createConversation(caller.userId, input),
    'conversation:addParticipants': (caller, input) =>
      service.addParticipants(caller.userId, input),
    'conversation:removeParticipant': (caller, input) =>
      service.removeParticipant(caller.userId, input),
    'conversation:leave': (caller, input) => service.leave(caller.userId, input.conversationId),
    'conversation:archive': (caller, input) =>
      service.setArchived(caller.userId, input.conversationId, input.archived),
    'conversation:mute': (caller, input) =>
      service.setMuted(caller.userId, input.conversationId, input.muted),
    'message:send': (caller, input) => service.sendMessage(caller.userId, input),
    'message:edit': (caller, input) => service.editMessage(caller.userId, input),
    'message:delete': (caller, input) => service.deleteMessage(caller.userId, input),
    'message:list': (caller, input) => service.listMessages(caller.userId, input),
    'message:changes': (caller, input) => service.listChanges(caller.userId, input),
    'reaction:add': (caller, input) => service.addReaction(caller.userId, input),
    'reaction:remove': (caller, input) => service.removeReaction(caller.userId, input),
    'receipt:read': (caller, input) => service.markWatermark(caller.userId, 'read', input),
    'receipt:delivered': (caller, input) =>
      service.markWatermark(caller.userId, 'delivered', input),
    'typing:set': async (caller, input) => {
      caller.typing.set(caller.socket, input.conversationId, input.typing);
      return null;
    },
    'presence:get': (caller, input) => service.getPresence(caller.userId, input.userIds),
    'user:get': (caller, input) => service.getUsers(caller.userId, input.userIds),
    'user:search': (caller, input) => service.searchUsers(caller.userId, input),
    'auth:refresh': (caller, input) => caller.session.refresh(input.token),
    'user:block': (caller, input) => service.blocks.block(caller.userId, input.userId),
    'user:unblock': (caller, input) => service.blocks.unblock(caller.userId, input.userId),
    'user:blocks': (caller) => service.blocks.list(caller.userId),
    'message:report': (caller, input) => service.reports.report(caller.userId, input),
    'message:search': (caller, input) => search.search(caller.userId, input),
    'upload:create': (caller, input) => service.uploads.create(caller.userId, input),
    'upload:complete': (caller, input) => service.uploads.complete(caller.userId, input.uploadId),
    'upload:cancel': (caller, input) => service.uploads.cancel(caller.userId, input.uploadId),
    'upload:urls': (caller, input) => service.uploads.urls(caller.userId, input),
  };
}

/** Runs one operation for a caller: the table's entries are typed per name, the dispatchers are not. */
export function runOperation(
  table: OperationTable,
  name: RequestName,
  caller: Caller,
  input: unknown,
): Promise<unknown> {
  return (table[name] as (caller: Caller, input: unknown) => Promise<unknown>)(caller, input);
}
