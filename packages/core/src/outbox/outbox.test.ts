import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError, type Message, type SendResult } from '../protocol';
import { initialState, type PendingAction, type PendingMessage } from '../store/state';
import { createStore } from '../store/store';
import { Outbox } from './outbox';
import { contentsOf, memoryOutboxStorage, type OutboxStorage } from './outbox-storage';

/** What the storage holds now. */
const saved = async (storage: OutboxStorage) => contentsOf(await storage.load(me));
const savedMessages = async (storage: OutboxStorage) => (await saved(storage)).messages;

/** An edit of Bob's message m1 in c1, as the client queues it. */
function edit(id: string, body = `edit ${id}`): PendingAction {
  return {
    id,
    conversationId: 'c1',
    messageId: 'm1',
    sendClientId: null,
    kind: 'edit',
    body,
    emoji: null,
    createdAt: '2024-01-01T00:02:00.000Z',
    status: 'sending',
    error: null,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const me = 'me';

function draft(clientId: string, conversationId = 'c1', over: Partial<PendingMessage> = {}) {
  const message: PendingMessage = {
    clientId,
    conversationId,
    senderId: me,
    kind: 'text',
    body: `text of ${clientId}`,
    attachments: [],
    replyTo: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    status: 'sending',
    error: null,
  };
  return { ...message, ...over };
}

interface Attempt {
  message: PendingMessage;
  resolve(result: SendResult): void;
  reject(error: unknown): void;
}

function setup(storage: OutboxStorage = memoryOutboxStorage()) {
  const store = createStore(initialState(me), (error) => {
    throw error;
  });
  const attempts: Attempt[] = [];
  // The server: one stored copy per clientId, as its idempotency guarantees.
  const stored = new Map<string, Message>();
  const commit = (m: PendingMessage) => {
    const existing = stored.get(m.clientId);
    if (existing) return existing;
    const seq =
      [...stored.values()].filter((s) => s.conversationId === m.conversationId).length + 1;
    const message: Message = {
      ...m,
      id: `id-${m.clientId}`,
      seq,
      change: seq,
      reactions: [],
      createdAt: '2024-01-01T00:01:00.000Z',
      editedAt: null,
      deletedAt: null,
    };
    stored.set(m.clientId, message);
    return message;
  };
  const send = vi.fn(
    (message: PendingMessage) =>
      new Promise<SendResult>((resolve, reject) => attempts.push({ message, resolve, reject })),
  );
  const actAttempts: {
    action: PendingAction;
    resolve: (message: Message) => void;
    reject: (error: unknown) => void;
  }[] = [];
  const act = vi.fn(
    (action: PendingAction) =>
      new Promise<Message>((resolve, reject) => actAttempts.push({ action, resolve, reject })),
  );
  let online = true;
  const errors: unknown[] = [];
  const outbox = new Outbox({
    store,
    storage,
    send,
    act,
    block: async ({ userId, blocked }) => ({ userId, blocked }),
    canSend: () => online,
    backoff: { minMs: 100, maxMs: 1_000, factor: 2 },
    random: () => 1,
    onError: (error) => errors.push(error),
  });

  const settle = () => vi.advanceTimersByTimeAsync(0);
  const latest = (clientId: string) => {
    const attempt = attempts.findLast((a) => a.message.clientId === clientId);
    if (!attempt) throw new Error(`${clientId} was never sent`);
    return attempt;
  };
  const timeline = (conversationId = 'c1') => store.getSnapshot().timelines[conversationId];

  return {
    store,
    storage,
    outbox,
    errors,
    setOnline(value: boolean) {
      online = value;
    },
    /** Action ids in the order they went to the server, one entry per attempt. */
    acted: () => act.mock.calls.map(([a]) => a.id),
    /** The server applies the latest attempt of the action and answers the message. */
    async answerAction(id: string, message: Message) {
      const attempt = actAttempts.findLast((a) => a.action.id === id);
      if (!attempt) throw new Error(`${id} was never sent`);
      attempt.resolve(message);
      await settle();
    },
    async failAction(id: string, error: unknown) {
      const attempt = actAttempts.findLast((a) => a.action.id === id);
      if (!attempt) throw new Error(`${id} was never sent`);
      attempt.reject(error);
      await settle();
    },
    actions: (conversationId = 'c1') =>
      timeline(conversationId)?.actions.map((a) => `${a.id}:${a.status}`) ?? [],
    /** clientIds in the order they went to the server, one entry per attempt. */
    sent: () => send.mock.calls.map(([m]) => m.clientId),
    /** The server stores and answers the latest attempt of `clientId`. */
    async ack(clientId: string) {
      const attempt = latest(clientId);
      const created = !stored.has(clientId);
      attempt.resolve({ message: commit(attempt.message), created });
      await settle();
    },
    /** The server stores the message but its answer never comes back. */
    storeWithoutAnswer(clientId: string) {
      commit(latest(clientId).message);
    },
    storedCopy: (clientId: string) => stored.get(clientId),
    async fail(clientId: string, error: unknown) {
      latest(clientId).reject(error);
      await settle();
    },
    settle,
    pending: (conversationId = 'c1') =>
      timeline(conversationId)?.pending.map((p) => `${p.clientId}:${p.status}`) ?? [],
    confirmed: (conversationId = 'c1') =>
      timeline(conversationId)?.messages.map((m) => m.clientId) ?? [],
  };
}

describe('Outbox: order', () => {
  it('sends the messages of a conversation one at a time, in the order written', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    chat.outbox.enqueue(draft('b'));
    chat.outbox.enqueue(draft('c'));
    await chat.settle();
    expect(chat.sent()).toEqual(['a']);
    expect(chat.pending()).toEqual(['a:sending', 'b:sending', 'c:sending']);

    await chat.ack('a');
    expect(chat.sent()).toEqual(['a', 'b']);
    await chat.ack('b');
    await chat.ack('c');

    expect(chat.sent()).toEqual(['a', 'b', 'c']);
    expect(chat.confirmed()).toEqual(['a', 'b', 'c']);
    expect(chat.pending()).toEqual([]);
  });

  it('lets each conversation send on its own, even while another waits to retry', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a', 'c1'));
    chat.outbox.enqueue(draft('x', 'c2'));
    expect(chat.sent()).toEqual(['a', 'x']);

    await chat.fail('a', new ChatError('timeout'));
    await chat.ack('x');
    chat.outbox.enqueue(draft('y', 'c2'));
    await chat.settle();

    expect(chat.sent()).toEqual(['a', 'x', 'y']);
  });
});

describe('Outbox: retries', () => {
  it('sends a timed-out message again, with the same clientId, after the backoff delay', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    await chat.fail('a', new ChatError('timeout'));
    expect(chat.pending()).toEqual(['a:sending']);

    await vi.advanceTimersByTimeAsync(99);
    expect(chat.sent()).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(chat.sent()).toEqual(['a', 'a']);

    // The next wait is twice as long.
    await chat.fail('a', new ChatError('unavailable'));
    await vi.advanceTimersByTimeAsync(199);
    expect(chat.sent()).toEqual(['a', 'a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(chat.sent()).toEqual(['a', 'a', 'a']);
  });

  it('keeps a retried send from creating a second message', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    // The server stored the first attempt, but its answer was lost.
    chat.storeWithoutAnswer('a');
    await chat.fail('a', new ChatError('timeout'));

    await vi.advanceTimersByTimeAsync(100);
    expect(chat.sent()).toEqual(['a', 'a']);
    await chat.ack('a');

    expect(chat.confirmed()).toEqual(['a']);
    expect(chat.pending()).toEqual([]);
  });

  it('does not send again a message whose broadcast arrived while it waited to retry', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    chat.storeWithoutAnswer('a');
    await chat.fail('a', new ChatError('timeout'));

    chat.store.dispatch({ type: 'received', message: chat.storedCopy('a') as Message });
    await vi.advanceTimersByTimeAsync(1_000);

    expect(chat.sent()).toEqual(['a']);
    expect(chat.confirmed()).toEqual(['a']);
    expect(chat.pending()).toEqual([]);
  });

  it('waits as long as the server asks after rate_limited', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    await chat.fail('a', new ChatError('rate_limited', undefined, { retryAfterMs: 5_000 }));

    await vi.advanceTimersByTimeAsync(4_999);
    expect(chat.sent()).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(chat.sent()).toEqual(['a', 'a']);
  });

  it('holds later messages of the conversation until the retried one is through', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    await chat.fail('a', new ChatError('timeout'));
    chat.outbox.enqueue(draft('b'));
    await chat.settle();
    expect(chat.sent()).toEqual(['a']);

    await vi.advanceTimersByTimeAsync(100);
    await chat.ack('a');

    expect(chat.sent()).toEqual(['a', 'a', 'b']);
  });
});

describe('Outbox: refused sends', () => {
  it('marks a refused message failed with the reason, and sends the next one', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    chat.outbox.enqueue(draft('b'));
    await chat.fail(
      'a',
      new ChatError('rejected', 'unable to send message: contains a phone number'),
    );

    expect(chat.store.getSnapshot().timelines.c1?.pending[0]).toMatchObject({
      clientId: 'a',
      status: 'failed',
      error: {
        code: 'rejected',
        message: 'unable to send message: contains a phone number',
        retryable: false,
      },
    });
    expect(chat.sent()).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(chat.sent()).toEqual(['a', 'b']);
  });

  it('keeps the field issues of a bad_request', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    const issues = [{ path: 'attachments.0.url', message: 'must be a URL' }];
    await chat.fail('a', new ChatError('bad_request', 'invalid message', { issues }));
    expect(chat.store.getSnapshot().timelines.c1?.pending[0]?.error).toMatchObject({
      code: 'bad_request',
      issues,
    });
  });

  it('sends a failed message again on retry(), with the same clientId', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    await chat.fail('a', new ChatError('rejected'));

    chat.outbox.retry('a');
    expect(chat.pending()).toEqual(['a:sending']);
    await chat.settle();
    expect(chat.sent()).toEqual(['a', 'a']);
    await chat.ack('a');

    expect(chat.confirmed()).toEqual(['a']);
    expect(chat.pending()).toEqual([]);
  });

  it('drops a failed message on discard(), but never one still sending', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    chat.outbox.enqueue(draft('b'));
    await chat.fail('a', new ChatError('rejected'));

    chat.outbox.discard('a');
    chat.outbox.discard('b');
    await chat.outbox.flushed();

    expect(chat.pending()).toEqual(['b:sending']);
    expect((await savedMessages(chat.storage)).map((p) => p.clientId)).toEqual(['b']);
  });
});

describe('Outbox: connectivity', () => {
  it('holds every message while it cannot send, and sends them on kick()', async () => {
    const chat = setup();
    chat.setOnline(false);
    chat.outbox.enqueue(draft('a', 'c1'));
    chat.outbox.enqueue(draft('x', 'c2'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(chat.sent()).toEqual([]);
    expect(chat.pending('c1')).toEqual(['a:sending']);

    chat.setOnline(true);
    chat.outbox.kick();

    expect(chat.sent()).toEqual(['a', 'x']);
  });

  it('cuts a waiting retry short when kicked with now', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    await chat.fail('a', new ChatError('rate_limited', undefined, { retryAfterMs: 30_000 }));

    chat.outbox.kick();
    await chat.settle();
    expect(chat.sent()).toEqual(['a']);

    chat.outbox.kick(undefined, { now: true });
    await chat.settle();
    expect(chat.sent()).toEqual(['a', 'a']);
    // The cancelled timer does not send it a third time.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(chat.sent()).toEqual(['a', 'a']);
  });

  it('stops retrying once closed', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    await chat.fail('a', new ChatError('timeout'));

    chat.outbox.close();
    chat.outbox.kick(undefined, { now: true });
    await vi.advanceTimersByTimeAsync(60_000);

    expect(chat.sent()).toEqual(['a']);
  });
});

describe('Outbox: closing mid-send', () => {
  it('leaves no retry timer behind when a send fails after close', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    chat.outbox.close();
    await chat.fail('a', new ChatError('timeout'));
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Outbox: persistence', () => {
  it('saves a message when it is written and forgets it once the server has it', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    await chat.outbox.flushed();
    expect(await savedMessages(chat.storage)).toMatchObject([{ clientId: 'a', body: 'text of a' }]);

    await chat.ack('a');
    await chat.outbox.flushed();

    expect(await savedMessages(chat.storage)).toEqual([]);
    expect(chat.errors).toEqual([]);
  });

  it("restores and sends what the user's previous session left unsent", async () => {
    const storage = memoryOutboxStorage();
    await storage.save(
      me,
      [draft('mine'), draft('theirs', 'c1', { senderId: 'someone-else' })],
      [],
    );
    const chat = setup(storage);

    await chat.outbox.restore();

    expect(chat.pending()).toEqual(['mine:sending']);
    expect(chat.sent()).toEqual(['mine']);
    await chat.ack('mine');
    expect(chat.confirmed()).toEqual(['mine']);
  });

  it('reports a storage that fails through onError and still sends', async () => {
    const broken = new Error('quota exceeded');
    const chat = setup({
      load: () => [],
      save: () => {
        throw broken;
      },
    });
    chat.outbox.enqueue(draft('a'));
    await chat.outbox.flushed();

    expect(chat.errors).toEqual([broken]);
    expect(chat.sent()).toEqual(['a']);
  });
});

describe('Outbox: actions on messages', () => {
  const bobsMessage = (body: string, change: number): Message => ({
    id: 'm1',
    conversationId: 'c1',
    seq: 1,
    senderId: 'bob',
    clientId: 'bob-1',
    kind: 'text',
    body,
    attachments: [],
    replyTo: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    reactions: [],
    change,
  });

  it('applies an action after the sends queued before it, and forgets it once answered', async () => {
    const chat = setup();
    chat.outbox.enqueue(draft('a'));
    chat.outbox.enqueueAction(edit('e1'));
    await chat.settle();
    expect([chat.sent(), chat.acted()]).toEqual([['a'], []]);
    expect(chat.actions()).toEqual(['e1:sending']);
    await chat.ack('a');
    expect(chat.acted()).toEqual(['e1']);
    await chat.answerAction('e1', bobsMessage('edit e1', 3));
    expect(chat.actions()).toEqual([]);
    expect(chat.store.getSnapshot().timelines.c1?.messages.find((m) => m.id === 'm1')?.body).toBe(
      'edit e1',
    );
  });

  it('retries an action with the same id after a retryable error, and marks a refusal failed', async () => {
    const chat = setup();
    chat.outbox.enqueueAction(edit('e1'));
    chat.outbox.enqueueAction(edit('e2'));
    await chat.settle();
    await chat.failAction('e1', new ChatError('unavailable'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(chat.acted()).toEqual(['e1', 'e1']);
    await chat.failAction('e1', new ChatError('forbidden', 'only its sender may'));
    expect(chat.actions()).toEqual(['e1:failed', 'e2:sending']);
    expect(chat.acted()).toEqual(['e1', 'e1', 'e2']);
    await chat.answerAction('e2', bobsMessage('edit e2', 2));

    chat.outbox.retryAction('e1');
    await chat.settle();
    expect(chat.acted()).toEqual(['e1', 'e1', 'e2', 'e1']);
    await chat.failAction('e1', new ChatError('forbidden'));
    chat.outbox.discardAction('e1');
    expect(chat.actions()).toEqual([]);
  });

  it('keeps unapplied actions in storage and sends them after a reload', async () => {
    const chat = setup();
    chat.setOnline(false);
    chat.outbox.enqueueAction(edit('e1'));
    await chat.outbox.flushed();
    expect((await saved(chat.storage)).actions.map((a) => a.id)).toEqual(['e1']);

    const reloaded = setup(chat.storage);
    await reloaded.outbox.restore();
    await reloaded.settle();
    expect(reloaded.acted()).toEqual(['e1']);
    await reloaded.answerAction('e1', bobsMessage('edit e1', 2));
    await reloaded.outbox.flushed();
    expect((await saved(reloaded.storage)).actions).toEqual([]);
  });
});
