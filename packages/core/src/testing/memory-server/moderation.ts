import { ChatError, type RequestName } from '../../protocol';
import type { MemoryServer } from './memory-server';
import type { Operations } from './operations';

/**
 * Blocks and reports, with server-kit's rules: a block stops direct
 * conversations both ways and hides the blocker's presence from the blocked;
 * groups are left alone (the client collapses blocked senders there).
 */
export const moderationOperations: Pick<
  Operations,
  'user:block' | 'user:unblock' | 'user:blocks' | 'message:report'
> = {
  'user:block'(server, { userId }, input) {
    notSelf(userId, input.userId, 'block');
    const list = server.state.blocks.get(userId) ?? [];
    if (!list.includes(input.userId)) {
      server.state.blocks.set(userId, [...list, input.userId]);
      // The blocked user stops seeing the blocker's presence: shown offline from now on.
      server.toUsers([input.userId], 'presence', {
        userId,
        online: false,
        lastSeenAt: null,
      });
    }
    return { userId: input.userId, blocked: true };
  },

  'user:unblock'(server, { userId }, input) {
    notSelf(userId, input.userId, 'unblock');
    const list = server.state.blocks.get(userId) ?? [];
    if (list.includes(input.userId)) {
      server.state.blocks.set(
        userId,
        list.filter((id) => id !== input.userId),
      );
      server.toUsers([input.userId], 'presence', server.presenceOf(userId));
    }
    return { userId: input.userId, blocked: false };
  },

  'user:blocks'(server, { userId }) {
    return { userIds: [...(server.state.blocks.get(userId) ?? [])] };
  },

  'message:report'(server, { userId }, input) {
    const conversation = server.state.require(input.conversationId, userId);
    if (!conversation.messages.some((m) => m.id === input.messageId)) {
      throw new ChatError('not_found', 'unable to report message: no such message');
    }
    server.state.reports.push({
      reporterId: userId,
      conversationId: input.conversationId,
      messageId: input.messageId,
      reason: input.reason,
    });
    return { reported: true };
  },
};

function notSelf(userId: string, other: string, action: string) {
  if (other === userId) {
    throw new ChatError('bad_request', `unable to ${action} user: you cannot ${action} yourself`, {
      issues: [{ path: 'userId', message: 'must be someone other than you' }],
    });
  }
}

/** `forbidden` when either side of a direct conversation blocks the other. */
export function checkNotBlocked(
  server: MemoryServer,
  userId: string,
  other: string,
  action: string,
) {
  if (server.state.isBlocking(userId, other) || server.state.isBlocking(other, userId)) {
    throw new ChatError('forbidden', `unable to ${action}: one of you blocked the other`);
  }
}

/** A banned user's every request is refused, as server-kit does before any handler runs. */
export function checkNotBanned(server: MemoryServer, userId: string, name: RequestName | string) {
  const reason = server.state.banned.get(userId);
  if (reason !== undefined) throw new ChatError('banned', `unable to ${name}: ${reason}`);
}
