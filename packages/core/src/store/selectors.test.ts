import { describe, expect, it } from 'vitest';
import { at, message as bobMessage, conversation, me, participant } from '../../test/fixtures';
import type { Conversation, Message, Participant } from '../protocol';
import type { Action } from './actions';
import { reduce } from './reducer';
import {
  createTimelineSelector,
  selectConversations,
  selectUnreadTotal,
  statusOf,
} from './selectors';
import { type ChatState, initialState, type PendingMessage } from './state';

/** Own messages by default here: statuses are what these tests are about. */
const message = (seq: number, over: Partial<Message> = {}) =>
  bobMessage(seq, { senderId: me, ...over });

function pending(clientId: string): PendingMessage {
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
  };
}

const apply = (state: ChatState, ...actions: Action[]) => actions.reduce(reduce, state);
const withConversations = (...conversations: Conversation[]) =>
  apply(initialState(me), { type: 'conversationsLoaded', conversations });
const received = (m: Message): Action => ({ type: 'received', message: m });
const queued = (p: PendingMessage): Action => ({ type: 'queued', message: p });

describe('statusOf', () => {
  const withBob = (read: number, delivered: number) =>
    conversation('c1', { participants: [participant(me), participant('bob', read, delivered)] });

  it('is sent, delivered, then read as the other participant moves their watermarks', () => {
    expect(statusOf(withBob(0, 2), message(3), me)).toBe('sent');
    expect(statusOf(withBob(0, 3), message(3), me)).toBe('delivered');
    expect(statusOf(withBob(3, 3), message(3), me)).toBe('read');
  });

  it('in a group, is delivered or read only once every other participant is', () => {
    const group = (bob: Participant, carol: Participant) =>
      conversation('g', { kind: 'group', participants: [participant(me), bob, carol] });
    expect(statusOf(group(participant('bob', 5), participant('carol', 0, 4)), message(5), me)).toBe(
      'sent',
    );
    expect(statusOf(group(participant('bob', 5), participant('carol', 0, 5)), message(5), me)).toBe(
      'delivered',
    );
    expect(statusOf(group(participant('bob', 5), participant('carol', 5)), message(5), me)).toBe(
      'read',
    );
  });

  it('ignores the own watermarks and is sent when nobody else is known', () => {
    const alone = conversation('c1', { participants: [participant(me, 9)] });
    expect(statusOf(alone, message(3), me)).toBe('sent');
    expect(statusOf(undefined, message(3), me)).toBe('sent');
  });
});

describe('createTimelineSelector', () => {
  const start = () =>
    apply(
      withConversations(conversation('c1'), conversation('c2')),
      received(message(1, { senderId: 'bob' })),
      received(message(2)),
      queued(pending('p1')),
    );

  it('lists confirmed messages in seq order, then pending ones', () => {
    const rows = createTimelineSelector()(start(), 'c1');
    expect(rows.map((r) => [r.seq, r.own, r.status])).toEqual([
      [1, false, null],
      [2, true, 'sent'],
      [null, true, 'sending'],
    ]);
  });

  it('is an empty list for a conversation with no timeline', () => {
    expect(createTimelineSelector()(start(), 'c2')).toEqual([]);
  });

  it('returns the same array when nothing it shows has changed', () => {
    const select = createTimelineSelector();
    const state = start();
    const rows = select(state, 'c1');
    const unrelated = apply(
      state,
      received(message(1, { conversationId: 'c2', senderId: 'bob' })),
      { type: 'typing', conversationId: 'c1', userId: 'bob', typing: true },
      {
        type: 'conversationUpserted',
        conversation: { ...(state.conversations.c1 as Conversation), title: 'Flat viewing' },
      },
    );
    expect(unrelated.conversations.c1).not.toBe(state.conversations.c1);
    expect(select(unrelated, 'c1')).toBe(rows);
  });

  it('reuses the row of an unchanged message when another message arrives', () => {
    const select = createTimelineSelector();
    const state = start();
    const [first, second] = select(state, 'c1');
    // Another own message: a message from Bob would mean he has read the earlier ones.
    const next = select(reduce(state, received(message(3))), 'c1');
    expect(next).toHaveLength(4);
    expect(next[0]).toBe(first);
    expect(next[1]).toBe(second);
  });

  it('shows own messages read as soon as the other person replies, without waiting for a receipt', () => {
    const select = createTimelineSelector();
    const state = start();
    expect(select(state, 'c1')[1]?.status).toBe('sent');
    // The server moved Bob's watermarks with his send and announces no receipt for it.
    const replied = reduce(state, received(message(3, { senderId: 'bob' })));
    expect(select(replied, 'c1')[1]?.status).toBe('read');
  });

  it('gives a new row when the status of an own message changes', () => {
    const select = createTimelineSelector();
    const state = start();
    const before = select(state, 'c1')[1];
    const delivered = reduce(state, {
      type: 'receipt',
      receipt: { conversationId: 'c1', userId: 'bob', lastReadSeq: 0, lastDeliveredSeq: 2 },
    });
    const after = select(delivered, 'c1')[1];
    expect(after).not.toBe(before);
    expect(after?.status).toBe('delivered');
  });

  it('keeps the key of a row when its pending message is confirmed', () => {
    const select = createTimelineSelector();
    const state = start();
    const sending = select(state, 'c1').at(-1);
    const confirmed = select(reduce(state, received(message(3, { clientId: 'p1' }))), 'c1');
    expect(confirmed).toHaveLength(3);
    expect(confirmed.at(-1)).toMatchObject({ key: sending?.key, seq: 3, status: 'sent' });
  });
});

describe('conversation list selectors', () => {
  const state = withConversations(
    conversation('old', { lastActivityAt: at(1), unreadCount: 1 }),
    conversation('new', { lastActivityAt: at(3), unreadCount: 2 }),
    conversation('muted', { lastActivityAt: at(4), unreadCount: 4, muted: true }),
    conversation('archived', { lastActivityAt: at(5), unreadCount: 8, archived: true }),
  );

  it('counts unread messages for the badge, leaving out archived and muted conversations', () => {
    expect(selectUnreadTotal(state)).toBe(3);
  });

  it('lists archived conversations apart, each list in activity order', () => {
    expect(selectConversations(state).map((c) => c.id)).toEqual(['muted', 'new', 'old']);
    expect(selectConversations(state, true).map((c) => c.id)).toEqual(['archived']);
  });
});

describe('selectors give the same reference for the same inputs', () => {
  const state = apply(
    withConversations(
      conversation('c1', { lastActivityAt: at(2), unreadCount: 1 }),
      conversation('c2', { lastActivityAt: at(1), archived: true }),
    ),
    received(message(1, { senderId: 'bob' })),
    queued(pending('p1')),
  );

  it('returns the identical value when called twice on one snapshot', () => {
    expect(selectConversations(state)).toBe(selectConversations(state));
    expect(selectConversations(state, true)).toBe(selectConversations(state, true));
    expect(selectUnreadTotal(state)).toBe(selectUnreadTotal(state));
    const timeline = createTimelineSelector();
    expect(timeline(state, 'c1')).toBe(timeline(state, 'c1'));
    const first = state.timelines.c1?.messages[0] as Message;
    expect(statusOf(state.conversations.c1, first, me)).toBe(
      statusOf(state.conversations.c1, first, me),
    );
  });

  it('keeps the conversation list across changes elsewhere in the state', () => {
    const list = selectConversations(state);
    const typing = reduce(state, {
      type: 'typing',
      conversationId: 'c1',
      userId: 'bob',
      typing: true,
    });
    expect(selectConversations(typing)).toBe(list);
  });

  it('gives a new list when a conversation in it changes', () => {
    const list = selectConversations(state);
    const next = reduce(state, received(message(2, { senderId: 'bob' })));
    expect(selectConversations(next)).not.toBe(list);
    expect(selectConversations(next)[0]?.lastSeq).toBe(2);
  });

  it('keeps the lists of two snapshots apart when they are read in turns', () => {
    const other = withConversations(conversation('x'));
    const first = [selectConversations(state), selectConversations(other)];
    expect([selectConversations(state), selectConversations(other)]).toEqual(first);
    expect(selectConversations(state)).toBe(first[0]);
    expect(selectConversations(other)).toBe(first[1]);
  });
});
