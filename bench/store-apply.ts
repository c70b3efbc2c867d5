/**
 * Client CPU time to apply 10,000 incoming messages to the store, the way the
 * socket delivers them (one `received` action each), with and without a
 * subscriber that re-selects the open conversation's rows after every change
 * (what a React view does).
 *
 *   npx tsx bench/store-apply.ts [--runs 7] [--messages 10000] [--conversations 1]
 */
import { parseArgs } from 'node:util';
import type { Conversation, Message } from '../packages/core/src/protocol';
import { createTimelineSelector } from '../packages/core/src/store/selectors';
import { initialState } from '../packages/core/src/store/state';
import { createStore } from '../packages/core/src/store/store';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    messages: { type: 'string', default: '10000' },
    conversations: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const total = Number(values.messages);
const conversationCount = Number(values.conversations);

function conversation(id: string): Conversation {
  return {
    id,
    kind: 'direct',
    title: null,
    metadata: null,
    createdBy: 'me',
    createdAt: '2026-01-01T00:00:00.000Z',
    lastSeq: 0,
    lastChange: 0,
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    participants: ['me', 'bob'].map((userId) => ({
      userId,
      role: 'member' as const,
      joinedAt: '2026-01-01T00:00:00.000Z',
      lastReadSeq: 0,
      lastDeliveredSeq: 0,
    })),
    lastMessage: null,
    unreadCount: 0,
    muted: false,
    archived: false,
  };
}

function messages(): Message[] {
  const seqs = new Map<string, number>();
  return Array.from({ length: total }, (_, i) => {
    const conversationId = `c${i % conversationCount}`;
    const seq = (seqs.get(conversationId) ?? 0) + 1;
    seqs.set(conversationId, seq);
    return {
      id: `m${i}`,
      conversationId,
      seq,
      senderId: i % 3 === 0 ? 'me' : 'bob',
      clientId: `k${i}`,
      kind: 'text',
      body: `message number ${i} with a few words in it`,
      attachments: [],
      replyTo: null,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      editedAt: null,
      deletedAt: null,
      // Only inserts here: each message's change is its seq.
      change: seq,
      reactions: [],
    };
  });
}

type Mode = 'one by one' | 'one by one + timeline subscriber' | 'pages of 100 (gap-fill)';

function run(mode: Mode): number {
  const withSubscriber = mode === 'one by one + timeline subscriber';
  const store = createStore(initialState('me'), (error) => {
    throw error;
  });
  store.dispatch({
    type: 'conversationsLoaded',
    conversations: Array.from({ length: conversationCount }, (_, i) => conversation(`c${i}`)),
  });
  const incoming = messages();
  if (withSubscriber) {
    const rows = createTimelineSelector();
    store.subscribe(() => rows(store.getSnapshot(), 'c0'));
  }
  const before = process.cpuUsage();
  if (mode === 'pages of 100 (gap-fill)') {
    for (let i = 0; i < incoming.length; i += 100) {
      const page = incoming.slice(i, i + 100);
      for (const id of new Set(page.map((m) => m.conversationId))) {
        const messages = page.filter((m) => m.conversationId === id);
        store.dispatch({
          type: 'historyLoaded',
          conversationId: id,
          messages,
          position: 'newer',
          hasMore: true,
        });
      }
    }
  } else {
    for (const message of incoming) store.dispatch({ type: 'received', message });
  }
  const used = process.cpuUsage(before);
  const held = Object.values(store.getSnapshot().timelines).reduce(
    (sum, t) => sum + t.messages.length,
    0,
  );
  if (held !== total) throw new Error(`expected ${total} messages in the store, found ${held}`);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
run('one by one'); // warm-up: let the JIT settle before measuring
const modes: Mode[] = ['one by one', 'one by one + timeline subscriber', 'pages of 100 (gap-fill)'];
for (const mode of modes) {
  const times = Array.from({ length: runs }, () => run(mode));
  console.log(
    `${mode}: ${total} messages into ${conversationCount} conversation(s): median ${median(times).toFixed(1)} ms CPU ` +
      `(${((median(times) * 1000) / total).toFixed(2)} µs/message; runs: ${times.map((t) => t.toFixed(0)).join(', ')})`,
  );
}
