import { ChatError, type Message, protocolLimits, type Reaction } from '../../protocol';

/** Who reacted with what on one message, in the order the reactions were made. */
export type ReactionRecords = { userId: string; emoji: string }[];

/** The aggregate every reader sees: emoji in order of first use, the first users of each. */
export function summarize(records: ReactionRecords): Reaction[] {
  const byEmoji = new Map<string, Reaction>();
  for (const { userId, emoji } of records) {
    const reaction = byEmoji.get(emoji) ?? { emoji, count: 0, userIds: [] };
    reaction.count += 1;
    if (reaction.userIds.length < protocolLimits.reactionUsersShown) reaction.userIds.push(userId);
    byEmoji.set(emoji, reaction);
  }
  return [...byEmoji.values()];
}

/** The message as one viewer sees it: each reaction says whether the viewer made it. */
export function forViewer(message: Message, records: ReactionRecords, viewerId: string): Message {
  const mine = new Set(records.filter((r) => r.userId === viewerId).map((r) => r.emoji));
  return {
    ...message,
    reactions: message.reactions.map((reaction) => ({
      ...reaction,
      reacted: mine.has(reaction.emoji),
    })),
  };
}

/** Adds a reaction within the caps; false when the user already had it. */
export function addRecord(records: ReactionRecords, userId: string, emoji: string): boolean {
  if (records.some((r) => r.userId === userId && r.emoji === emoji)) return false;
  const emojis = new Set(records.map((r) => r.emoji));
  if (!emojis.has(emoji) && emojis.size >= protocolLimits.reactionEmojiPerMessage) {
    throw new ChatError(
      'limit_reached',
      `unable to react: a message holds at most ${protocolLimits.reactionEmojiPerMessage} different reactions`,
    );
  }
  const own = records.filter((r) => r.userId === userId).length;
  if (own >= protocolLimits.reactionsPerUserPerMessage) {
    throw new ChatError(
      'limit_reached',
      `unable to react: at most ${protocolLimits.reactionsPerUserPerMessage} different reactions of yours on one message`,
    );
  }
  records.push({ userId, emoji });
  return true;
}

/** Removes a reaction; false when the user did not have it. */
export function removeRecord(records: ReactionRecords, userId: string, emoji: string): boolean {
  const index = records.findIndex((r) => r.userId === userId && r.emoji === emoji);
  if (index === -1) return false;
  records.splice(index, 1);
  return true;
}
