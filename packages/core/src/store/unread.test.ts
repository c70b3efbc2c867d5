import { describe, expect, it } from 'vitest';
import { at, conversation, me, message, participant } from '../../test/fixtures';
import type { Conversation, Message } from '../protocol';
import {
  countUnread,
  isUnread,
  isUnreadMention,
  ownMessageSeen,
  type ReceivedMessage,
  unreadOfStaleSummary,
  unreadOnPage,
  unreadOnRead,
  unreadOnReceived,
} from './unread';

/** A conversation whose summary counted up to `lastSeq`, with my read watermark at `readSeq`. */
const summary = (lastSeq: number, readSeq: number, unreadCount: number): Conversation =>
  conversation('c1', {
    lastSeq,
    lastActivityAt: at(lastSeq),
    unreadCount,
    participants: [participant(me, readSeq), participant('bob', lastSeq)],
  });

const seqs = (...list: number[]) => list.map((seq) => message(seq));

/** A message arriving that the timeline did not hold, with `held` what it holds afterwards. */
const arriving = (m: Message, lastSeqBefore: number, held: Message[] = [m]): ReceivedMessage => ({
  message: m,
  previous: undefined,
  kept: m,
  lastSeqBefore,
  held,
});

describe('the unread rule', () => {
  it('counts a message from someone else, after my read watermark, not deleted', () => {
    expect(isUnread(message(5), me, 4)).toBe(true);
    expect(isUnread(message(5), me, 5)).toBe(false);
    expect(isUnread(message(5, { senderId: me }), me, 4)).toBe(false);
    expect(isUnread(message(5, { deletedAt: at(6), body: '' }), me, 4)).toBe(false);
  });

  it('counts exactly only when the held messages cover everything after the watermark', () => {
    const held = [4, 5, 6, 7].map((s) => message(s, { senderId: s === 5 ? me : 'bob' }));
    expect(countUnread(held, me, 3, 7)).toBe(3);
    expect(countUnread(held, me, 1, 7)).toBeNull();
    expect(countUnread(held, me, 7, 7)).toBe(0);
    expect(countUnread([message(4), message(6)], me, 3, 6)).toBeNull();
  });
});

describe('unread when a message arrives', () => {
  it('adds one for a new message from someone else beyond what the summary counted', () => {
    const next = unreadOnReceived(summary(5, 3, 2), me, arriving(message(6), 5));
    expect(next.unreadCount).toBe(3);
  });

  it('adds nothing for a message already read, deleted, or sent by me to someone else', () => {
    const start = summary(5, 5, 0);
    expect(unreadOnReceived(start, me, arriving(message(5), 5))).toBe(start);
    const deleted = message(6, { deletedAt: at(6), body: '' });
    expect(unreadOnReceived(start, me, arriving(deleted, 5))).toBe(start);
  });

  it('reads everything up to my own newest message, as the server does when I send', () => {
    const next = unreadOnReceived(summary(5, 2, 3), me, arriving(message(6, { senderId: me }), 5));
    expect(next.unreadCount).toBe(0);
    expect(next.participants.find((p) => p.userId === me)?.lastReadSeq).toBe(6);
  });

  it('keeps newer messages unread when an older own message arrives again', () => {
    const start = summary(10, 7, 3);
    const next = unreadOnReceived(start, me, arriving(message(4, { senderId: me }), 10));
    expect(next.unreadCount).toBe(3);
  });

  it('does not count again a message inside the summary, unless it can recount exactly', () => {
    const start = summary(5, 3, 2);
    expect(unreadOnReceived(start, me, arriving(message(5), 5))).toBe(start);
    const covered = unreadOnReceived(start, me, arriving(message(5), 5, seqs(4, 5)));
    expect(covered).toBe(start);
  });

  it('stops counting a message from someone else once it is deleted', () => {
    const start = summary(8, 3, 4);
    const held = message(6);
    const deleted = message(6, { deletedAt: at(9), body: '' });
    const next = unreadOnReceived(start, me, {
      message: deleted,
      previous: held,
      kept: deleted,
      lastSeqBefore: 8,
      // Messages 4 and 5 are not held: the count is adjusted, not recounted.
      held: [held, message(7), message(8)],
    });
    expect(next.unreadCount).toBe(3);
  });

  it('recounts when a message is deleted and the held messages cover the range', () => {
    const start = summary(6, 3, 9);
    const deleted = message(5, { deletedAt: at(9), body: '' });
    const next = unreadOnReceived(start, me, {
      message: deleted,
      previous: message(5),
      kept: deleted,
      lastSeqBefore: 6,
      held: [message(4), deleted, message(6)],
    });
    expect(next.unreadCount).toBe(2);
  });

  it('ignores a stale copy of a message that is already deleted', () => {
    const start = summary(6, 3, 2);
    const deleted = message(5, { deletedAt: at(9), body: '' });
    const next = unreadOnReceived(start, me, {
      message: message(5),
      previous: deleted,
      kept: deleted,
      lastSeqBefore: 6,
      held: [deleted, message(6)],
    });
    expect(next).toBe(start);
  });
});

describe('unread when my read watermark moves', () => {
  it('recounts from the held messages when they cover the range', () => {
    const start = summary(4, 2, 9);
    expect(unreadOnRead(start, me, seqs(1, 2, 3, 4), 0).unreadCount).toBe(2);
  });

  it("keeps the server's count when they do not", () => {
    const start = summary(10, 4, 6);
    expect(unreadOnRead(start, me, seqs(9, 10), 2)).toBe(start);
  });

  it('takes off the messages just read when those are held, though not all after them (a window away from the present)', () => {
    const window = Array.from({ length: 20 }, (_, i) => message(21 + i));
    // Read from 20 up to 30: ten of Bob's messages, all unread before.
    expect(unreadOnRead(summary(100, 30, 80), me, window, 20).unreadCount).toBe(70);
    // Read up to 45, beyond the window: not known here, so the server's count stays.
    const start = summary(100, 45, 80);
    expect(unreadOnRead(start, me, window, 20)).toBe(start);
  });
});

describe('unread of a summary older than the messages held', () => {
  it('counts exactly when the held messages cover the range', () => {
    expect(unreadOfStaleSummary(summary(2, 0, 2), me, 3, seqs(1, 2, 3)).unreadCount).toBe(3);
  });

  it('adds the held messages beyond the summary to its count when they do not', () => {
    expect(unreadOfStaleSummary(summary(5, 0, 4), me, 7, seqs(6, 7)).unreadCount).toBe(6);
  });
});

describe('unread after a history page', () => {
  it('counts the messages a gap-fill page brings beyond the summary', () => {
    const before = summary(5, 3, 2);
    const current = { ...before, lastSeq: 6 };
    expect(unreadOnPage(before, current, me, seqs(6), seqs(6)).unreadCount).toBe(3);
  });

  it('reads everything up to an own message in the page', () => {
    const before = summary(6, 3, 3);
    const page = [message(7, { senderId: me }), message(8)];
    const current = { ...before, lastSeq: 8 };
    const next = unreadOnPage(before, current, me, page, page);
    expect(next.unreadCount).toBe(1);
    expect(next.participants.find((p) => p.userId === me)?.lastReadSeq).toBe(7);
  });

  it('changes nothing for an older page inside the summary', () => {
    const start = summary(10, 4, 6);
    expect(unreadOnPage(start, start, me, seqs(1, 2), seqs(1, 2, 9, 10))).toBe(start);
  });
});

describe('ownMessageSeen', () => {
  it('moves my watermarks forward, never back', () => {
    const start = summary(10, 7, 3);
    expect(ownMessageSeen(start, me, 4, false)).toBe(start);
    expect(ownMessageSeen(start, me, 9, false).participants[0]).toMatchObject({
      lastReadSeq: 9,
      lastDeliveredSeq: 9,
    });
  });
});

describe('unread mentions', () => {
  const naming = (seq: number, userId = me, over: Partial<Message> = {}) =>
    message(seq, { body: 'hey me', mentions: [{ userId, start: 4, end: 6 }], ...over });
  const withMentions = (base: Conversation, unreadMentions: number) => ({
    ...base,
    unreadMentions,
  });

  it('counts an unread message from someone else that names me, by the unread rule', () => {
    expect(isUnreadMention(naming(5), me, 4)).toBe(true);
    expect(isUnreadMention(naming(5, 'cat'), me, 4)).toBe(false);
    expect(isUnreadMention(naming(5), me, 5)).toBe(false);
    expect(isUnreadMention(naming(5, me, { senderId: me }), me, 4)).toBe(false);
    expect(isUnreadMention(message(5), me, 4)).toBe(false);
  });

  it('adds one for a new message naming me, none for one naming someone else', () => {
    const start = withMentions(summary(5, 3, 2), 1);
    const named = unreadOnReceived(start, me, arriving(naming(6), 5));
    expect([named.unreadCount, named.unreadMentions]).toEqual([3, 2]);
    const other = unreadOnReceived(start, me, arriving(naming(6, 'cat'), 5));
    expect([other.unreadCount, other.unreadMentions]).toEqual([3, 1]);
  });

  it('drops a held mention that is deleted or edited away, and counts one edited in', () => {
    const start = withMentions(summary(10, 4, 6), 1);
    const before = naming(9);
    const deleted = { ...before, deletedAt: at(11), body: '', mentions: [] };
    const gone = unreadOnReceived(start, me, {
      message: deleted,
      previous: before,
      kept: deleted,
      lastSeqBefore: 10,
      held: [deleted],
    });
    expect([gone.unreadCount, gone.unreadMentions]).toEqual([5, 0]);
    const plain = message(8);
    const edited = { ...naming(8), editedAt: at(12) };
    const added = unreadOnReceived(start, me, {
      message: edited,
      previous: plain,
      kept: edited,
      lastSeqBefore: 10,
      held: [edited],
    });
    expect([added.unreadCount, added.unreadMentions]).toEqual([6, 2]);
  });

  it('recounts from held messages when I read, and resets when I send the newest message', () => {
    const held = [naming(4), message(5), naming(6)];
    const start = withMentions(summary(6, 3, 3), 2);
    const read = unreadOnRead(
      { ...start, participants: [participant(me, 4), participant('bob', 6)] },
      me,
      held,
      3,
    );
    expect([read.unreadCount, read.unreadMentions]).toEqual([2, 1]);
    const sent = ownMessageSeen(start, me, 7, true);
    expect([sent.unreadCount, sent.unreadMentions]).toEqual([0, 0]);
  });

  it('keeps a stale summary’s mentions and adds those it did not count', () => {
    const stale = withMentions(summary(5, 0, 4), 1);
    expect(unreadOfStaleSummary(stale, me, 7, [naming(6), message(7)])).toEqual({
      unreadCount: 6,
      unreadMentions: 2,
    });
  });

  it('counts mentions a gap-fill page brings beyond the summary', () => {
    const before = withMentions(summary(5, 3, 2), 0);
    const page = [naming(6), message(7)];
    const next = unreadOnPage(before, { ...before, lastSeq: 7 }, me, page, page);
    expect([next.unreadCount, next.unreadMentions]).toEqual([4, 1]);
  });
});
