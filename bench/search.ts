/**
 * Message search on PostgreSQL at scale (issue 14): 1,000,000 messages in 10,000
 * conversations, generated with set-based SQL in a database of its own (created, then dropped).
 *
 * - Search: p95 latency of `message:search`'s query (the built-in SQL and its reactions read,
 *   as the server runs it) for a user in 100 conversations, over a mix of queries (common,
 *   middling and rare words, two words, 2–6 letters of a word being typed, and a word or prefix
 *   in one conversation), per run and per kind with the plan each took; medians of runs.
 *   Through the stored words column (what the migrations create) and, on a copy, through an
 *   expression index (`to_tsvector('simple', body)`, the alternative; `--skip-expression`).
 * - Sends: messages per second through the storage's send path (group commit, 32 in flight)
 *   into the three schemas (column and indexes, expression index, none of search's indexes), in
 *   alternating rounds of the same run; medians, and the median of each round's ratio.
 *
 *   npx tsx bench/search.ts [--runs 5] [--searches 200] [--sends 2000] [--rounds 4]
 *     [--skip-expression] [--keep | --reuse DB]
 *
 * Generating and copying take minutes: `--keep` leaves the database for `--reuse` (the name is
 * printed), which measures again without generating; drop it with `DROP DATABASE` when done.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), or `--url`.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { searchMessagesSql, type WordsSource } from '../packages/server-kit/src/search/sql-search';
import { postgresStorage } from '../packages/server-kit/src/storage/postgres';
import { sqlAccessOf } from '../packages/server-kit/src/storage/sql-access';
import type { Storage } from '../packages/server-kit/src/storage/storage';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    searches: { type: 'string', default: '200' },
    sends: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '4' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    'skip-expression': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const searches = Number(values.searches);
const sendsPerRound = Number(values.sends);
const rounds = Number(values.rounds);
const conversations = 10_000;
const perConversation = 100;
const vocabulary = 5_000;
const searcher = 'u0';

const database = values.reuse ?? `banter_search_bench_${process.pid}`;
if (!/^banter_search_bench_[0-9]+$/.test(database)) {
  throw new Error(`not a database this bench made: ${database}`);
}
const admin = new pg.Client({ connectionString: `${values.url}/postgres` });
await admin.connect();
if (!values.reuse) await admin.query(`CREATE DATABASE ${database}`);
const dropAtEnd = !values.keep && !values.reuse;
console.log(`database ${database}${dropAtEnd ? '' : ' (kept)'}`);
const url = `${values.url}/${database}`;
const db = new pg.Client({ connectionString: url });
const stores: Storage[] = [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)
  ] as number;
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Word n of the vocabulary, as SQL: four syllables picked by its digits, so every word is distinct. */
const wordSql = (n: string) =>
  `(ARRAY['ka','lo','mi','ne','ru','ta','po','si','de','vu'])[${n} % 10 + 1] ||
   (ARRAY['ba','re','ti','go','mu','la','fe','zo','ni','sa'])[${n} / 10 % 10 + 1] ||
   (ARRAY['ko','di','pa','le','tu','ma','ve','ro','gi','na'])[${n} / 100 % 10 + 1] ||
   (ARRAY['n','r','s','l','t'])[${n} / 1000 % 5 + 1]`;
const syllables = [
  ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'po', 'si', 'de', 'vu'],
  ['ba', 're', 'ti', 'go', 'mu', 'la', 'fe', 'zo', 'ni', 'sa'],
  ['ko', 'di', 'pa', 'le', 'tu', 'ma', 've', 'ro', 'gi', 'na'],
  ['n', 'r', 's', 'l', 't'],
];
/** Word n, as `wordSql` makes it. */
const wordOf = (n: number) =>
  syllables.map((list, i) => list[Math.floor(n / 10 ** i) % list.length]).join('');

/** Conversations, participants (the searcher in every 100th), and messages whose words follow a skewed distribution. */
async function generate(schema: string) {
  // Built once loaded: one index build is much faster than a million index insertions.
  await db.query(
    `DROP INDEX ${schema}.messages_search; DROP INDEX ${schema}.messages_by_conversation_time`,
  );
  const started = process.hrtime.bigint();
  await db.query(`
    INSERT INTO ${schema}.conversations (id, kind, title, created_by, created_at, last_seq, last_change, last_activity_at)
    SELECT 'c' || i, 'group', 'c' || i, 'u1', timestamptz '2026-01-01', ${perConversation}, ${perConversation}, timestamptz '2026-06-01'
    FROM generate_series(0, ${conversations - 1}) i`);
  await db.query(`
    INSERT INTO ${schema}.participants (conversation_id, user_id, role, joined_at)
    SELECT 'c' || i, u, CASE WHEN u = 'u1' THEN 'owner' ELSE 'member' END, timestamptz '2026-01-01'
    FROM generate_series(0, ${conversations - 1}) i,
         LATERAL (SELECT DISTINCT u FROM (VALUES ('u1'), ('u' || (2 + i % 3000)),
                  (CASE WHEN i % 100 = 0 THEN '${searcher}' ELSE 'u' || (3002 + i % 2000) END)) AS v (u)) p`);
  // random()^3 skews towards the first words: the top 10 make about 13% of all words, as
  // "the", "a" and "and" do in English ('simple' keeps them).
  await db.query(`
    WITH v AS (SELECT array_agg(${wordSql('n')} ORDER BY n) AS words FROM generate_series(0, ${vocabulary - 1}) n)
    INSERT INTO ${schema}.messages (id, conversation_id, seq, sender_id, client_id, kind, body, created_at, change)
    SELECT 'm' || c || '-' || j, 'c' || c, j, 'u' || (2 + c % 3000), 'k' || c || '-' || j, 'text',
      (SELECT string_agg(v.words[1 + floor(power(random(), 3) * ${vocabulary})::int + 0 * g], ' ')
         FROM generate_series(1, 4 + (c + j) % 12) g),
      timestamptz '2026-01-01' + (j * ${conversations} + c) * interval '1 second', j
    FROM generate_series(1, ${perConversation}) j, generate_series(0, ${conversations - 1}) c, v`);
  const loaded = elapsed(started);
  const indexed = process.hrtime.bigint();
  await db.query(
    `CREATE INDEX messages_search ON ${schema}.messages USING gin (search_words) WHERE deleted_at IS NULL;
     CREATE INDEX messages_by_conversation_time ON ${schema}.messages (conversation_id, created_at, id)
       WHERE deleted_at IS NULL`,
  );
  await db.query(`ANALYZE ${schema}.messages; ANALYZE ${schema}.participants`);
  return { loadMs: loaded, indexMs: elapsed(indexed) };
}

/** A kind of search someone makes: what they type, and where. */
interface SearchKind {
  name: string;
  query: () => string;
  /** Search one of the searcher's conversations rather than all of them. */
  scoped: boolean;
}

const pick = (from: number, count: number) => from + Math.floor(Math.random() * count);
/** The first 2–6 letters of a word: what is in the box while it is being typed. */
const typing = (word: string) => word.slice(0, pick(2, 5));
const searchKinds: SearchKind[] = [
  { name: 'common', query: () => wordOf(pick(0, 5)), scoped: false }, // top five words
  { name: 'middling', query: () => wordOf(pick(50, 500)), scoped: false },
  { name: 'rare', query: () => wordOf(pick(3_000, 2_000)), scoped: false },
  {
    name: 'two words',
    query: () => `${wordOf(pick(0, 50))} ${wordOf(pick(100, 900))}`,
    scoped: false,
  },
  { name: 'prefix', query: () => typing(wordOf(pick(0, vocabulary))), scoped: false },
  {
    name: 'one conversation',
    query: () =>
      pick(0, 2) === 0 ? wordOf(pick(0, vocabulary)) : typing(wordOf(pick(0, vocabulary))),
    scoped: true,
  },
];

interface RunResult {
  p50: number;
  p95: number;
  hits: number;
  /** Per kind: p50, p95, and how often each plan ran. */
  kinds: { name: string; p50: number; p95: number; plans: string }[];
}

/** `searches` searches taking turns through the kinds, one at a time, as `message:search` runs them. */
async function searchRun(storage: Storage, words: WordsSource): Promise<RunResult> {
  const sql = sqlAccessOf(storage);
  if (!sql) throw new Error('postgresStorage registers its SQL access');
  const times: number[] = [];
  const byKind = searchKinds.map(() => ({
    times: [] as number[],
    plans: new Map<string, number>(),
  }));
  let hits = 0;
  for (let i = 0; i < searches; i++) {
    const k = i % searchKinds.length;
    const kind = searchKinds[k] as SearchKind;
    const conversationId = kind.scoped ? `c${pick(0, conversations / 100) * 100}` : null;
    const started = process.hrtime.bigint();
    const found = await searchMessagesSql(
      sql,
      'simple',
      { viewerId: searcher, query: kind.query(), conversationId, after: null, limit: 21 },
      words,
    );
    const took = elapsed(started);
    times.push(took);
    const mine = byKind[k] as (typeof byKind)[number];
    mine.times.push(took);
    mine.plans.set(found.plan, (mine.plans.get(found.plan) ?? 0) + 1);
    hits += found.messages.length;
  }
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    hits,
    kinds: searchKinds.map((kind, k) => {
      const mine = byKind[k] as (typeof byKind)[number];
      return {
        name: kind.name,
        p50: percentile(mine.times, 50),
        p95: percentile(mine.times, 95),
        plans: [...mine.plans].map(([plan, n]) => `${plan} ${n}`).join(', '),
      };
    }),
  };
}

/** Sends per second into one schema: `sendsPerRound` messages, 32 in flight, spread over 1,000 conversations. */
async function sendRound(storage: Storage): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < sendsPerRound) {
      const n = next++;
      const c = (n * 7919) % 1_000;
      await storage.insertMessage({
        id: randomUUID(),
        conversationId: `c${c}`,
        senderId: `u${2 + (c % 3000)}`,
        clientId: randomUUID(),
        kind: 'text',
        body: `${wordOf(n % vocabulary)} ${wordOf((n * 31) % vocabulary)} and some more words in a message ${n}`,
        attachments: [],
        replyTo: null,
        now: new Date(),
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return sendsPerRound / (elapsed(started) / 1000);
}

try {
  await db.connect();
  const open = async (schema: string) => {
    const storage = await postgresStorage({ connectionString: url, schema, maxConnections: 8 });
    stores.push(storage);
    return storage;
  };
  const on = await open('search_on');
  let expression: Storage;
  let none: Storage;
  if (values.reuse) {
    expression = await open('search_expr');
    none = await open('search_off');
  } else {
    const generated = await generate('search_on');
    console.log(
      `generated ${conversations * perConversation} messages in ${conversations} conversations: ${(generated.loadMs / 1000).toFixed(1)} s, words index built in ${(generated.indexMs / 1000).toFixed(1)} s`,
    );
    // The same data in schemas with an expression index instead, and with no search at all.
    const copy = async (schema: string, index: string | null) => {
      const storage = await postgresStorage({ connectionString: url, schema, maxConnections: 8 });
      stores.push(storage);
      await db.query(
        `DROP INDEX ${schema}.messages_search; ALTER TABLE ${schema}.messages DROP COLUMN search_words`,
      );
      for (const table of ['conversations', 'participants', 'messages']) {
        const columns = (
          await db.query(
            `SELECT string_agg(quote_ident(column_name), ', ') AS list FROM information_schema.columns
             WHERE table_schema = 'search_on' AND table_name = $1 AND is_generated = 'NEVER'`,
            [table],
          )
        ).rows[0].list;
        await db.query(
          `INSERT INTO ${schema}.${table} (${columns}) SELECT ${columns} FROM search_on.${table}`,
        );
      }
      if (index) await db.query(index.replaceAll('{schema}', schema));
      await db.query(`ANALYZE ${schema}.messages; ANALYZE ${schema}.participants`);
      return storage;
    };
    expression = await copy(
      'search_expr',
      `CREATE INDEX messages_search ON {schema}.messages USING gin (to_tsvector('simple'::regconfig, body)) WHERE deleted_at IS NULL`,
    );
    none = await copy('search_off', null);
  }
  // "No search" has none of search's indexes (an older kept database met the walk's migration).
  await db.query('DROP INDEX IF EXISTS search_off.messages_by_conversation_time');
  await db.query('ANALYZE search_on.messages; ANALYZE search_expr.messages');

  for (const [name, storage, words] of [
    ['stored column', on, 'column'],
    ...(values['skip-expression'] ? [] : [['expression index', expression, 'expression']]),
  ] as const) {
    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run++) {
      const load = loadavg()[0]?.toFixed(1);
      const result = await searchRun(storage, words);
      results.push(result);
      console.log(
        `search (${name}) run ${run}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (${searches} searches, ${result.hits} hits, load average ${load} before)`,
      );
      for (const kind of result.kinds) {
        console.log(
          `  ${kind.name}: p50 ${kind.p50.toFixed(1)}, p95 ${kind.p95.toFixed(1)} ms (${kind.plans})`,
        );
      }
    }
    const of = (pick: (r: RunResult) => number) => median(results.map(pick)).toFixed(1);
    console.log(
      `search (${name}), median of ${runs} runs: p50 ${of((r) => r.p50)} ms, p95 ${of((r) => r.p95)} ms`,
    );
    for (const [k, kind] of searchKinds.entries()) {
      const at = (r: RunResult) => r.kinds[k] as RunResult['kinds'][number];
      console.log(`  ${kind.name}: p50 ${of((r) => at(r).p50)} ms, p95 ${of((r) => at(r).p95)} ms`);
    }
  }

  const variants = [
    { name: 'stored column', storage: on },
    { name: 'expression index', storage: expression },
    { name: 'no search', storage: none },
  ];
  const rates = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < rounds; round++) {
    // Alternate who goes first, so neither always meets a warmer or busier machine.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) rates.get(variant.name)?.push(await sendRound(variant.storage));
  }
  const without = median(rates.get('no search') ?? []);
  for (const [name, list] of rates) {
    console.log(
      `sends, ${name}: ${median(list).toFixed(0)}/s median (${list.map((r) => r.toFixed(0)).join(', ')}), ${((median(list) / without) * 100).toFixed(0)}% of no search`,
    );
  }
  // Each round's ratio too, taken seconds apart: a neighbour's burst then hits both sides alike.
  const perRound = rates.get('no search') ?? [];
  for (const [name, list] of rates) {
    if (name === 'no search') continue;
    const ratios = list.map((rate, round) => rate / (perRound[round] as number));
    console.log(
      `sends, ${name} / no search, per round: median ${(median(ratios) * 100).toFixed(0)}% (${ratios.map((r) => (r * 100).toFixed(0)).join(', ')})`,
    );
  }
} finally {
  for (const storage of stores) await storage.close();
  await db.end();
  if (dropAtEnd) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
