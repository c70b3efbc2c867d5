import { describe, expect, it } from 'vitest';
import { conversation, me, message } from '../../test/fixtures';
import type { Message } from '../protocol';
import type { Action } from './actions';
import { reduce } from './reducer';
import { createTimelineSelector } from './selectors';
import { type ChatState, initialState, type PendingAction } from './state';

const apply = (state: ChatState, ...actions: Action[]) => actions.reduce(reduce, state);

function action(id: string, over: Partial<PendingAction>): PendingAction {
  return {
    id,
    conversationId: 'c1',
    messageId: 'm1',
    sendClientId: null,
    kind: 'edit',
    body: null,
    emoji: null,
    createdAt: '2024-01-02T00:00:00.000Z',
    status: 'sending',
    error: null,
    ...over,
  };
}

const liked: Message = message(1, {
  reactions: [{ emoji: '👍', count: 2, userIds: ['bob', 'cat'], reacted: false }],
});

function start() {
  return apply(
    initialState(me),
    { type: 'conversationsLoaded', conversations: [conversation('c1')] },
    {
      type: 'historyLoaded',
      conversationId: 'c1',
      messages: [liked, message(2)],
      position: 'newest',
      hasMore: false,
    },
  );
}

describe('actions on messages, as a UI shows them', () => {
  it('shows a pending edit, delete or reaction at once, and the server state once it fails', () => {
    const rows = createTimelineSelector();
    let state = apply(
      start(),
      { type: 'actionQueued', action: action('a1', { kind: 'edit', body: 'edited here' }) },
      { type: 'actionQueued', action: action('a2', { kind: 'react', emoji: '👍' }) },
      { type: 'actionQueued', action: action('a3', { kind: 'react', emoji: '🎉' }) },
      { type: 'actionQueued', action: action('a4', { kind: 'delete', messageId: 'm2' }) },
    );
    const [first, second] = rows(state, 'c1');
    expect(first).toMatchObject({ body: 'edited here', editedAt: '2024-01-02T00:00:00.000Z' });
    expect(first?.reactions).toEqual([
      { emoji: '👍', count: 3, userIds: ['bob', 'cat', me], reacted: true },
      { emoji: '🎉', count: 1, userIds: [me], reacted: true },
    ]);
    expect(first?.actions.map((a) => [a.kind, a.status])).toEqual([
      ['edit', 'sending'],
      ['react', 'sending'],
      ['react', 'sending'],
    ]);
    expect(second).toMatchObject({ body: '', deletedAt: '2024-01-02T00:00:00.000Z' });

    state = apply(state, {
      type: 'actionFailed',
      id: 'a1',
      error: { code: 'forbidden', message: 'only its sender may', retryable: false },
    });
    expect(rows(state, 'c1')[0]).toMatchObject({ body: 'message 1', editedAt: null });
    expect(rows(state, 'c1')[0]?.actions[0]).toMatchObject({ status: 'failed', kind: 'edit' });
    state = apply(state, { type: 'actionDiscarded', id: 'a1' });
    expect(rows(state, 'c1')[0]?.actions.map((a) => a.id)).toEqual(['a2', 'a3']);
  });

  it('replaces the pending action by the server’s answer', () => {
    const rows = createTimelineSelector();
    const answered: Message = {
      ...liked,
      reactions: [{ emoji: '👍', count: 3, userIds: ['bob', 'cat', me], reacted: true }],
      change: 5,
    };
    const state = apply(
      start(),
      { type: 'actionQueued', action: action('a1', { kind: 'react', emoji: '👍' }) },
      { type: 'actionAcknowledged', id: 'a1', message: answered },
    );
    const [first] = rows(state, 'c1');
    expect(first?.actions).toEqual([]);
    expect(first?.reactions).toEqual([
      { emoji: '👍', count: 3, userIds: ['bob', 'cat', me], reacted: true },
    ]);
  });

  it('keeps whether the viewer reacted when an event for the whole conversation leaves it out', () => {
    const mine: Message = {
      ...liked,
      reactions: [
        { emoji: '👍', count: 6, userIds: ['bob', 'cat', 'dan', 'eve', 'fay'], reacted: true },
      ],
      change: 3,
    };
    let state = apply(start(), { type: 'received', message: mine });
    // Gus reacts too: the event names him and carries no `reacted`.
    state = apply(state, {
      type: 'reacted',
      event: {
        message: {
          ...mine,
          reactions: [{ emoji: '👍', count: 7, userIds: mine.reactions[0]?.userIds ?? [] }],
          change: 4,
        },
        userId: 'gus',
        emoji: '👍',
        added: true,
      },
    });
    expect(state.timelines.c1?.messages[0]?.reactions).toEqual([
      { emoji: '👍', count: 7, userIds: ['bob', 'cat', 'dan', 'eve', 'fay'], reacted: true },
    ]);
    // My other device takes mine back.
    state = apply(state, {
      type: 'reacted',
      event: {
        message: {
          ...mine,
          reactions: [{ emoji: '👍', count: 6, userIds: mine.reactions[0]?.userIds ?? [] }],
          change: 5,
        },
        userId: me,
        emoji: '👍',
        added: false,
      },
    });
    expect(state.timelines.c1?.messages[0]?.reactions[0]?.reacted).toBe(false);
  });
});

describe('the viewer’s own reaction flag after another device changed it', () => {
  const heart = (count: number, userIds: string[], reacted?: boolean) => ({
    emoji: '❤',
    count,
    userIds,
    ...(reacted === undefined ? {} : { reacted }),
  });
  const at = (change: number, ...reactions: Message['reactions']): Message => ({
    ...message(1),
    reactions,
    change,
  });
  const flag = (state: ChatState) => state.timelines.c1?.messages[0]?.reactions[0]?.reacted;

  it('reads it from the users named when they are all of them, whatever the held copy said', () => {
    // Held: Ann and Bob. Ann's other device took hers back; Cat's 👍 event is the first news of it.
    let state = apply(start(), { type: 'received', message: at(10, heart(2, [me, 'bob'], true)) });
    state = apply(state, {
      type: 'reacted',
      event: { message: at(12, heart(1, ['bob'])), userId: 'cat', emoji: '👍', added: true },
    });
    expect(flag(state)).toBe(false);
  });

  it('takes a page read for the viewer over a guess from an event of the same change', () => {
    const many = ['bob', 'cat', 'dan', 'eve', 'fay'];
    // Seven hearts, five named: the event cannot say whether Ann's is among them; the held copy said yes.
    let state = apply(start(), { type: 'received', message: at(10, heart(8, many, true)) });
    state = apply(state, {
      type: 'reacted',
      event: { message: at(12, heart(7, many)), userId: 'gus', emoji: '👍', added: true },
    });
    expect(flag(state)).toBe(true);
    state = apply(state, {
      type: 'changesLoaded',
      conversationId: 'c1',
      lastChange: 12,
      messages: [at(12, heart(7, many, false))],
    });
    expect(flag(state)).toBe(false);
  });
});

describe('actions on an own send the server has not stored yet', () => {
  const send = {
    clientId: 'k1',
    conversationId: 'c1',
    senderId: me,
    kind: 'text' as const,
    body: 'typo heer',
    attachments: [],
    replyTo: null,
    createdAt: '2024-01-02T00:00:00.000Z',
    status: 'sending' as const,
    error: null,
  };
  const onSend = (id: string, over: Partial<PendingAction>) =>
    action(id, { messageId: null, sendClientId: 'k1', ...over });
  const stored: Message = { ...message(3, { senderId: me, body: 'typo heer' }), clientId: 'k1' };

  it('shows them on the pending row at once', () => {
    const rows = createTimelineSelector();
    const state = apply(
      start(),
      { type: 'queued', message: send },
      { type: 'actionQueued', action: onSend('a1', { kind: 'edit', body: 'typo here' }) },
      { type: 'actionQueued', action: onSend('a2', { kind: 'react', emoji: '🎉' }) },
    );
    const pending = rows(state, 'c1')[2];
    expect(pending).toMatchObject({ id: null, body: 'typo here', status: 'sending' });
    expect(pending?.reactions).toEqual([{ emoji: '🎉', count: 1, userIds: [me], reacted: true }]);
    expect(pending?.actions.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('names the stored message once the send is acknowledged, live or by a page', () => {
    const queued = apply(
      start(),
      { type: 'queued', message: send },
      { type: 'actionQueued', action: onSend('a1', { kind: 'delete' }) },
    );
    const live = apply(queued, { type: 'received', message: stored });
    const paged = apply(queued, {
      type: 'historyLoaded',
      conversationId: 'c1',
      messages: [stored],
      position: 'changes',
      hasMore: false,
    });
    for (const state of [live, paged]) {
      expect(state.timelines.c1?.pending).toEqual([]);
      expect(state.timelines.c1?.actions).toMatchObject([
        { id: 'a1', messageId: stored.id, sendClientId: 'k1' },
      ]);
      // Still applied on the row, now a stored one.
      expect(createTimelineSelector()(state, 'c1')[2]).toMatchObject({
        id: stored.id,
        deletedAt: '2024-01-02T00:00:00.000Z',
      });
    }
  });

  it('drops them with the send when a failed send is discarded', () => {
    const state = apply(
      start(),
      { type: 'queued', message: send },
      { type: 'actionQueued', action: onSend('a1', { kind: 'react', emoji: '🎉' }) },
      { type: 'actionQueued', action: action('a2', { kind: 'react', emoji: '👍' }) },
      {
        type: 'sendFailed',
        clientId: 'k1',
        error: { code: 'forbidden', message: 'no', retryable: false },
      },
      { type: 'sendDiscarded', clientId: 'k1' },
    );
    expect(state.timelines.c1?.pending).toEqual([]);
    expect(state.timelines.c1?.actions.map((a) => a.id)).toEqual(['a2']);
  });
});
