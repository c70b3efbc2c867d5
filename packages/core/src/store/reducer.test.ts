import { describe, expect, it, vi } from 'vitest';
import { at, conversation, me, message, participant } from '../../test/fixtures';
import type { Conversation, Message } from '../protocol';
import type { Action } from './actions';
import { reduce } from './reducer';
import { type ChatState, initialState, type PendingMessage } from './state';
import { createStore } from './store';

function pending(clientId: string, over: Partial<PendingMessage> = {}): PendingMessage {
  return {
    clientId,
    conversationId: 'c1',
    senderId: me,
    kind: 'text',
    body: `draft ${clientId}`,
    attachments: [],
    replyTo: null,
    createdAt: at(0),
    status: 'sending',
    error: null,
    ...over,
  };
}

const apply = (state: ChatState, ...actions: Action[]) => actions.reduce(reduce, state);
const withConversations = (...conversations: Conversation[]) =>
  apply(initialState(me), { type: 'conversationsLoaded', conversations });
const received = (m: Message): Action => ({ type: 'received', message: m });
const page = (
  messages: Message[],
  position: 'newest' | 'older' | 'newer' | 'changes',
  hasMore = false,
  conversationId = 'c1',
): Action => ({ type: 'historyLoaded', conversationId, messages, position, hasMore });

const seqs = (state: ChatState, id = 'c1') => state.timelines[id]?.messages.map((m) => m.seq);
const unread = (state: ChatState, id = 'c1') => state.conversations[id]?.unreadCount;

describe('reduce: identity', () => {
  it('leaves every other conversation, timeline and map entry identical when one conversation changes', () => {
    const before = apply(
      withConversations(conversation('c1'), conversation('c2')),
      page([message(1)], 'newest'),
      page([message(1, { conversationId: 'c2' })], 'newest', false, 'c2'),
      { type: 'typing', conversationId: 'c2', userId: 'bob', typing: true },
    );

    const after = reduce(before, received(message(2)));

    expect(after.conversations.c1).not.toBe(before.conversations.c1);
    expect(after.timelines.c1).not.toBe(before.timelines.c1);
    expect(after.conversations.c2).toBe(before.conversations.c2);
    expect(after.timelines.c2).toBe(before.timelines.c2);
    expect(after.typing).toBe(before.typing);
    expect(after.presence).toBe(before.presence);
    expect(after.users).toBe(before.users);
    expect(after.connection).toBe(before.connection);
  });

  it('keeps the untouched branches when only typing changes', () => {
    const before = withConversations(conversation('c1'));
    const after = reduce(before, {
      type: 'typing',
      conversationId: 'c1',
      userId: 'bob',
      typing: true,
    });
    expect(after.conversations).toBe(before.conversations);
    expect(after.timelines).toBe(before.timelines);
    expect(after.conversationOrder).toBe(before.conversationOrder);
  });

  it('returns the same state for an action that changes nothing', () => {
    const m = message(1);
    const state = apply(
      withConversations(conversation('c1')),
      page([m], 'newest'),
      received(m),
      { type: 'typing', conversationId: 'c1', userId: 'bob', typing: true },
      { type: 'presence', presence: [{ userId: 'bob', online: true, lastSeenAt: null }] },
      { type: 'users', users: [{ id: 'bob', name: 'Bob' }] },
      { type: 'queued', message: pending('p1') },
      {
        type: 'connectionChanged',
        status: 'connected',
        reason: 'up',
        attempt: 0,
        error: null,
        deviceOffline: false,
      },
    );

    const noOps: Action[] = [
      received(m),
      page([m], 'newest'),
      { type: 'typing', conversationId: 'c1', userId: 'bob', typing: true },
      { type: 'typing', conversationId: 'c1', userId: 'carol', typing: false },
      { type: 'presence', presence: [{ userId: 'bob', online: true, lastSeenAt: null }] },
      { type: 'users', users: [{ id: 'bob', name: 'Bob' }] },
      {
        type: 'conversationUpserted',
        conversation: { ...(state.conversations.c1 as Conversation) },
      },
      {
        type: 'connectionChanged',
        status: 'connected',
        reason: 'up',
        attempt: 0,
        error: null,
        deviceOffline: false,
      },
      { type: 'sendRetried', clientId: 'p1' },
      {
        type: 'sendFailed',
        clientId: 'unknown',
        error: { code: 'rejected', message: 'no', retryable: false },
      },
      { type: 'sendDiscarded', clientId: 'unknown' },
      {
        type: 'receipt',
        receipt: { conversationId: 'c1', userId: 'bob', lastReadSeq: 0, lastDeliveredSeq: 0 },
      },
      { type: 'conversationRemoved', conversationId: 'nope' },
    ];
    for (const action of noOps) expect(reduce(state, action), action.type).toBe(state);
  });

  it('returns the same state when an equal copy of the newest message arrives again', () => {
    const state = apply(withConversations(conversation('c1')), received(message(1)));
    expect(reduce(state, received({ ...message(1) }))).toBe(state);
  });
});

describe('reduce: received', () => {
  it('keeps messages that arrive out of order in seq order, without duplicates', () => {
    const state = apply(
      withConversations(conversation('c1')),
      received(message(3)),
      received(message(1)),
      received(message(2)),
      received(message(2)),
      received(message(3)),
    );
    expect(seqs(state)).toEqual([1, 2, 3]);
  });

  it('replaces a message with its edited copy, then with its deleted copy', () => {
    const edited = message(1, { body: 'fixed typo', editedAt: at(5) });
    const deleted = message(1, { body: '', editedAt: at(5), deletedAt: at(6) });
    const afterEdit = apply(
      withConversations(conversation('c1')),
      received(message(1)),
      received(edited),
    );
    expect(afterEdit.timelines.c1?.messages).toEqual([edited]);
    expect(reduce(afterEdit, received(deleted)).timelines.c1?.messages).toEqual([deleted]);
  });

  it('never lets a stale copy revert an edit or a delete in the timeline', () => {
    const edited = message(1, { body: 'fixed typo', editedAt: at(5) });
    const deleted = message(2, { body: '', deletedAt: at(6) });
    const state = apply(
      withConversations(conversation('c1')),
      received(edited),
      received(deleted),
      received(message(1)),
      received(message(2)),
      received(message(1, { body: 'older edit', editedAt: at(4) })),
      page([message(1), message(2, { editedAt: at(7), body: 'late edit' })], 'changes'),
    );
    expect(state.timelines.c1?.messages).toEqual([edited, deleted]);
  });

  it('never lets a stale copy revert an edit in the conversation preview', () => {
    const edited = message(1, { body: 'fixed typo', editedAt: at(5) });
    const state = apply(
      withConversations(conversation('c1')),
      received(edited),
      received(message(1)),
    );
    expect(state.conversations.c1?.lastMessage?.body).toBe('fixed typo');
  });

  it('turns an own pending message into the confirmed one with the same clientId', () => {
    const state = apply(
      withConversations(conversation('c1')),
      { type: 'queued', message: pending('p1') },
      { type: 'queued', message: pending('p2') },
      received(message(1, { senderId: me, clientId: 'p1' })),
    );
    expect(state.timelines.c1?.pending.map((p) => p.clientId)).toEqual(['p2']);
    expect(state.timelines.c1?.messages.map((m) => m.clientId)).toEqual(['p1']);
  });

  it("keeps an own pending message when another user's message has the same clientId", () => {
    const state = apply(
      withConversations(conversation('c1')),
      { type: 'queued', message: pending('p1') },
      received(message(1, { senderId: 'bob', clientId: 'p1' })),
    );
    expect(state.timelines.c1?.pending.map((p) => p.clientId)).toEqual(['p1']);
  });
});

describe('reduce: historyLoaded', () => {
  it('marks the newest page loaded and takes hasMoreBefore from it, merging live messages held', () => {
    const state = apply(
      withConversations(conversation('c1')),
      received(message(4)),
      page([message(3), message(2), message(4)], 'newest', true),
    );
    expect(seqs(state)).toEqual([2, 3, 4]);
    expect(state.timelines.c1).toMatchObject({ loaded: true, hasMoreBefore: true });
  });

  it('prepends an older page, takes its hasMore and stops loading', () => {
    const state = apply(
      withConversations(conversation('c1')),
      page([message(3), message(4)], 'newest', true),
      { type: 'historyLoading', conversationId: 'c1' },
      page([message(1), message(2), message(3)], 'older', false),
    );
    expect(seqs(state)).toEqual([1, 2, 3, 4]);
    expect(state.timelines.c1).toMatchObject({ hasMoreBefore: false, loadingOlder: false });
  });

  it('appends a newer page to a window away from the present without touching hasMoreBefore', () => {
    const state = apply(
      withConversations(conversation('c1')),
      {
        type: 'historyLoaded',
        conversationId: 'c1',
        messages: [message(3)],
        position: 'around',
        hasMore: true,
        hasMoreAfter: true,
      },
      page([message(3), message(5), message(4)], 'newer', false),
    );
    expect(seqs(state)).toEqual([3, 4, 5]);
    expect(state.timelines.c1).toMatchObject({
      loaded: true,
      hasMoreBefore: true,
      hasMoreAfter: false,
    });
  });

  it('does not reset hasMoreBefore when the newest page is loaded again', () => {
    const state = apply(
      withConversations(conversation('c1')),
      page([message(3)], 'newest', true),
      page([message(3)], 'newest', false),
    );
    expect(state.timelines.c1?.hasMoreBefore).toBe(true);
  });

  it('confirms own pending messages found in a page', () => {
    const state = apply(
      withConversations(conversation('c1')),
      { type: 'queued', message: pending('p1') },
      page([message(1, { senderId: me, clientId: 'p1' })], 'newest'),
    );
    expect(state.timelines.c1?.pending).toEqual([]);
  });

  it("keeps an own pending message when a page holds another user's message with its clientId", () => {
    const state = apply(
      withConversations(conversation('c1')),
      { type: 'queued', message: pending('p1') },
      page([message(1, { senderId: 'bob', clientId: 'p1' })], 'newest'),
    );
    expect(state.timelines.c1?.pending.map((p) => p.clientId)).toEqual(['p1']);
  });
});

describe('reduce: the change feed', () => {
  const cursor = (state: ChatState) => state.timelines.c1?.changeCursor;
  const changes = (messages: Message[], lastChange: number): Action => ({
    type: 'changesLoaded',
    conversationId: 'c1',
    messages,
    lastChange,
  });

  it('keeps the copy at the higher change, whatever the clocks of the nodes that stamped them', () => {
    const later = message(1, { body: 'second edit', editedAt: at(8), change: 7 });
    const earlier = message(1, { body: 'first edit', editedAt: at(9), change: 5 });
    const state = apply(withConversations(conversation('c1')), received(later), received(earlier));
    expect(state.timelines.c1?.messages).toEqual([later]);
  });

  it('starts the cursor at the newest page, and moves it only with the very next change', () => {
    let state = apply(
      withConversations(conversation('c1')),
      page([message(1), message(2)], 'newest', true),
    );
    expect(cursor(state)).toBe(2);
    state = apply(state, received(message(3)));
    expect(cursor(state)).toBe(3);
    // Change 5 arrives with 4 missing: the cursor waits for the feed.
    state = apply(state, received(message(5)));
    expect(cursor(state)).toBe(3);
    // An older page read later never moves it (its changes may skip others).
    state = apply(state, page([message(0, { change: 9 })], 'older'));
    expect(cursor(state)).toBe(3);
  });

  it('applies a page of changes inside the loaded window and newer, and leaves older ones', () => {
    let state = apply(
      withConversations(conversation('c1')),
      page([message(3), message(4)], 'newest', true),
    );
    state = apply(
      state,
      changes(
        [
          message(1, { body: 'edited before the window', editedAt: at(9), change: 5 }),
          message(4, { body: 'edited', editedAt: at(9), change: 6 }),
          message(5, { change: 7 }),
        ],
        7,
      ),
    );
    expect(state.timelines.c1?.messages.map((m) => [m.seq, m.body])).toEqual([
      [3, 'message 3'],
      [4, 'edited'],
      [5, 'message 5'],
    ]);
    expect(cursor(state)).toBe(7);
    // Bob's 3 and 4 from the page, and 5 from the feed: each counted once, the edit not again.
    expect(unread(state)).toBe(3);
  });
});

describe('reduce: a window away from the present', () => {
  const around = (messages: Message[], hasMore: boolean, hasMoreAfter: boolean): Action => ({
    type: 'historyLoaded',
    conversationId: 'c1',
    messages,
    position: 'around',
    hasMore,
    hasMoreAfter,
  });
  const run = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
  const at100 = conversation('c1', { lastSeq: 100, unreadCount: 0 });
  const newest = page(run(91, 100), 'newest', true);

  it('replaces the messages held with a page around a seq that does not meet them, newer ones still to come', () => {
    const state = apply(withConversations(at100), newest, around(run(40, 59), true, true));
    expect(seqs(state)).toEqual(run(40, 59).map((m) => m.seq));
    expect(state.timelines.c1).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
  });

  it('takes a page around a seq as a window of its own even when it meets the messages held', () => {
    const state = apply(withConversations(at100), newest, around(run(80, 95), true, false));
    expect(seqs(state)).toEqual(run(80, 95).map((m) => m.seq));
    // The page said nothing came after it, but the conversation's last seq says otherwise.
    expect(state.timelines.c1).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
  });

  it('keeps no live message beyond the window, yet counts it and moves the summary', () => {
    const state = apply(
      withConversations(at100),
      newest,
      around(run(40, 59), true, true),
      received(message(101)),
    );
    expect(seqs(state)?.at(-1)).toBe(59);
    expect(state.conversations.c1).toMatchObject({ lastSeq: 101, unreadCount: 1 });
  });

  it('pages on to the present, then keeps live messages again', () => {
    let state = apply(withConversations(at100), newest, around(run(80, 89), true, true));
    expect(state.timelines.c1?.hasMoreAfter).toBe(true);
    state = apply(state, page(run(90, 100), 'newer', false), received(message(101)));
    expect(seqs(state)).toEqual(run(80, 101).map((m) => m.seq));
    expect(state.timelines.c1?.hasMoreAfter).toBe(false);
  });

  it('still has more after a newer page read before a live message it does not hold', () => {
    const state = apply(
      withConversations(at100),
      newest,
      around(run(80, 89), true, true),
      { type: 'historyLoading', conversationId: 'c1', newer: true },
      received(message(101)),
      page(run(90, 100), 'newer', false),
    );
    expect(seqs(state)?.at(-1)).toBe(100);
    expect(state.timelines.c1).toMatchObject({ hasMoreAfter: true, loadingNewer: false });
  });

  it('returns to the present when the newest page is loaded again', () => {
    const state = apply(withConversations(at100), newest, around(run(40, 59), true, true), newest);
    expect(seqs(state)).toEqual(run(91, 100).map((m) => m.seq));
    expect(state.timelines.c1).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
  });

  it('merges changes inside the window, and lets changes beyond it move only the summary', () => {
    const state = apply(withConversations(at100), newest, around(run(40, 59), true, true), {
      type: 'changesLoaded',
      conversationId: 'c1',
      messages: [
        message(45, { body: 'edited', editedAt: at(200), change: 120 }),
        message(101, { change: 121 }),
      ],
      lastChange: 121,
    });
    expect(state.timelines.c1?.messages.find((m) => m.seq === 45)?.body).toBe('edited');
    expect(seqs(state)?.at(-1)).toBe(59);
    expect(state.conversations.c1).toMatchObject({ lastSeq: 101 });
    expect(state.timelines.c1?.changeCursor).toBe(121);
  });

  it('never puts a live copy of a message older than the window into it, which would leave a hole', () => {
    const state = apply(
      withConversations(at100),
      newest,
      received(message(10, { body: 'edited', editedAt: at(200), change: 101 })),
    );
    expect(seqs(state)).toEqual(run(91, 100).map((m) => m.seq));
  });

  it('drops a newer page read for a window that was replaced meanwhile, rather than leave a hole', () => {
    const state = apply(
      withConversations(at100),
      newest,
      around(run(40, 59), true, true),
      { type: 'historyLoading', conversationId: 'c1', newer: true },
      newest,
      page(run(60, 79), 'newer', true),
    );
    expect(seqs(state)).toEqual(run(91, 100).map((m) => m.seq));
    expect(state.timelines.c1).toMatchObject({ hasMoreAfter: false, loadingNewer: false });
  });

  it('takes an empty older page as the start of the conversation', () => {
    const state = apply(withConversations(at100), newest, page([], 'older', false));
    expect(state.timelines.c1?.hasMoreBefore).toBe(false);
  });

  it('stays away from the present after the newest page when a message arrived after the server read it', () => {
    const state = apply(
      withConversations(at100),
      newest,
      around(run(40, 59), true, true),
      { type: 'historyLoading', conversationId: 'c1', newer: true },
      received(message(101)),
      newest,
    );
    expect(seqs(state)).toEqual(run(91, 100).map((m) => m.seq));
    // Not at the present: 101 is not held, so the pages after this one are still to load.
    expect(state.timelines.c1).toMatchObject({ hasMoreAfter: true, loadingNewer: false });
  });

  it('keeps copies held inside a replacing page’s range when they are fresher than the page', () => {
    const edited = message(60, { body: 'edited', editedAt: at(200), change: 101 });
    const state = apply(
      withConversations(at100),
      page(run(51, 100), 'newest', true),
      received(edited),
      around(run(20, 69), true, true),
    );
    expect(state.timelines.c1?.messages.find((m) => m.seq === 60)).toEqual(edited);
  });

  it('keeps change-feed copies outside the window for a page on its way', () => {
    const edited = message(65, { body: 'edited', editedAt: at(200), change: 120 });
    const state = apply(
      withConversations(at100),
      newest,
      around(run(40, 59), true, true),
      { type: 'historyLoading', conversationId: 'c1', newer: true },
      { type: 'changesLoaded', conversationId: 'c1', messages: [edited], lastChange: 120 },
      page(run(60, 79), 'newer', true),
    );
    expect(state.timelines.c1?.messages.find((m) => m.seq === 65)).toEqual(edited);
  });

  it('drops a newer page that lands after the window returned to the present', () => {
    const state = apply(
      withConversations(at100),
      newest,
      around(run(40, 59), true, true),
      { type: 'historyLoading', conversationId: 'c1', newer: true },
      page(run(81, 100), 'newest', true),
      page(run(60, 89), 'newer', true),
    );
    expect(seqs(state)).toEqual(run(81, 100).map((m) => m.seq));
    expect(state.timelines.c1?.hasMoreAfter).toBe(false);
  });

  it('keeps a copy that changed while the page holding it was on its way', () => {
    const edited = message(85, { body: 'edited', editedAt: at(200), change: 101 });
    const state = apply(
      withConversations(at100),
      newest,
      { type: 'historyLoading', conversationId: 'c1' },
      received(edited),
      page(run(81, 90), 'older', true),
    );
    expect(state.timelines.c1?.messages.find((m) => m.seq === 85)).toEqual(edited);
    expect(state.timelines.c1).toMatchObject({ loadingOlder: false, lateCopies: [] });
  });

  const offline = { code: 'unavailable', message: 'offline', retryable: true } as const;
  const edited30 = message(30, { body: 'edited', editedAt: at(200), change: 101 });
  /** A window at 40-59 with an older page on its way, and 30 (in that page's range) edited meanwhile. */
  const olderOnItsWay = (...meanwhile: Action[]) =>
    apply(
      withConversations(at100),
      newest,
      around(run(40, 59), true, true),
      { type: 'historyLoading', conversationId: 'c1' },
      ...meanwhile,
      received(edited30),
    );

  it('a failed newer page leaves an older one on its way loading, with the copies it must merge', () => {
    const error = offline;
    const failed = apply(
      olderOnItsWay({ type: 'historyLoading', conversationId: 'c1', newer: true }),
      { type: 'historyFailed', conversationId: 'c1', error, loading: 'loadingNewer' },
    );
    expect(failed.timelines.c1).toMatchObject({ loadingOlder: true, loadingNewer: false, error });
    const landed = apply(failed, page(run(20, 39), 'older', true));
    expect(landed.timelines.c1?.messages.find((m) => m.seq === 30)).toEqual(edited30);
    expect(landed.timelines.c1).toMatchObject({ loadingOlder: false, lateCopies: [], error: null });
  });

  it('a page landing while another load holds the same flag keeps it, and the late copies', () => {
    const edited = message(65, { body: 'edited', editedAt: at(200), change: 101 });
    const state = apply(
      withConversations(at100),
      newest,
      around(run(40, 59), true, true),
      { type: 'historyLoading', conversationId: 'c1', newer: true },
      { type: 'historyLoading', conversationId: 'c1', newer: true },
      received(edited),
      { ...around(run(41, 60), true, true), stillLoading: true } as Action,
    );
    expect(state.timelines.c1).toMatchObject({ loadingNewer: true, lateCopies: [edited] });
    const landed = apply(state, page(run(61, 70), 'newer', true));
    expect(landed.timelines.c1?.messages.find((m) => m.seq === 65)).toEqual(edited);
    expect(landed.timelines.c1).toMatchObject({ loadingNewer: false, lateCopies: [] });
  });

  it('a failed load that was the only one on its way drops the late copies', () => {
    const error = offline;
    const state = apply(olderOnItsWay(), {
      type: 'historyFailed',
      conversationId: 'c1',
      error,
      loading: 'loadingOlder',
    });
    expect(state.timelines.c1).toMatchObject({ loadingOlder: false, lateCopies: [], error });
  });
});

describe('reduce: unread count', () => {
  it('counts each new message from others once, not own ones, duplicates or ones already read', () => {
    const read = conversation('c1', {
      participants: [participant(me, 2), participant('bob')],
      lastSeq: 2,
      lastActivityAt: at(2),
    });
    const state = apply(
      withConversations(read),
      received(message(3)),
      received(message(3)),
      received(message(4, { senderId: 'carol' })),
      received(message(2)),
      received(message(5, { deletedAt: at(5), body: '' })),
    );
    expect(unread(state)).toBe(2);
  });

  it('resets to 0 when an own message arrives', () => {
    const state = apply(
      withConversations(conversation('c1')),
      received(message(1)),
      received(message(2)),
      received(message(3, { senderId: me })),
    );
    expect(unread(state)).toBe(0);
    expect(state.conversations.c1?.participants.find((p) => p.userId === me)?.lastReadSeq).toBe(3);
  });

  it('does not count again a message the conversation summary already counts', () => {
    const summary = conversation('c1', {
      lastSeq: 5,
      lastMessage: message(5),
      lastActivityAt: at(5),
      unreadCount: 1,
      participants: [participant(me, 4), participant('bob', 5)],
    });
    const state = apply(withConversations(summary), received(message(5)));
    expect(unread(state)).toBe(1);
  });

  it("does not clear unread messages newer than an own message's resent copy", () => {
    const summary = conversation('c1', {
      lastSeq: 10,
      lastActivityAt: at(10),
      unreadCount: 3,
      participants: [participant(me, 7), participant('bob', 10)],
    });
    const state = apply(withConversations(summary), received(message(4, { senderId: me })));
    expect(unread(state)).toBe(3);
  });
});

describe('reduce: unread count of deleted messages', () => {
  it('stops counting a message from others once it is deleted', () => {
    const state = apply(
      withConversations(
        conversation('c1', { participants: [participant(me), participant('bob')] }),
      ),
      received(message(1)),
      received(message(2)),
    );
    expect(unread(state)).toBe(2);
    const deleted = reduce(state, received(message(1, { deletedAt: at(3), body: '' })));
    expect(unread(deleted)).toBe(1);
    // A stale copy cannot bring it back.
    expect(unread(reduce(deleted, received(message(1))))).toBe(1);
  });
});

describe('reduce: conversation summaries from the server', () => {
  it('never moves the last message or unread count back for a summary read before live messages arrived', () => {
    const summary = conversation('c1', {
      lastSeq: 2,
      lastActivityAt: at(2),
      unreadCount: 2,
      participants: [participant(me, 0), participant('bob')],
    });
    const live = apply(
      withConversations(summary),
      page([message(1), message(2)], 'newest'),
      received(message(3)),
    );
    expect(unread(live)).toBe(3);
    // The list answer was read on the server before message 3 was committed.
    const after = reduce(live, { type: 'conversationsLoaded', conversations: [summary] });
    expect(after.conversations.c1).toMatchObject({ lastSeq: 3, unreadCount: 3 });
    expect(after.conversations.c1?.lastMessage?.seq).toBe(3);
  });

  it('counts messages a gap-fill page brings beyond the summary, once, even when their live copies follow', () => {
    const summary = conversation('c1', {
      lastSeq: 5,
      lastActivityAt: at(5),
      unreadCount: 2,
      participants: [participant(me, 3), participant('bob')],
    });
    const state = apply(
      withConversations(summary),
      page([message(4), message(5)], 'newest', true),
      page([message(6)], 'changes'),
      received(message(6)),
    );
    expect(unread(state)).toBe(3);
    const later = apply(
      state,
      page([message(7, { senderId: me }), message(8)], 'changes'),
      received(message(8)),
    );
    // Only 8: the own message 7 in the page moved the read watermark past 4, 5 and 6.
    expect(unread(later)).toBe(1);
    expect(later.conversations.c1?.lastSeq).toBe(8);
    expect(later.conversations.c1?.participants.find((p) => p.userId === me)?.lastReadSeq).toBe(7);
  });

  it('takes a newer summary as it is', () => {
    const state = withConversations(conversation('c1', { lastSeq: 2, unreadCount: 1 }));
    const newer = conversation('c1', { lastSeq: 5, unreadCount: 4, lastActivityAt: at(5) });
    const after = reduce(state, { type: 'conversationUpserted', conversation: newer });
    expect(after.conversations.c1).toEqual(newer);
  });
});

describe('reduce: receipts', () => {
  const held = (messages: Message[], over: Partial<Conversation> = {}) =>
    apply(withConversations(conversation('c1', over)), page(messages, 'newest'));
  const ownReceipt = (lastReadSeq: number, lastDeliveredSeq = lastReadSeq): Action => ({
    type: 'receipt',
    receipt: { conversationId: 'c1', userId: me, lastReadSeq, lastDeliveredSeq },
  });

  it('recomputes unread from held messages when they cover the range after the watermark', () => {
    const state = held([message(1), message(2, { senderId: me }), message(3), message(4)], {
      unreadCount: 9,
      participants: [participant(me, 0), participant('bob')],
    });
    const after = reduce(state, ownReceipt(2));
    expect(unread(after)).toBe(2);
    expect(after.conversations.c1?.participants.find((p) => p.userId === me)).toMatchObject({
      lastReadSeq: 2,
      lastDeliveredSeq: 2,
    });
  });

  it("keeps the server's count when the held messages do not cover the range", () => {
    const state = apply(
      withConversations(
        conversation('c1', {
          lastSeq: 10,
          lastActivityAt: at(10),
          unreadCount: 6,
          participants: [participant(me, 2), participant('bob')],
        }),
      ),
      page([message(9), message(10)], 'newest', true),
    );
    expect(unread(reduce(state, ownReceipt(4)))).toBe(6);
  });

  it("moves another participant's watermarks without touching the unread count", () => {
    const state = held([message(1), message(2)], { unreadCount: 2 });
    const after = reduce(state, {
      type: 'receipt',
      receipt: { conversationId: 'c1', userId: 'bob', lastReadSeq: 2, lastDeliveredSeq: 2 },
    });
    expect(after.conversations.c1?.participants.find((p) => p.userId === 'bob')).toMatchObject({
      lastReadSeq: 2,
      lastDeliveredSeq: 2,
    });
    expect(unread(after)).toBe(2);
  });

  it('never moves a watermark back', () => {
    const state = reduce(held([message(1), message(2)]), ownReceipt(2));
    expect(reduce(state, ownReceipt(1))).toBe(state);
  });

  it('does not count read messages as unread again when a stale own receipt arrives', () => {
    const state = reduce(
      held([message(1), message(2), message(3), message(4)], {
        participants: [participant(me, 0), participant('bob')],
      }),
      ownReceipt(4),
    );
    expect(unread(state)).toBe(0);
    const after = reduce(
      reduce(state, received(message(5))),
      ownReceipt(2, 5), // read 2 is stale; delivered 5 is news
    );
    expect(unread(after)).toBe(1);
  });
});

describe('reduce: conversations', () => {
  it('orders conversations by their newest activity, moving one forward when a message arrives', () => {
    const state = withConversations(
      conversation('a', { lastActivityAt: at(1) }),
      conversation('b', { lastActivityAt: at(3) }),
      conversation('c', { lastActivityAt: at(2) }),
    );
    expect(state.conversationOrder).toEqual(['b', 'c', 'a']);
    const after = reduce(state, received(message(10, { conversationId: 'a' })));
    expect(after.conversationOrder).toEqual(['a', 'b', 'c']);
    expect(after.conversations.a).toMatchObject({ lastSeq: 10, lastActivityAt: at(10) });
  });

  it('drops a removed conversation with its timeline, typing and place in the order', () => {
    const state = apply(
      withConversations(conversation('c1'), conversation('c2')),
      page([message(1)], 'newest'),
      { type: 'typing', conversationId: 'c1', userId: 'bob', typing: true },
      { type: 'conversationRemoved', conversationId: 'c1' },
    );
    expect(state.conversations.c1).toBeUndefined();
    expect(state.timelines.c1).toBeUndefined();
    expect(state.typing.c1).toBeUndefined();
    expect(state.conversationOrder).toEqual(['c2']);
  });
});

describe('reduce: sending', () => {
  const error = { code: 'rejected', message: 'refused by moderation', retryable: false } as const;
  const pendingOf = (state: ChatState) => state.timelines.c1?.pending;

  it('goes from sending to failed to sending again, and is gone once discarded', () => {
    const queued = apply(initialState(me), { type: 'queued', message: pending('p1') });
    expect(pendingOf(queued)).toMatchObject([{ clientId: 'p1', status: 'sending', error: null }]);

    const failed = reduce(queued, { type: 'sendFailed', clientId: 'p1', error });
    expect(pendingOf(failed)).toMatchObject([{ status: 'failed', error }]);

    const retried = reduce(failed, { type: 'sendRetried', clientId: 'p1' });
    expect(pendingOf(retried)).toMatchObject([{ status: 'sending', error: null }]);

    const discarded = apply(
      retried,
      { type: 'sendFailed', clientId: 'p1', error },
      {
        type: 'sendDiscarded',
        clientId: 'p1',
      },
    );
    expect(pendingOf(discarded)).toEqual([]);
  });

  it('keeps a re-queued message in one place, at the end', () => {
    const state = apply(
      initialState(me),
      { type: 'queued', message: pending('p1') },
      { type: 'queued', message: pending('p2') },
      { type: 'queued', message: pending('p1', { body: 'again' }) },
    );
    expect(pendingOf(state)?.map((p) => p.clientId)).toEqual(['p2', 'p1']);
  });
});

describe('reduce: connection', () => {
  it('records the previous status on every change of status', () => {
    const state = apply(
      initialState(me),
      {
        type: 'connectionChanged',
        status: 'connected',
        reason: 'up',
        attempt: 0,
        error: null,
        deviceOffline: false,
      },
      {
        type: 'connectionChanged',
        status: 'reconnecting',
        reason: 'lost',
        attempt: 1,
        error: null,
        deviceOffline: false,
      },
    );
    expect(state.connection).toMatchObject({
      status: 'reconnecting',
      previous: 'connected',
      reason: 'lost',
      attempt: 1,
    });
    const again = reduce(state, {
      type: 'connectionChanged',
      status: 'reconnecting',
      reason: 'still lost',
      attempt: 2,
      error: null,
      deviceOffline: false,
    });
    expect(again.connection).toMatchObject({ previous: 'connected', attempt: 2 });
  });
});

describe('createStore', () => {
  it('runs every listener even when one throws, and reports the error', () => {
    const boom = new Error('listener failed');
    const onListenerError = vi.fn();
    const store = createStore(initialState(me), onListenerError);
    const after = vi.fn();
    store.subscribe(() => {
      throw boom;
    });
    store.subscribe(after);

    store.dispatch({ type: 'conversationsLoading' });

    expect(after).toHaveBeenCalledTimes(1);
    expect(onListenerError).toHaveBeenCalledWith(boom);
    expect(store.getSnapshot().conversationsStatus).toBe('loading');
  });

  it('notifies only on a change, and not after unsubscribing', () => {
    const store = createStore(initialState(me), () => {});
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch({ type: 'conversationsLoading' });
    store.dispatch({ type: 'conversationsLoading' });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.dispatch({
      type: 'conversationsFailed',
      error: { code: 'internal', message: 'x', retryable: true },
    });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
