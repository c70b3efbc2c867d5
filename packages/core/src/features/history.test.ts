import { describe, expect, it, vi } from 'vitest';
import { message } from '../../test/fixtures';
import { type MessagePage, protocolLimits } from '../protocol';
import { initialState } from '../store/state';
import { createStore } from '../store/store';
import type { Request } from '../transport/requester';
import { History } from './history';

/** A server holding seq 1..total that pages like the real one. */
function server(total: number) {
  return vi.fn(async (_name: string, payload: unknown): Promise<MessagePage> => {
    const { before = total + 1, limit = 50 } = payload as { before?: number; limit?: number };
    const from = Math.max(1, before - limit);
    const messages = Array.from({ length: before - from }, (_, i) => message(from + i));
    return { messages, hasMore: from > 1 };
  });
}

function setup(total: number) {
  const store = createStore(initialState('me'), (error) => {
    throw error;
  });
  const request = server(total);
  const delivered = vi.fn();
  const history = new History(store, request as unknown as Request, delivered, 20);
  const held = () => store.getSnapshot().timelines.c1?.messages.map((m) => m.seq) ?? [];
  return { store, request, history, held, delivered };
}

describe('history paging', () => {
  it('loads the newest page, then older pages by cursor until there are no more', async () => {
    const { store, history, held, delivered } = setup(45);
    await history.loadNewest('c1');
    expect(held()).toEqual(Array.from({ length: 20 }, (_, i) => 26 + i));
    expect(delivered).toHaveBeenCalledWith(
      'c1',
      expect.arrayContaining([expect.objectContaining({ seq: 45 })]),
    );
    await history.loadOlder('c1');
    await history.loadOlder('c1');
    expect(held()).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(store.getSnapshot().timelines.c1?.hasMoreBefore).toBe(false);
  });

  it('makes one request when older messages are asked for twice at once', async () => {
    const { request, history } = setup(100);
    await history.loadNewest('c1');
    request.mockClear();
    await Promise.all([history.loadOlder('c1'), history.loadOlder('c1'), history.loadOlder('c1')]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0]?.[1]).toMatchObject({ before: 81, limit: 20 });
  });

  it('stops asking once the start of the conversation is reached', async () => {
    const { request, history } = setup(10);
    await history.loadNewest('c1');
    await history.loadOlder('c1');
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('records a failed load in state and never rejects', async () => {
    const { store, request, history } = setup(100);
    await history.loadNewest('c1');
    request.mockRejectedValueOnce(new Error('socket hang up'));
    await expect(history.loadOlder('c1')).resolves.toBeUndefined();
    expect(store.getSnapshot().timelines.c1).toMatchObject({
      loadingOlder: false,
      error: { code: 'internal' },
    });
  });

  it('reaches a seq far back with pages as large as the protocol allows, leaving no hole', async () => {
    const { request, history, held } = setup(1_000);
    await history.loadUntil('c1', 250);
    // The newest page (20), then pages of 100 down to 10 messages before the target.
    expect(request.mock.calls.map(([, payload]) => payload)).toEqual([
      { conversationId: 'c1', limit: 20 },
      ...[981, 881, 781, 681, 581, 481, 381, 281].map((before) => ({
        conversationId: 'c1',
        before,
        limit: protocolLimits.pageSize,
      })),
    ]);
    expect(held()).toEqual(Array.from({ length: 820 }, (_, i) => 181 + i));
  });

  it('asks for four catch-up pages at a time, and applies answers in order whatever order they come in', async () => {
    const store = createStore(initialState('me'), (error) => {
      throw error;
    });
    const answer = server(1_000);
    const waiting: { payload: unknown; resolve: () => void }[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const request = vi.fn(async (name: string, payload: unknown): Promise<MessagePage> => {
      if (!(payload as { before?: number }).before) return answer(name, payload);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise<void>((resolve) => waiting.push({ payload, resolve }));
      inFlight -= 1;
      return answer(name, payload);
    });
    const history = new History(store, request as unknown as Request, vi.fn(), 20);
    // Every state the store goes through holds one run of seqs, without a hole.
    const holes: number[][] = [];
    store.subscribe(() => {
      const seqs = store.getSnapshot().timelines.c1?.messages.map((m) => m.seq) ?? [];
      if (seqs.some((seq, i) => i > 0 && seq !== (seqs[i - 1] as number) + 1)) holes.push(seqs);
    });
    const loading = history.loadUntil('c1', 250);
    // Answer the newest outstanding page first, each time.
    for (let settled = 0; settled < 8; settled++) {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0), { timeout: 30_000 });
      waiting.pop()?.resolve();
    }
    await loading;
    expect(mostInFlight).toBe(4);
    expect(holes).toEqual([]);
    expect(store.getSnapshot().timelines.c1?.messages[0]?.seq).toBe(181);
    expect(store.getSnapshot().timelines.c1?.loadingOlder).toBe(false);
  });

  it('still leaves no hole with a server whose pages are smaller than asked for', async () => {
    const store = createStore(initialState('me'), (error) => {
      throw error;
    });
    const answer = server(1_000);
    const request = vi.fn((name: string, payload: unknown) =>
      answer(name, { ...(payload as object), limit: 60 }),
    );
    const history = new History(store, request as unknown as Request, vi.fn(), 20);
    const holes: number[][] = [];
    store.subscribe(() => {
      const seqs = store.getSnapshot().timelines.c1?.messages.map((m) => m.seq) ?? [];
      if (seqs.some((seq, i) => i > 0 && seq !== (seqs[i - 1] as number) + 1)) holes.push(seqs);
    });
    await history.loadUntil('c1', 250);
    expect(holes).toEqual([]);
    expect(store.getSnapshot().timelines.c1?.messages[0]?.seq).toBeLessThanOrEqual(240);
  });
});
