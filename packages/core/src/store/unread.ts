import type { Conversation, Message } from '../protocol';
import { indexOfSeq } from './timeline';

/**
 * Unread bookkeeping for a conversation summary. A summary's `unreadCount`
 * comes from the server, which counts with the rule below; between two
 * summaries the store keeps it right from what it sees (live messages,
 * history pages, receipts), recounting exactly whenever the held messages
 * cover everything after the read watermark.
 */

/**
 * The one unread rule, the same the server counts with: a message is unread
 * when someone else sent it, it is after my read watermark, and it is not
 * deleted.
 */
export function isUnread(message: Message, me: string, readSeq: number): boolean {
  return message.senderId !== me && message.seq > readSeq && message.deletedAt === null;
}

/** An unread message (by the rule above) whose mentions name me: what `unreadMentions` counts. */
export function isUnreadMention(message: Message, me: string, readSeq: number): boolean {
  return (
    isUnread(message, me, readSeq) &&
    (message.mentions ?? []).some((mention) => mention.userId === me)
  );
}

/** Which messages a count counts. */
type UnreadRule = (message: Message, me: string, readSeq: number) => boolean;

/**
 * The two counts a summary keeps, each by its rule. Every function below keeps both, so
 * the mention count moves exactly when, and by the same reasoning as, the unread count.
 */
const tallies: readonly { field: 'unreadCount' | 'unreadMentions'; rule: UnreadRule }[] = [
  { field: 'unreadCount', rule: isUnread },
  { field: 'unreadMentions', rule: isUnreadMention },
];

/** Both counts of a summary. */
export type UnreadCounts = Pick<Conversation, 'unreadCount' | 'unreadMentions'>;

/** My read watermark in a conversation; undefined when I am not (yet) listed as a participant. */
export function readSeqOf(conversation: Conversation, me: string): number | undefined {
  return conversation.participants.find((p) => p.userId === me)?.lastReadSeq;
}

/**
 * Unread messages after `readSeq`, if the held messages cover the whole range
 * up to `lastSeq` (otherwise the count cannot be known here: null).
 */
export function countUnread(
  messages: Message[],
  me: string,
  readSeq: number,
  lastSeq: number,
  rule: UnreadRule = isUnread,
): number | null {
  if (readSeq >= lastSeq) return 0;
  const from = indexOfSeq(messages, readSeq + 1);
  const held = messages.slice(from);
  const contiguous = held.length === lastSeq - readSeq && held[0]?.seq === readSeq + 1;
  if (!contiguous) return null;
  return held.filter((m) => rule(m, me, readSeq)).length;
}

/** Unread messages among `messages` that are also after `afterSeq` (beyond what a summary counted). */
export function unreadAfter(
  messages: Message[],
  me: string,
  readSeq: number,
  afterSeq: number,
  rule: UnreadRule = isUnread,
): number {
  return messages.filter((m) => m.seq > afterSeq && rule(m, me, readSeq)).length;
}

function withUnread(
  conversation: Conversation,
  field: keyof UnreadCounts,
  count: number,
): Conversation {
  return count === conversation[field] ? conversation : { ...conversation, [field]: count };
}

/**
 * The server moves a sender's watermarks to each message they send. Unread
 * drops to 0 only when that message is the newest: a resent copy of an older
 * one leaves newer messages from others unread.
 */
export function ownMessageSeen(
  conversation: Conversation,
  me: string,
  seq: number,
  isNewest: boolean,
): Conversation {
  let changed = false;
  const participants = conversation.participants.map((p) => {
    if (p.userId !== me || p.lastReadSeq >= seq) return p;
    changed = true;
    return { ...p, lastReadSeq: seq, lastDeliveredSeq: Math.max(p.lastDeliveredSeq, seq) };
  });
  const counts = isNewest ? { unreadCount: 0, unreadMentions: 0 } : {};
  if (
    !changed &&
    (!isNewest || (conversation.unreadCount === 0 && conversation.unreadMentions === 0))
  )
    return conversation;
  return { ...conversation, participants, ...counts };
}

export interface ReceivedMessage {
  /** The message as it arrived. */
  message: Message;
  /** The copy the timeline held for this seq before it arrived; undefined when it is new. */
  previous: Message | undefined;
  /** The copy the timeline holds now (the fresher of the two). */
  kept: Message;
  /** The summary's `lastSeq` before this message moved it. */
  lastSeqBefore: number;
  /** Every message held for the conversation, this one included. */
  held: Message[];
}

/**
 * Unread after one message from the server (live, or the ack of an own send)
 * was applied to the timeline and `conversation`'s last message.
 *
 * Beyond the summary's `lastSeq` the server has not counted the message yet:
 * a new unread one adds one. Within it, the server's count already reflects
 * it, so it changes only when the message stops being unread (deleted), or
 * when the held messages allow an exact recount.
 */
export function unreadOnReceived(
  conversation: Conversation,
  me: string,
  { message, previous, kept, lastSeqBefore, held }: ReceivedMessage,
): Conversation {
  if (message.senderId === me) {
    // A copy already held, not beyond the summary: the server moved the watermark when it was first sent.
    if (previous !== undefined && message.seq <= lastSeqBefore) return conversation;
    return ownMessageSeen(conversation, me, message.seq, message.seq >= lastSeqBefore);
  }
  const readSeq = readSeqOf(conversation, me);
  if (readSeq === undefined) return conversation;
  let next = conversation;
  for (const { field, rule } of tallies) {
    const was = previous !== undefined && rule(previous, me, readSeq);
    const now = rule(kept, me, readSeq);
    if (was === now) continue;
    if (message.seq > lastSeqBefore) {
      // Held before the summary knew of it (a page counts its own messages): only a new one counts here.
      if (previous === undefined) next = withUnread(next, field, next[field] + 1);
      continue;
    }
    const counted = countUnread(held, me, readSeq, next.lastSeq, rule);
    if (counted !== null) next = withUnread(next, field, counted);
    // A new message inside the range may already be in the server's count: keep it until the next summary.
    else if (previous !== undefined) {
      // A held message that stopped counting (deleted, or edited to no longer name me) or
      // started (edited to name me): the server's count moved with it.
      next = withUnread(next, field, Math.max(0, next[field] + (now ? 1 : -1)));
    }
  }
  return next;
}

/**
 * Unread after my read watermark moved from `readBefore` (a receipt of mine,
 * merged into `conversation`'s participants). Recounted when the held
 * messages cover everything after the watermark; else, when they cover the
 * messages just read (a window away from the present), the count drops by
 * those that were unread; else the server's count stays until the next summary.
 */
export function unreadOnRead(
  conversation: Conversation,
  me: string,
  held: Message[],
  readBefore: number,
) {
  const readSeq = readSeqOf(conversation, me);
  if (readSeq === undefined) return conversation;
  const from = indexOfSeq(held, readBefore + 1);
  const read = held.slice(from, indexOfSeq(held, readSeq + 1));
  const covered = read.length === readSeq - readBefore && read[0]?.seq === readBefore + 1;
  let next = conversation;
  for (const { field, rule } of tallies) {
    const counted =
      countUnread(held, me, readSeq, next.lastSeq, rule) ??
      (covered
        ? Math.max(0, next[field] - read.filter((m) => rule(m, me, readBefore)).length)
        : null);
    if (counted !== null) next = withUnread(next, field, counted);
  }
  return next;
}

/**
 * The unread count of a summary read on the server before messages that the
 * store already applied (its `lastSeq` is behind `lastSeq`): exact from the
 * held messages when they cover the range, else the summary's count plus the
 * held messages it could not count.
 */
export function unreadOfStaleSummary(
  incoming: Conversation,
  me: string,
  lastSeq: number,
  held: Message[],
): UnreadCounts {
  const readSeq = readSeqOf(incoming, me) ?? 0;
  const count = (field: keyof UnreadCounts, rule: UnreadRule) =>
    countUnread(held, me, readSeq, lastSeq, rule) ??
    incoming[field] + unreadAfter(held, me, readSeq, incoming.lastSeq, rule);
  return {
    unreadCount: count('unreadCount', isUnread),
    unreadMentions: count('unreadMentions', isUnreadMention),
  };
}

/**
 * Unread after a history page was merged. A page (gap-fill) can bring
 * messages beyond the summary's `lastSeq`, which a live copy arriving later
 * will not count again (it is no longer new): count them here. Own messages
 * in the page move my read watermark, as the server did when they were sent.
 *
 * @param before the summary before the page, whose count covers up to its `lastSeq`
 * @param current the summary after the page moved its last message
 */
export function unreadOnPage(
  before: Conversation,
  current: Conversation,
  me: string,
  page: Message[],
  held: Message[],
): Conversation {
  const ownSeq = page.reduce((top, m) => (m.senderId === me && m.seq > top ? m.seq : top), 0);
  const conversation = ownMessageSeen(current, me, ownSeq, false);
  const readSeq = readSeqOf(conversation, me) ?? 0;
  let next = conversation;
  for (const { field, rule } of tallies) {
    // Everything the summary counted is at or before an own message newer than it: read now.
    const counted = ownSeq >= before.lastSeq ? 0 : next[field];
    const count =
      countUnread(held, me, readSeq, next.lastSeq, rule) ??
      counted + unreadAfter(page, me, readSeq, before.lastSeq, rule);
    next = withUnread(next, field, count);
  }
  return next;
}
