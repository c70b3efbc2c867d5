import type { ErrorPayload, ServerToClientEvents } from '@banter/core/protocol';

export type ServerEvent = keyof ServerToClientEvents;
export type ServerEventArgs<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>;

/**
 * How the service reaches connected clients, on this node and (through the
 * Socket.IO adapter) on every other. REST-only deployments use `noBroadcaster`.
 */
export interface Broadcaster {
  /** Every socket subscribed to the conversation: all participants' devices. */
  toConversation<E extends ServerEvent>(
    conversationId: string,
    event: E,
    ...args: ServerEventArgs<E>
  ): void;
  /** Every socket of these users. */
  toUsers<E extends ServerEvent>(userIds: string[], event: E, ...args: ServerEventArgs<E>): void;
  /** Subscribes every socket of these users to the conversation, on every node. */
  join(userIds: string[], conversationId: string): void;
  leave(userIds: string[], conversationId: string): void;
  /** The subset of `userIds` with at least one connected socket anywhere. */
  onlineUsers(userIds: string[]): Promise<Set<string>>;
  /** Sends `session:ended` with `error` to every socket of the user, on every node, then disconnects them. */
  endSessions(userId: string, error: ErrorPayload): void;
}

export const noBroadcaster: Broadcaster = {
  toConversation: () => {},
  toUsers: () => {},
  join: () => {},
  leave: () => {},
  onlineUsers: async () => new Set(),
  endSessions: () => {},
};

export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
export const userRoom = (userId: string) => `user:${userId}`;
