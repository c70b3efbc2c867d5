import type { ChatClient } from '@banter/core';
import pg from 'pg';
import { expect } from 'vitest';
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
