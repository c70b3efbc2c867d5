import {
  type Broadcaster,
  conversationRoom,
  type ServerEvent,
  type ServerEventArgs,
  userRoom,
} from '../chat/broadcaster';
import type { BanterNamespace } from './types';

/** The broadcaster over a Socket.IO namespace; the adapter carries it to other nodes. */
export function socketBroadcaster(nsp: BanterNamespace): Broadcaster {
  // Socket.IO's emit typing cannot follow a generic event name; the Broadcaster signature keeps callers typed.
  const emit = <E extends ServerEvent>(rooms: string[], event: E, args: ServerEventArgs<E>) => {
    if (rooms.length === 0) return;
    (nsp.to(rooms).emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
  };
  return {
    toConversation: (conversationId, event, ...args) =>
      emit([conversationRoom(conversationId)], event, args),
    toUsers: (userIds, event, ...args) => emit(userIds.map(userRoom), event, args),
    join(userIds, conversationId) {
      if (userIds.length > 0)
        nsp.in(userIds.map(userRoom)).socketsJoin(conversationRoom(conversationId));
    },
    leave(userIds, conversationId) {
      if (userIds.length > 0)
        nsp.in(userIds.map(userRoom)).socketsLeave(conversationRoom(conversationId));
    },
    endSessions(userId, error) {
      // Both go through the adapter in this order; closing the connection flushes the event first.
      nsp.in(userRoom(userId)).emit('session:ended', error);
      nsp.in(userRoom(userId)).disconnectSockets(true);
    },
    async onlineUsers(userIds) {
      if (userIds.length === 0) return new Set();
      const sockets = await nsp.in(userIds.map(userRoom)).fetchSockets();
      const wanted = new Set(userIds);
      return new Set(sockets.map((socket) => socket.data.userId).filter((id) => wanted.has(id)));
    },
  };
}
