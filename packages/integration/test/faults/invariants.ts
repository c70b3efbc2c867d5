import type { ChatClient, Message } from '@banter/core';
import type { Storage } from '@banter/server-kit';
import pg from 'pg';
import { expect, vi } from 'vitest';
import { until } from '../../src/clients';

/** What was sent into one conversation, in the order each sender sent it. */
export interface SentLog {
  conversationId: string;
  members: ChatClient[];
  /** Every send, in the order it was made (each sender's own order matters; senders interleave freely). */
  sends: { senderId: string; body: string }[];
}

/**
 * The end state every fault case must reach: on every member, each message sent is
 * shown exactly once, confirmed, in gapless `seq` order, each sender's messages in the
 * order they were sent, and nothing is left in the outbox.
 */
export async function expectShownOnce(log: SentLog, timeout = 60_000) {
  const { conversationId, sends } = log;
  for (const client of log.members) {
    await until(
      client,
      (s) => {
        const timeline = s.timelines[conversationId];
        expect(timeline?.pending).toEqual([]);
        expect(timeline?.messages.length).toBe(sends.length);
      },
      timeout,
    );
    const messages = client.getSnapshot().timelines[conversationId]?.messages ?? [];
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(sorted(messages.map((m) => m.body))).toEqual(sorted(sends.map((s) => s.body)));
    for (const senderId of new Set(sends.map((s) => s.senderId))) {
      expect(messages.filter((m) => m.senderId === senderId).map((m) => m.body)).toEqual(
        sends.filter((s) => s.senderId === senderId).map((s) => s.body),
      );
    }
  }
}

/** Each message sent is stored exactly once: nothing lost, nothing written twice. */
export async function expectStoredOnce(pgUrl: string, log: SentLog, schema = 'chat') {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ body: string; seq: string }>(
      `SELECT body, seq FROM ${schema}.messages WHERE conversation_id = $1 ORDER BY seq`,
      [log.conversationId],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(sorted(rows.map((r) => r.body))).toEqual(sorted(log.sends.map((s) => s.body)));
  } finally {
    await client.end();
  }
}

const sorted = (values: string[]) => [...values].sort();

/** What a viewer must show of a message as the store holds it: its text, its state, its reactions. */
const shown = (m: Message) => ({
  seq: m.seq,
  body: m.body,
  editedAt: m.editedAt,
  deletedAt: m.deletedAt,
  reactions: m.reactions.map(({ emoji, count, userIds, reacted }) => ({
    emoji,
    count,
    userIds,
    reacted,
  })),
});

/** A whole conversation as the store holds it for one viewer (their own `reacted` flags set). */
export async function storedFor(
  storage: Pick<Storage, 'listMessages'>,
  conversationId: string,
  viewerId: string,
) {
  const page = await storage.listMessages(conversationId, { after: 0, limit: 1_000 }, viewerId);
  expect(page.hasMore).toBe(false);
  return page.messages.map(shown);
}

/**
 * Once every client's outbox is empty, each shows every message of the
 * conversation as the store holds it for that client: text, edits, deletions,
 * reactions with their counts, users and the client's own `reacted` flags. The
 * store is read again on every try, so a change still on its way is waited for
 * on both sides rather than raced.
 */
export async function expectShownAsStored(
  storage: Pick<Storage, 'listMessages'>,
  clients: ChatClient[],
  conversationId: string,
  timeout = 30_000,
) {
  for (const client of clients) {
    await until(
      client,
      (state) => {
        const timeline = state.timelines[conversationId];
        expect(timeline?.pending, client.userId).toEqual([]);
        expect(timeline?.actions, client.userId).toEqual([]);
      },
      timeout,
    );
  }
  for (const client of clients) {
    await vi.waitFor(
      async () => {
        const stored = await storedFor(storage, conversationId, client.userId);
        const messages = client.getSnapshot().timelines[conversationId]?.messages ?? [];
        expect(messages.map(shown), client.userId).toEqual(stored);
      },
      { timeout, interval: 100 },
    );
  }
}

/** A seeded generator, so a failing run can be replayed with the seed the test prints. */
export function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: small, fast, and good enough to spread fault timings.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return {
    seed,
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
