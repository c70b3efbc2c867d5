import type { Message, Reaction } from '../protocol';

/**
 * Events sent to a whole conversation carry reactions without the viewer's
 * `reacted` flag (docs/protocol.md §6). When the users named are all of them
 * (count within the names shown), they say it; otherwise keep what the held
 * copy knew, and take the viewer being among the users named as a yes.
 */
export function withKnownReactions(
  incoming: Message,
  held: Message | undefined,
  me: string,
): Message {
  if (incoming.reactions.every((reaction) => reaction.reacted !== undefined)) return incoming;
  const known = new Map(held?.reactions.map((reaction) => [reaction.emoji, reaction.reacted]));
  return {
    ...incoming,
    reactions: incoming.reactions.map((reaction) =>
      reaction.reacted !== undefined
        ? reaction
        : {
            ...reaction,
            reacted:
              reaction.userIds.includes(me) ||
              (reaction.userIds.length < reaction.count && known.get(reaction.emoji) === true),
          },
    ),
  };
}

/** The viewer's own reaction changed (on this or another of their devices). */
export function withOwnReaction(message: Message, emoji: string, reacted: boolean): Message {
  return {
    ...message,
    reactions: message.reactions.map((reaction) =>
      reaction.emoji === emoji ? { ...reaction, reacted } : reaction,
    ),
  };
}

/** Reactions as they will be once the viewer's reaction is added or removed: the optimistic view. */
export function applyOwnReaction(
  reactions: Reaction[],
  emoji: string,
  add: boolean,
  me: string,
  shown: number,
): Reaction[] {
  const existing = reactions.find((reaction) => reaction.emoji === emoji);
  if (add) {
    if (existing?.reacted) return reactions;
    if (!existing) return [...reactions, { emoji, count: 1, userIds: [me], reacted: true }];
    return reactions.map((reaction) =>
      reaction === existing
        ? {
            ...reaction,
            count: reaction.count + 1,
            userIds: reaction.userIds.length < shown ? [...reaction.userIds, me] : reaction.userIds,
            reacted: true,
          }
        : reaction,
    );
  }
  if (!existing?.reacted) return reactions;
  if (existing.count <= 1) return reactions.filter((reaction) => reaction !== existing);
  return reactions.map((reaction) =>
    reaction === existing
      ? {
          ...reaction,
          count: reaction.count - 1,
          userIds: reaction.userIds.filter((id) => id !== me),
          reacted: false,
        }
      : reaction,
  );
}
