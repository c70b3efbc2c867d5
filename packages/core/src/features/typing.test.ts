import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialState } from '../store/state';
import { createStore } from '../store/store';
import type { Request } from '../transport/requester';
import { TypingReceiver, TypingSender } from './typing';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function sender() {
  const request = vi.fn(async (_name: string, _payload: unknown) => null);
  let online = true;
  const typing = new TypingSender(request as unknown as Request, () => online, {
    throttleMs: 2_000,
    idleMs: 3_000,
  });
  const sent = () => request.mock.calls.map(([name, payload]) => ({ name, payload }));
  const flags = () =>
    request.mock.calls.map(([, payload]) => (payload as { typing: boolean }).typing);
  return {
    typing,
    sent,
    flags,
    goOffline: () => {
      online = false;
    },
    goOnline: () => {
      online = true;
    },
  };
}

describe('TypingSender', () => {
  it('tells the server on the first keystroke', () => {
    const { typing, sent } = sender();
    typing.typing('c1');
    expect(sent()).toEqual([
      { name: 'typing:set', payload: { conversationId: 'c1', typing: true } },
    ]);
  });

  it('does not repeat itself within throttleMs, and does again after it', () => {
    const { typing, flags } = sender();
    typing.typing('c1');
    vi.advanceTimersByTime(1_000);
    typing.typing('c1');
    vi.advanceTimersByTime(999);
    typing.typing('c1');
    expect(flags()).toEqual([true]);
    vi.advanceTimersByTime(1);
    typing.typing('c1');
    expect(flags()).toEqual([true, true]);
  });

  it('throttles each conversation on its own', () => {
    const { typing, sent } = sender();
    typing.typing('c1');
    typing.typing('c2');
    expect(sent().map((s) => s.payload)).toEqual([
      { conversationId: 'c1', typing: true },
      { conversationId: 'c2', typing: true },
    ]);
  });

  it('says the user stopped after idleMs without a keystroke', () => {
    const { typing, flags } = sender();
    typing.typing('c1');
    vi.advanceTimersByTime(2_000);
    typing.typing('c1');
    vi.advanceTimersByTime(2_999);
    expect(flags()).toEqual([true, true]);
    vi.advanceTimersByTime(1);
    expect(flags()).toEqual([true, true, false]);
    vi.advanceTimersByTime(10_000);
    expect(flags()).toEqual([true, true, false]);
  });

  it('says the user stopped on stop(), once', () => {
    const { typing, flags } = sender();
    typing.typing('c1');
    typing.stop('c1');
    typing.stop('c1');
    vi.advanceTimersByTime(10_000);
    expect(flags()).toEqual([true, false]);
  });

  it('sends nothing on stop() when no start was sent', () => {
    const { typing, sent } = sender();
    typing.stop('c1');
    expect(sent()).toEqual([]);
  });

  it('sends nothing while it cannot send', () => {
    const { typing, sent, goOffline } = sender();
    goOffline();
    typing.typing('c1');
    vi.advanceTimersByTime(5_000);
    typing.typing('c1');
    typing.stop('c1');
    expect(sent()).toEqual([]);
  });

  it('does not say the user stopped when the start was never sent', () => {
    const { typing, sent, goOffline, goOnline } = sender();
    goOffline();
    typing.typing('c1');
    goOnline();
    typing.stop('c1');
    expect(sent()).toEqual([]);
  });
});

describe('TypingReceiver', () => {
  const update = (userId: string, typing: boolean, expiresInMs = 5_000) => ({
    conversationId: 'c1',
    userId,
    typing,
    expiresInMs,
  });
  const setup = () => {
    const store = createStore(initialState('me'), (error) => {
      throw error;
    });
    const typingIn = (id = 'c1') => store.getSnapshot().typing[id] ?? [];
    return { receiver: new TypingReceiver(store), typingIn };
  };

  it('shows a user typing until they stop', () => {
    const { receiver, typingIn } = setup();
    receiver.update(update('bob', true));
    receiver.update(update('carol', true));
    expect(typingIn()).toEqual(['bob', 'carol']);
    receiver.update(update('bob', false));
    expect(typingIn()).toEqual(['carol']);
  });

  it('hides a user after expiresInMs when no stop arrives', () => {
    const { receiver, typingIn } = setup();
    receiver.update(update('bob', true, 5_000));
    vi.advanceTimersByTime(4_999);
    expect(typingIn()).toEqual(['bob']);
    vi.advanceTimersByTime(1);
    expect(typingIn()).toEqual([]);
  });

  it('keeps showing a user whose typing is renewed', () => {
    const { receiver, typingIn } = setup();
    receiver.update(update('bob', true, 5_000));
    vi.advanceTimersByTime(4_000);
    receiver.update(update('bob', true, 5_000));
    vi.advanceTimersByTime(4_999);
    expect(typingIn()).toEqual(['bob']);
    vi.advanceTimersByTime(1);
    expect(typingIn()).toEqual([]);
  });

  it('never shows the own user', () => {
    const { receiver, typingIn } = setup();
    receiver.update(update('me', true));
    expect(typingIn()).toEqual([]);
  });

  it('hides a user at once on clear(), and the old expiry does nothing later', () => {
    const { receiver, typingIn } = setup();
    receiver.update(update('bob', true, 5_000));
    receiver.clear('c1', 'bob');
    expect(typingIn()).toEqual([]);
    receiver.update(update('bob', true, 10_000));
    vi.advanceTimersByTime(5_000);
    expect(typingIn()).toEqual(['bob']);
  });
});
