import { describe, expect, it, vi } from 'vitest';
import { conversation, message } from '../../test/fixtures';
import type { MessagePage } from '../protocol';
import { initialState } from '../store/state';
import { createStore } from '../store/store';
import type { Request } from '../transport/requester';
import { History } from './history';

/** A server holding seq 1..total that pages like the real one: before (or newest), after, around. */
function server(total: number) {
  return vi.fn(async (_name: string, payload: unknown): Promise<MessagePage> => {
    const { before, after, around, limit = 50 } = payload as Record<string, number | undefined>;
    const range = (from: number, to: number) =>
      Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => message(from + i));
    if (after !== undefined) {
      const to = Math.min(total, after + limit);
      return { messages: range(after + 1, to), hasMore: to < total };
    }
    if (around !== undefined) {
      const from = Math.max(1, around - Math.floor(limit / 2));
      const to = Math.min(total, from + limit - 1);
      return { messages: range(from, to), hasMore: from > 1, hasMoreAfter: to < total };
    }
    const end = (before ?? total + 1) - 1;
    const from = Math.max(1, end - limit + 1);
    return { messages: range(from, end), hasMore: from > 1 };
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

/** A window around 250 of 1,000, with an older or a newer page asked for and not answered yet. */
async function awayWithPageOnItsWay(direction: 'older' | 'newer') {
  const context = setup(1_000);
  const { request, history } = context;
  await history.loadNewest('c1');
  await history.loadAround('c1', 250);
  let answer: (page: MessagePage) => void = () => {};
  request.mockImplementationOnce(() => new Promise<MessagePage>((r) => (answer = r)));
  const page = direction === 'older' ? history.loadOlder('c1') : history.loadNewer('c1');
  return { ...context, answer: (reply: MessagePage) => answer(reply), page };
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

  it('jumps far back with one request for the page around a seq, then pages both ways from there without a hole', async () => {
    const { store, request, history, held } = setup(1_000);
    const holes: number[][] = [];
    store.subscribe(() => {
      const seqs = held();
      if (seqs.some((seq, i) => i > 0 && seq !== (seqs[i - 1] as number) + 1)) holes.push(seqs);
    });
    await history.loadNewest('c1');
    request.mockClear();
    await history.loadAround('c1', 250);
    expect(request.mock.calls.map(([, payload]) => payload)).toEqual([
      { conversationId: 'c1', around: 250, limit: 20 },
    ]);
    expect(held()).toEqual(Array.from({ length: 20 }, (_, i) => 240 + i));
    expect(store.getSnapshot().timelines.c1).toMatchObject({
      hasMoreBefore: true,
      hasMoreAfter: true,
      loadingNewer: false,
    });
    await history.loadNewer('c1');
    await history.loadOlder('c1');
    expect(held()).toEqual(Array.from({ length: 60 }, (_, i) => 220 + i));
    expect(holes).toEqual([]);
  });

  it('asks nothing when the message is held, and once when asked twice at once', async () => {
    const { request, history } = setup(1_000);
    await history.loadNewest('c1');
    request.mockClear();
    await history.loadAround('c1', 990);
    expect(request).not.toHaveBeenCalled();
    await Promise.all([history.loadAround('c1', 500), history.loadAround('c1', 500)]);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('jumps in a conversation not loaded yet only after its newest page, which would otherwise replace the jump', async () => {
    const { request, history, held } = setup(1_000);
    await history.loadAround('c1', 250);
    expect(request.mock.calls.map(([, payload]) => payload)).toEqual([
      { conversationId: 'c1', limit: 20 },
      { conversationId: 'c1', around: 250, limit: 20 },
    ]);
    expect(held()).toContain(250);
  });

  it('pages newer until the present, then asks no more', async () => {
    const { store, request, history, held } = setup(60);
    await history.loadNewest('c1');
    await history.loadAround('c1', 10);
    await history.loadNewer('c1');
    await history.loadNewer('c1');
    expect(held()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(store.getSnapshot().timelines.c1?.hasMoreAfter).toBe(false);
    request.mockClear();
    await history.loadNewer('c1');
    expect(request).not.toHaveBeenCalled();
  });

  it('returns to the present with the newest page in place of the window', async () => {
    const { store, history, held } = setup(1_000);
    await history.loadNewest('c1');
    await history.loadAround('c1', 250);
    await history.loadNewest('c1');
    expect(held()).toEqual(Array.from({ length: 20 }, (_, i) => 981 + i));
    expect(store.getSnapshot().timelines.c1).toMatchObject({
      hasMoreBefore: true,
      hasMoreAfter: false,
    });
  });

  it('back at the present, also loads what arrived after the server read the newest page', async () => {
    const { store, request, history, held } = setup(1_000);
    await history.loadNewest('c1');
    await history.loadAround('c1', 250);
    const answer = request.getMockImplementation();
    // The newest page is read at 1,000; message 1,001 commits and arrives live before it lands.
    request.mockImplementationOnce(async (name, payload) => {
      const page = await (answer as NonNullable<typeof answer>)(name, payload);
      store.dispatch({
        type: 'conversationsLoaded',
        conversations: [conversation('c1', { lastSeq: 1_000 })],
      });
      store.dispatch({ type: 'received', message: message(1_001) });
      request.mockImplementation(server(1_001));
      return page;
    });
    await history.loadNewest('c1');
    expect(held().at(-1)).toBe(1_001);
    expect(held()).toEqual(
      Array.from({ length: held().length }, (_, i) => (held()[0] as number) + i),
    );
    expect(store.getSnapshot().timelines.c1?.hasMoreAfter).toBe(false);
  });

  it('a failed load clears its own flag only: an older page on its way still shows as loading', async () => {
    const { store, request, history, held, answer, page } = await awayWithPageOnItsWay('older');
    request.mockRejectedValueOnce(new Error('socket hang up'));
    await history.loadNewer('c1');
    expect(store.getSnapshot().timelines.c1).toMatchObject({
      loadingOlder: true,
      loadingNewer: false,
      error: { code: 'internal' },
    });
    const first = held()[0] ?? 0;
    answer({ messages: [message(first - 2), message(first - 1)], hasMore: true });
    await page;
    expect(held()[0]).toBe(first - 2);
    expect(store.getSnapshot().timelines.c1).toMatchObject({ loadingOlder: false, error: null });
  });

  it('keeps loadingNewer while another load holds it: a failed newest page leaves a newer one loading', async () => {
    const { store, request, history, held, answer, page } = await awayWithPageOnItsWay('newer');
    request.mockRejectedValueOnce(new Error('socket hang up'));
    await history.loadNewest('c1');
    expect(store.getSnapshot().timelines.c1).toMatchObject({
      loadingNewer: true,
      error: { code: 'internal' },
    });
    const last = held().at(-1) ?? 0;
    answer({ messages: [message(last + 1)], hasMore: true });
    await page;
    expect(held().at(-1)).toBe(last + 1);
    expect(store.getSnapshot().timelines.c1).toMatchObject({ loadingNewer: false, error: null });
  });

  it('keeps loadingNewer while another load holds it: a jump that lands first leaves a newer page loading', async () => {
    const { store, history, answer, page } = await awayWithPageOnItsWay('newer');
    await history.loadAround('c1', 500);
    expect(store.getSnapshot().timelines.c1?.loadingNewer).toBe(true);
    answer({ messages: [], hasMore: true });
    await page;
    expect(store.getSnapshot().timelines.c1?.loadingNewer).toBe(false);
  });

  it('records a failed jump in state, keeping what was held', async () => {
    const { store, request, history, held } = setup(1_000);
    await history.loadNewest('c1');
    request.mockRejectedValueOnce(new Error('socket hang up'));
    await expect(history.loadAround('c1', 250)).resolves.toBeUndefined();
    expect(held()[0]).toBe(981);
    expect(store.getSnapshot().timelines.c1).toMatchObject({
      loadingNewer: false,
      error: { code: 'internal' },
    });
  });
});
