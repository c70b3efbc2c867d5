import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { message } from '../../test/fixtures';
import { ChatError, type Conversation, type Participant, type Receipt } from '../protocol';
import { initialState } from '../store/state';
import { createStore } from '../store/store';
import type { Request } from '../transport/requester';
import { Receipts } from './receipts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const me = 'me';
const participant = (userId: string, lastReadSeq: number, lastDeliveredSeq = lastReadSeq) => ({
  userId,
  role: 'member' as const,
  joinedAt: '2024-01-01T00:00:00.000Z',
  lastReadSeq,
  lastDeliveredSeq,
});

function conversation(mine: Participant, over: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    kind: 'direct',
    title: null,
    metadata: null,
    createdBy: me,
    createdAt: '2024-01-01T00:00:00.000Z',
    lastSeq: 10,
    lastChange: 10,
    lastActivityAt: '2024-01-01T00:10:00.000Z',
    participants: [mine, participant('bob', 10)],
    lastMessage: null,
    unreadCount: 4,
    unreadMentions: 0,
    muted: false,
    archived: false,
    ...over,
  };
}

/** The server's answer: the caller's watermarks moved to `seq`. */
function serverReceipt(name: string, payload: unknown, before: Participant): Receipt {
  const { conversationId, seq } = payload as { conversationId: string; seq: number };
  const lastReadSeq =
    name === 'receipt:read' ? Math.max(before.lastReadSeq, seq) : before.lastReadSeq;
  return {
    conversationId,
    userId: me,
    lastReadSeq,
    lastDeliveredSeq: Math.max(before.lastDeliveredSeq, seq, lastReadSeq),
  };
}

function setup(mine = participant(me, 6)) {
  const store = createStore(initialState(me), (error) => {
    throw error;
  });
  store.dispatch({ type: 'conversationsLoaded', conversations: [conversation(mine)] });
  const request = vi.fn(async (name: string, payload: unknown) =>
    serverReceipt(name, payload, mine),
  );
  const errors: ChatError[] = [];
  const receipts = new Receipts(store, request as unknown as Request, (e) => errors.push(e), 250);
  const own = () => store.getSnapshot().conversations.c1?.participants.find((p) => p.userId === me);
  return { store, request, receipts, errors, own };
}

describe('Receipts: delivered', () => {
  it('sends one receipt:delivered per batch with the highest seq noted', async () => {
    const { receipts, request, own } = setup();
    const answers: Array<() => void> = [];
    // The server answers only when told, so every timer runs before any answer lands.
    request.mockImplementation(
      (name, payload) =>
        new Promise((resolve) => {
          answers.push(() => resolve(serverReceipt(name, payload, participant(me, 6))));
        }),
    );
    receipts.noteDelivered('c1', 8);
    receipts.noteDelivered('c1', 10);
    receipts.noteDelivered('c1', 9);
    vi.advanceTimersByTime(249);
    expect(request).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1_000);
    expect(request.mock.calls).toEqual([['receipt:delivered', { conversationId: 'c1', seq: 10 }]]);

    for (const answer of answers) answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(own()?.lastDeliveredSeq).toBe(10);
  });

  it('does not send what the server already knows was delivered', async () => {
    const { receipts, request } = setup(participant(me, 6, 9));
    receipts.noteDelivered('c1', 7);
    receipts.noteDelivered('c1', 9);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(request).not.toHaveBeenCalled();
  });

  it('sends a delivered receipt again after the first attempt failed', async () => {
    const { receipts, request, errors, own } = setup();
    request.mockRejectedValueOnce(new ChatError('unavailable', 'down'));
    receipts.noteDelivered('c1', 9);
    await vi.advanceTimersByTimeAsync(250);
    expect(errors.map((e) => e.code)).toEqual(['unavailable']);
    // The catch-up after reconnecting notes the same messages again: this time it goes through.
    receipts.noteDelivered('c1', 9);
    await vi.advanceTimersByTimeAsync(250);
    expect(request).toHaveBeenCalledTimes(2);
    expect(own()?.lastDeliveredSeq).toBe(9);
  });

  it('sends again for messages noted after an earlier batch went out', async () => {
    const { receipts, request } = setup();
    receipts.noteDelivered('c1', 8);
    await vi.advanceTimersByTimeAsync(250);
    receipts.noteDelivered('c1', 8);
    receipts.noteDelivered('c1', 9);
    await vi.advanceTimersByTimeAsync(250);
    expect(request.mock.calls.map(([, payload]) => payload)).toEqual([
      { conversationId: 'c1', seq: 8 },
      { conversationId: 'c1', seq: 9 },
    ]);
  });
});

describe('Receipts: read', () => {
  it('asks for the summary when a read leaves the unread count unknown here, and only then', async () => {
    const { store, request } = setup();
    const unknown = vi.fn();
    const receipts = new Receipts(store, request as unknown as Request, () => {}, 250, unknown);
    // Nothing held (a window elsewhere): the messages read cannot be counted here.
    await receipts.markRead('c1', 8);
    expect(unknown).toHaveBeenCalledWith('c1');
    // Held from 7 on: counted here, the server is not asked.
    unknown.mockClear();
    store.dispatch({
      type: 'historyLoaded',
      conversationId: 'c1',
      messages: [9, 10].map((seq) => message(seq)),
      position: 'newest',
      hasMore: true,
    });
    await receipts.markRead('c1', 10);
    expect(store.getSnapshot().conversations.c1?.unreadCount).toBe(0);
    expect(unknown).not.toHaveBeenCalled();
  });

  it('shows the messages as read before the server answers', async () => {
    const { receipts, request, own, store } = setup();
    let answer: (receipt: Receipt) => void = () => {};
    request.mockImplementationOnce(
      () =>
        new Promise<Receipt>((resolve) => {
          answer = resolve;
        }),
    );

    const done = receipts.markRead('c1', 10);

    expect(own()).toMatchObject({ lastReadSeq: 10, lastDeliveredSeq: 10 });
    expect(store.getSnapshot().conversations.c1?.unreadCount).toBe(0);
    expect(request.mock.calls).toEqual([['receipt:read', { conversationId: 'c1', seq: 10 }]]);
    answer({ conversationId: 'c1', userId: me, lastReadSeq: 10, lastDeliveredSeq: 10 });
    await done;
    expect(own()?.lastReadSeq).toBe(10);
  });

  it('reads up to the newest known message when no seq is given', async () => {
    const { receipts, request } = setup();
    await receipts.markRead('c1');
    expect(request.mock.calls).toEqual([['receipt:read', { conversationId: 'c1', seq: 10 }]]);
  });

  it('sends nothing when already read that far', async () => {
    const { receipts, request } = setup(participant(me, 10));
    await receipts.markRead('c1', 8);
    expect(request).not.toHaveBeenCalled();
  });

  it('never rejects: a failed request is reported through onError', async () => {
    const { receipts, request, errors } = setup();
    request.mockRejectedValueOnce(new ChatError('unavailable'));
    request.mockRejectedValueOnce(new Error('socket hang up'));

    await expect(receipts.markRead('c1', 8)).resolves.toBeUndefined();
    await expect(receipts.markRead('c1', 9)).resolves.toBeUndefined();

    expect(errors.map((e) => e.code)).toEqual(['unavailable', 'internal']);
    expect(errors[1]).toBeInstanceOf(ChatError);
  });
});
