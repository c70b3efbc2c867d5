import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/postgres-database';
import { postgresStorage } from '../storage/postgres';
import { type SqlAccess, sqlAccessOf } from '../storage/sql-access';
import type { Storage } from '../storage/storage';
import type { SearchPosition } from './search-cursor';
import type { SearchPlan } from './search-plan';
import { searchMessagesSql } from './sql-search';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: Storage;
let sql: SqlAccess;
const start = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  database = await createTestDatabase('search');
  storage = await postgresStorage({ connectionString: database.url, maxConnections: 4 });
  sql = sqlAccessOf(storage) as SqlAccess;
  // Ann is in three groups, Bob's group is not hers. Every message says "hello"; every tenth of
  // Ann's says "rare"; the newest ones of one group say "hello" the most, to make the walk go back.
  const groups = ['g1', 'g2', 'g3', 'bobs'];
  for (const id of groups) {
    const members = id === 'bobs' ? ['bob'] : ['ann', 'bob'];
    await storage.createGroupConversation({
      id,
      createdBy: members[0] as string,
      participantIds: members,
      title: id,
      metadata: null,
      now: new Date(start),
    });
  }
  for (let i = 0; i < 240; i++) {
    const conversationId = groups[i % 4] as string;
    const rare = i % 10 === 0 && conversationId !== 'bobs';
    await storage.insertMessage({
      id: `m${i}`,
      conversationId,
      senderId: 'bob',
      clientId: randomUUID(),
      kind: 'text',
      body: `hello ${rare ? 'rare' : 'there'} ${i}`,
      attachments: [],
      replyTo: null,
      now: new Date(start + (i >= 200 && conversationId === 'g2' ? 10_000 : i) * 1000),
    });
  }
  await sql.query('ANALYZE banter.messages');
});

afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

/** Every page of a search, 7 hits at a time, as the bodies' numbers. */
async function allPages(query: string, conversationId: string | null, plan?: SearchPlan) {
  const pages: string[][] = [];
  const plans = new Set<SearchPlan>();
  let after: SearchPosition | null = null;
  for (;;) {
    const found = await searchMessagesSql(sql, 'simple', {
      viewerId: 'ann',
      query,
      conversationId,
      after,
      limit: 7,
      ...(plan ? { plan } : {}),
    });
    plans.add(found.plan);
    pages.push(found.messages.map((m) => m.id));
    const last = found.messages.at(-1);
    if (found.messages.length < 7 || !last) return { pages, plans: [...plans] };
    after = { createdAt: last.createdAt, messageId: last.id };
  }
}

/** What a search should answer: the caller's messages with the word, newest first. */
function expected(word: RegExp, conversations: string[]) {
  const ids: { id: string; at: number }[] = [];
  for (let i = 0; i < 240; i++) {
    const conversationId = ['g1', 'g2', 'g3', 'bobs'][i % 4] as string;
    const body = `hello ${i % 10 === 0 && conversationId !== 'bobs' ? 'rare' : 'there'} ${i}`;
    if (!conversations.includes(conversationId) || !word.test(body)) continue;
    ids.push({ id: `m${i}`, at: i >= 200 && conversationId === 'g2' ? 10_000 + i : i });
  }
  const sorted = ids.sort((a, b) => b.at - a.at).map((hit) => hit.id);
  const pages: string[][] = [];
  for (let i = 0; i <= sorted.length; i += 7) pages.push(sorted.slice(i, i + 7));
  return pages;
}

describe('the built-in search on PostgreSQL', () => {
  it('walks the conversations for a word in every message, and reads the index for a rare one', async () => {
    const common = await allPages('hello', null);
    expect(common.pages).toEqual(expected(/hello/, ['g1', 'g2', 'g3']));
    expect(common.plans).toEqual(['walk']);
    const rare = await allPages('rare', null);
    expect(rare.pages).toEqual(expected(/rare/, ['g1', 'g2', 'g3']));
    expect(rare.plans).toEqual(['bitmap']);
  });

  it('answers alike through either plan, past the runs after which PostgreSQL may plan generically', async () => {
    for (let round = 0; round < 4; round++) {
      for (const plan of ['walk', 'bitmap'] as const) {
        expect((await allPages('hello', null, plan)).pages).toEqual(
          expected(/hello/, ['g1', 'g2', 'g3']),
        );
        expect((await allPages('ra', 'g2', plan)).pages).toEqual(expected(/rare/, ['g2']));
        expect((await allPages('hello', 'bobs', plan)).pages).toEqual([[]]);
      }
    }
  });
});
