import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { message } from '../../test/fixtures';
import { type ChangePage, ChatError, type Message } from '../protocol';
import { initialState } from '../store/state';
import { createStore } from '../store/store';
import type { Request } from '../transport/requester';
import { GapFiller } from './gap-fill';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A server holding `serverHas` messages, inserted in order (so each one's
 * change is its seq), whose change feed pages like the real one; `edit`
 * and `remove` change a stored message as the server would.
 */
function setup(
  serverHas: number,
  onError: (error: unknown) => void = (e) => {
    throw e;
  },
  held = [1, 2],
  olderOnServer = false,
) {
  const store = createStore(initialState('me'), (error) => {
    throw error;
  });
  const stored = Array.from({ length: serverHas }, (_, i) => message(i + 1));
  let lastChange = serverHas;
  const change = (seq: number, update: Partial<Message>) => {
    const index = seq - 1;
    stored[index] = { ...(stored[index] as Message), ...update, change: ++lastChange };
  };
  const request = vi.fn(async (_name: string, payload: unknown): Promise<ChangePage> => {
    const { after, limit } = payload as { after: number; limit: number };
    const changed = stored.filter((m) => m.change > after).sort((a, b) => a.change - b.change);
    const page = changed.slice(0, limit);
    return {
      messages: page,
      lastChange: page.at(-1)?.change ?? after,
      hasMore: changed.length > limit,
    };
  });
  const delivered = vi.fn();
  const filler = new GapFiller(store, request as unknown as Request, delivered, onError, 10);
  store.dispatch({
    type: 'historyLoaded',
    conversationId: 'c1',
    messages: held.map((seq) => message(seq)),
    position: 'newest',
    hasMore: olderOnServer,
  });
  const timeline = () => store.getSnapshot().timelines.c1;
  const seqs = () => timeline()?.messages.map((m) => m.seq);
  const server = {
    edit: (seq: number, body: string) =>
      change(seq, { body, editedAt: '2024-01-02T00:00:00.000Z' }),
    remove: (seq: number) => change(seq, { body: '', deletedAt: '2024-01-02T00:00:00.000Z' }),
  };
  return { store, request, filler, seqs, timeline, delivered, server };
}

describe('gap-fill', () => {
  it('brings the edits and deletes made while away, each message once in its current state', async () => {
    const { filler, request, timeline, server } = setup(3, undefined, [1, 2, 3]);
    server.edit(2, 'edited once');
    server.edit(2, 'edited twice');
    server.remove(1);
    await filler.fill('c1');
    expect(timeline()?.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, ''],
      [2, 'edited twice'],
      [3, 'message 3'],
    ]);
    expect(timeline()?.changeCursor).toBe(6);
    // Nothing changed since: the next fill asks from 6 and gets nothing.
    await filler.fill('c1');
    expect(request.mock.calls.map(([name, p]) => [name, (p as { after: number }).after])).toEqual([
      ['message:changes', 3],
      ['message:changes', 6],
    ]);
  });

  it('leaves changes to messages older than the loaded page for when the reader pages back', async () => {
    const { filler, timeline, server } = setup(5, undefined, [4, 5], true);
    server.edit(1, 'an old message edited');
    server.edit(5, 'the newest edited');
    await filler.fill('c1');
    expect(timeline()?.messages.map((m) => [m.seq, m.body])).toEqual([
      [4, 'message 4'],
      [5, 'the newest edited'],
    ]);
    expect(timeline()?.hasMoreBefore).toBe(true);
    expect(timeline()?.changeCursor).toBe(7);
  });

  it('fetches everything after the last seq held, page by page', async () => {
    const { filler, request, seqs, delivered } = setup(25);
    await filler.fill('c1');
    expect(seqs()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(request.mock.calls.map(([, p]) => (p as { after: number }).after)).toEqual([2, 12, 22]);
    expect(delivered).toHaveBeenCalledTimes(3);
  });

  it('notices a hole in live seqs and fills it after a short wait', async () => {
    const { store, filler, request, seqs } = setup(6);
    const live = message(6);
    filler.noticeLive(live);
    store.dispatch({ type: 'received', message: live });
    expect(request).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(request).toHaveBeenCalledTimes(1);
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('sees no hole in live seqs beyond a window away from the present, and fills only inside it', async () => {
    const { store, filler, request, seqs, server } = setup(40, undefined, [1, 2]);
    store.dispatch({
      type: 'historyLoaded',
      conversationId: 'c1',
      messages: [10, 11, 12].map((seq) => message(seq)),
      position: 'around',
      hasMore: true,
      hasMoreAfter: true,
    });
    filler.noticeLive(message(41));
    store.dispatch({ type: 'received', message: message(41) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(request).not.toHaveBeenCalled();
    server.edit(11, 'edited');
    await filler.fill('c1');
    expect(seqs()).toEqual([10, 11, 12]);
    expect(store.getSnapshot().timelines.c1?.messages[1]?.body).toBe('edited');
  });

  it('does nothing for the next seq in line, or for conversations not loaded', async () => {
    const { filler, request } = setup(3);
    filler.noticeLive(message(3));
    filler.noticeLive({ ...message(9), conversationId: 'not-loaded' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(request).not.toHaveBeenCalled();
  });

  it('runs one fill per conversation at a time, and once more if asked meanwhile', async () => {
    const { filler, request } = setup(4);
    await Promise.all([filler.fill('c1'), filler.fill('c1'), filler.fill('c1')]);
    await vi.advanceTimersByTimeAsync(0);
    // The first fill, then one follow-up for the requests that came in during it.
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('tries a failed fill again with backoff until it succeeds, so a hole is never left', async () => {
    const errors: unknown[] = [];
    const { filler, request, seqs } = setup(5, (e) => errors.push(e));
    request
      .mockRejectedValueOnce(new ChatError('timeout', 'the link broke during the fill'))
      .mockRejectedValueOnce(new ChatError('unavailable', 'still down'));
    await filler.fill('c1');
    expect(errors).toHaveLength(1);
    expect(seqs()).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toHaveLength(2);
    expect(request).toHaveBeenCalledTimes(3);
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops retrying once closed', async () => {
    const { filler, request } = setup(5, () => {});
    request.mockRejectedValue(new ChatError('timeout', 'down'));
    await filler.fill('c1');
    filler.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('fills from the start a conversation opened empty whose first live messages were missed', async () => {
    const { store, filler, seqs } = setup(4, undefined, []);
    const live = message(4);
    filler.noticeLive(live);
    store.dispatch({ type: 'received', message: live });
    await vi.advanceTimersByTimeAsync(150);
    expect(seqs()).toEqual([1, 2, 3, 4]);
  });
});
