/**
 * What the webhook triggers cost PostgreSQL per stored message, alone: the send path's own
 * statement (`insertMessageBatch`, as the server runs it) in a loop on one connection, against
 * databases that differ only in their webhook setup, round after round in turn. The figure is
 * the backend's CPU time per message from `/proc/<pid>/schedstat` (nanoseconds, so a short
 * loop is enough), read by this process on this machine's PostgreSQL.
 *
 *   npx tsx bench/load/webhook-trigger-cost.ts [--rounds 7] [--batches 300] [--batch 4]
 *     [--conversations 10] [--claim-batch 50] [--steady-polls 40] [--steady-events 2]
 *     [--variants installed,brin,…] [--spread] [--named] [--in-sql]
 *
 * Variants: `none` (no triggers: webhooks off), `installed` (the triggers the dispatcher
 * installs, with the schema as migrated), and experiments on them: `noop` (a statement trigger
 * that does nothing: the transition table alone), `events-only` (no stream row), `no-iso` (no
 * timestamp formatting), `statement-only` (the message insert's statement trigger without the row
 * triggers), `noop-alone` (both), `brin` (a BRIN index on `id` instead of the primary key),
 * `no-pk` (no index on `id`),
 * `installed-2` (`installed` again: the noise between two identical databases), `upsert-always`
 * (the function before webhook-stream-check.ts), `no-agg`, `split-seq`, `per-row` (other shapes
 * of the trigger). `--in-sql` runs plain multi-row inserts in a `DO` loop instead of the send
 * statement, so the triggers are most of what is timed; each variant's figure is also given
 * paired (the median, over rounds, of its difference from `none` in the same round). Then the
 * dispatcher's statements on the `installed` database: claim and finish until every event is
 * delivered; then a steady state (before each poll, every conversation gets `--steady-events`
 * new events, as a busy node's polls find them at the `rooms` shape, `--conversations 100`),
 * only the dispatcher's statements timed; and an idle poll. The WAL writer's share of the extra bytes is not
 * in the figure (it is shared by every database on the server).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { insertMessageBatch } from '../../packages/server-kit/src/storage/message-batch';
import { postgresStorage } from '../../packages/server-kit/src/storage/postgres';
import type { SqlExecutor } from '../../packages/server-kit/src/storage/sql-driver';
import { installTriggersSql } from '../../packages/server-kit/src/webhooks/webhook-schema';
import { WebhookStore } from '../../packages/server-kit/src/webhooks/webhook-store';
import { createTestDatabase } from '../../packages/server-kit/test/postgres-database';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    batches: { type: 'string', default: '300' },
    batch: { type: 'string', default: '4' },
    variants: { type: 'string' },
    conversations: { type: 'string', default: '10' },
    'claim-batch': { type: 'string', default: '50' },
    'steady-polls': { type: 'string', default: '40' },
    'steady-events': { type: 'string', default: '2' },
    spread: { type: 'boolean', default: false },
    named: { type: 'boolean', default: false },
    'in-sql': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const batches = Number(values.batches);
const batchSize = Number(values.batch);
const conversations = Number(values.conversations);
/** Events of one conversation a claim takes (the `batchSize` option): 1 prices a claimed conversation. */
const claimBatch = Number(values['claim-batch']);
/** Polls of the steady section, and events each conversation gets before each of them. */
const steadyPolls = Number(values['steady-polls']);
const steadyEvents = Number(values['steady-events']);
const members = 10;

interface Variant {
  name: string;
  /** SQL run once on a freshly migrated database (schema `banter`). */
  setup: string;
  /** The send statement as this variant runs it. */
  rewrite?: (sql: string) => string;
}
const installed = installTriggersSql('banter');
/** The statement trigger's function with `body` as its INSERT … SELECT (experiments). */
const createdFunction = (body: string) => `
  CREATE OR REPLACE FUNCTION banter.webhook_messages_created() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN ${body}; RETURN NULL; END $$;`;
const payload = `json_build_object(
  'id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq, 'senderId', m.sender_id,
  'clientId', m.client_id, 'kind', m.kind, 'body', m.body, 'attachments', m.attachments,
  'replyTo', m.reply_to, 'createdAt', banter.webhook_iso(m.created_at),
  'editedAt', banter.webhook_iso(m.edited_at),
  'deletedAt', banter.webhook_iso(m.deleted_at), 'change', m.change)`;
/** The payload as the installed function builds it (webhook-payload-mentions.ts). */
const mentionsPayload = payload.replace(
  "'attachments', m.attachments,",
  "'attachments', m.attachments, 'mentions', m.mentions,",
);
const dropRowTriggers = [
  'banter_webhook_messages_removed ON banter.messages',
  'banter_webhook_messages_changed ON banter.messages',
  'banter_webhook_reactions ON banter.reactions',
  'banter_webhook_conversations ON banter.conversations',
  'banter_webhook_conversations_changed ON banter.conversations',
  'banter_webhook_members ON banter.participants',
]
  .map((trigger) => `DROP TRIGGER ${trigger}`)
  .join('; ');
const allVariants: Variant[] = [
  { name: 'none', setup: '' },
  { name: 'installed', setup: installed },
  // The same again, on a database of its own: what two identical variants differ by (noise).
  { name: 'installed-2', setup: installed },
  { name: 'noop', setup: `${installed};${createdFunction('NULL')}` },
  {
    name: 'events-only',
    setup:
      installed +
      ';' +
      createdFunction(`INSERT INTO banter.webhook_events (conversation_id, type, payload)
        SELECT m.conversation_id, 'message.created', ${payload}
        FROM new_messages m ORDER BY m.conversation_id, m.seq`),
  },
  {
    name: 'no-iso',
    setup:
      installed +
      ';' +
      createdFunction(`INSERT INTO banter.webhook_events (conversation_id, type, payload)
        SELECT m.conversation_id, 'message.created', ${payload.replaceAll(/banter\.webhook_iso\((m\.\w+)\)/g, '$1')}
        FROM new_messages m ORDER BY m.conversation_id, m.seq`),
  },
  {
    // The message insert's statement trigger alone: no row trigger on the tables a send updates
    // (conversations), each of which evaluates its WHEN per updated row.
    name: 'statement-only',
    setup: `${installed}; ${dropRowTriggers}`,
  },
  {
    // No statement trigger: the send statement writes its events itself, from its `inserted`
    // rows, in two more CTEs (the trigger's own statement, without the trigger around it).
    name: 'in-statement',
    setup: `${installed}; DROP TRIGGER banter_webhook_messages_created ON banter.messages`,
    rewrite: (sql) =>
      sql.replace(
        'SELECT * FROM inserted WHERE (SELECT ok FROM fresh) = 1',
        `, events AS (
           INSERT INTO banter.webhook_events (conversation_id, type, payload)
           SELECT m.conversation_id, 'message.created', ${mentionsPayload}
           FROM inserted m ORDER BY m.conversation_id, m.seq
           RETURNING id, conversation_id),
         streams AS (
           INSERT INTO banter.webhook_streams (conversation_id, delivered_up_to)
           SELECT conversation_id, min(id) - 1 FROM events GROUP BY conversation_id
           ON CONFLICT (conversation_id) DO NOTHING)
         SELECT * FROM inserted WHERE (SELECT ok FROM fresh) = 1`,
      ),
  },
  { name: 'noop-alone', setup: `${installed}; ${dropRowTriggers}; ${createdFunction('NULL')}` },
  {
    // The installed function's statement without its aggregate: every event row proposes its
    // conversation's stream row, in the order the events were returned (ids rising within a
    // conversation), and ON CONFLICT DO NOTHING keeps the first, lowest.
    name: 'no-agg',
    setup:
      installed +
      ';' +
      createdFunction(`WITH events AS (
          INSERT INTO banter.webhook_events (conversation_id, type, payload)
          SELECT m.conversation_id, 'message.created', ${mentionsPayload}
          FROM new_messages m ORDER BY m.conversation_id, m.seq
          RETURNING id, conversation_id)
        INSERT INTO banter.webhook_streams (conversation_id, delivered_up_to)
        SELECT conversation_id, id - 1 FROM events
        ON CONFLICT (conversation_id) DO NOTHING`),
  },
  {
    // Two plain statements, no CTE, sort of the stream rows or aggregate: the stream rows first,
    // marked with the sequence's last value (every event before it is at or below it, every
    // event after above), then the events.
    name: 'split-seq',
    setup:
      installed +
      ';' +
      createdFunction(`INSERT INTO banter.webhook_streams (conversation_id, delivered_up_to)
        SELECT m.conversation_id,
          coalesce(pg_sequence_last_value('banter.webhook_events_id_seq'::regclass), 0)
        FROM new_messages m
        ON CONFLICT (conversation_id) DO NOTHING;
        INSERT INTO banter.webhook_events (conversation_id, type, payload)
        SELECT m.conversation_id, 'message.created', ${mentionsPayload}
        FROM new_messages m ORDER BY m.conversation_id, m.seq`),
  },
  {
    // The function as it was before webhook-stream-check.ts (webhook-payload-mentions.ts): the
    // stream rows' upsert on every statement. `installed` reads the stream rows first and
    // upserts only when one is missing.
    name: 'upsert-always',
    setup:
      installed +
      ';' +
      createdFunction(`WITH events AS (
          INSERT INTO banter.webhook_events (conversation_id, type, payload)
          SELECT m.conversation_id, 'message.created', ${mentionsPayload}
          FROM new_messages m ORDER BY m.conversation_id, m.seq
          RETURNING id, conversation_id)
        INSERT INTO banter.webhook_streams (conversation_id, delivered_up_to)
        SELECT conversation_id, min(id) - 1 FROM events GROUP BY conversation_id
        ON CONFLICT (conversation_id) DO NOTHING`),
  },
  {
    // A row trigger instead of the statement trigger: per message, a plain insert and the
    // stream row's upsert (no transition table).
    name: 'per-row',
    setup: `${installed};
      DROP TRIGGER banter_webhook_messages_created ON banter.messages;
      CREATE FUNCTION banter.webhook_message_created_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE m banter.messages := NEW; event bigint;
      BEGIN
        INSERT INTO banter.webhook_events (conversation_id, type, payload)
        VALUES (m.conversation_id, 'message.created', ${mentionsPayload}) RETURNING id INTO event;
        INSERT INTO banter.webhook_streams (conversation_id, delivered_up_to)
        VALUES (m.conversation_id, event - 1) ON CONFLICT (conversation_id) DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER banter_webhook_messages_created_row AFTER INSERT ON banter.messages
        FOR EACH ROW EXECUTE FUNCTION banter.webhook_message_created_row()`,
  },
  {
    // No index on `id` at all: only (conversation_id, id), which the claim reads by.
    name: 'no-pk',
    setup: `${installed}; ALTER TABLE banter.webhook_events DROP CONSTRAINT webhook_events_pkey`,
  },
  {
    name: 'brin',
    setup: `${installed};
      ALTER TABLE banter.webhook_events DROP CONSTRAINT webhook_events_pkey;
      CREATE INDEX webhook_events_id ON banter.webhook_events USING brin (id)`,
  },
];
const wanted = (values.variants ?? allVariants.map((v) => v.name).join(',')).split(',');
const variants = allVariants.filter((v) => v.name === 'none' || wanted.includes(v.name));

interface Prepared {
  variant: Variant;
  client: pg.Client;
  db: SqlExecutor;
  pid: number;
  drop(): Promise<void>;
  sent: number;
}

function backendCpuNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
}

/** `--named`, once the untimed round and ANALYZE are done. */
let named = false;
const statementNames = new Map<string, string>();
function statementName(variant: Variant, text: string): string {
  const key = `${variant.name}\u0000${text}`;
  let name = statementNames.get(key);
  if (name === undefined) {
    name = `bench_${statementNames.size + 1}`;
    statementNames.set(key, name);
  }
  return name;
}

async function prepare(variant: Variant): Promise<Prepared> {
  const database = await createTestDatabase('trigger_cost');
  const storage = await postgresStorage({ connectionString: database.url });
  await storage.close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  if (variant.setup) await client.query(variant.setup);
  for (let c = 0; c < conversations; c++) {
    await client.query(
      `INSERT INTO banter.conversations (id, kind, created_by, created_at, last_activity_at)
       VALUES ($1, 'group', 'u0', now(), now())`,
      [`c${c}`],
    );
    for (let m = 0; m < members; m++) {
      await client.query(
        `INSERT INTO banter.participants (conversation_id, user_id, role, joined_at)
         VALUES ($1, $2, 'member', now())`,
        [`c${c}`, `u${m}`],
      );
    }
  }
  const [row] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  const db: SqlExecutor = {
    // Unnamed, so planned on every call, unless `--named` (as postgresStorage runs them): then
    // named only from the timed rounds on, after an ANALYZE (named from the start, their generic
    // plans were made on nearly empty tables, never made again, and the send statement's cost
    // grew round after round with the tables).
    query: async (sql, params) => {
      const text = variant.rewrite?.(sql) ?? sql;
      if (!named) return (await client.query(text, params)).rows;
      return (await client.query({ name: statementName(variant, text), text, values: params }))
        .rows;
    },
    exec: async (script) => {
      await client.query(script);
    },
  };
  return {
    variant,
    client,
    db,
    pid: row?.pid ?? -1,
    sent: 0,
    drop: async () => {
      await client.end();
      await database.drop();
    },
  };
}

/**
 * One send statement: `count` messages to one conversation, as the send path stores them; with
 * `--spread`, to `count` conversations from `conversationId` on (the `rooms` shape: a batch of
 * the server's carries sends of many rooms), one message each.
 */
function send(p: Prepared, conversationId: string, count: number, tag: string | number) {
  const first = Number(conversationId.slice(1));
  return insertMessageBatch(
    p.db,
    'banter',
    Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      conversationId: values.spread ? `c${(first + i) % conversations}` : conversationId,
      senderId: `u${i % members}`,
      clientId: randomUUID(),
      kind: 'text' as const,
      body: `message ${tag}-${i} with a body about as long as a chat line`,
      attachments: [],
      replyTo: null,
      now: new Date(),
    })),
  );
}

/**
 * `--in-sql`: the batches as plain multi-row inserts into `messages`, looped in one `DO` block (no
 * round trip, no send statement around them), so that the triggers are most of what is timed.
 */
async function sqlRound(p: Prepared): Promise<number> {
  const before = backendCpuNs(p.pid);
  const start = p.sent * batchSize;
  const conversation = values.spread
    ? `(${start} + i * ${batchSize} + k) % ${conversations}`
    : `(${p.sent} + i) % ${conversations}`;
  await p.client.query(`DO $loop$ BEGIN
    FOR i IN 0..${batches - 1} LOOP
      INSERT INTO banter.messages (id, conversation_id, seq, change, sender_id, client_id, kind,
        body, created_at)
      SELECT gen_random_uuid()::text, 'c' || ${conversation}, ${start} + i * ${batchSize} + k,
        ${start} + i * ${batchSize} + k, 'u' || k % ${members}, gen_random_uuid()::text, 'text',
        'message ' || i || '-' || k || ' with a body about as long as a chat line', now()
      FROM generate_series(0, ${batchSize - 1}) k;
    END LOOP;
  END $loop$`);
  p.sent += batches;
  return (backendCpuNs(p.pid) - before) / (batches * batchSize);
}

/** Sends `batches` batches of `batchSize` messages, each to one conversation; CPU ns per message. */
async function round(p: Prepared): Promise<number> {
  if (values['in-sql']) return sqlRound(p);
  const before = backendCpuNs(p.pid);
  for (let b = 0; b < batches; b++) {
    await send(p, `c${(p.sent + b) % conversations}`, batchSize, b);
  }
  p.sent += batches;
  return (backendCpuNs(p.pid) - before) / (batches * batchSize);
}

/** Delivers what one claim finds, as the dispatcher does with an acknowledging receiver; the events it carried. */
async function dispatchRound(store: WebhookStore, owner: string): Promise<number> {
  const claims = await store.claim(owner, 200, 60_000, claimBatch);
  await store.finish(
    claims.map((c) => ({
      stream: c.stream,
      outcome: {
        delivered: c.events.map((e) => e.id),
        givenUp: null,
        attempts: 0,
        retryInMs: 0,
        error: null,
      },
    })),
  );
  return claims.reduce((n, c) => n + c.events.length, 0);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const prepared: Prepared[] = [];
try {
  for (const variant of variants) prepared.push(await prepare(variant));
  // One untimed round each: plans cached, first pages allocated.
  for (const p of prepared) await round(p);
  if (values.named) {
    for (const p of prepared) await p.client.query('ANALYZE');
    named = true;
    // Planned here, untimed (the first executions of a named statement are planned each time).
    for (const p of prepared) await round(p);
  }
  const figures = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? prepared : [...prepared].reverse();
    for (const p of order) figures.get(p.variant.name)?.push(await round(p));
  }
  // Every variant with a trigger must have written one event per message and a stream row,
  // marked below its first event, for every conversation with events.
  for (const p of prepared) {
    if (p.variant.name === 'none') continue;
    const [check] = (
      await p.client.query<{ messages: string; events: string; streams: string; bad: string }>(
        `SELECT (SELECT count(*) FROM banter.messages) AS messages,
           (SELECT count(*) FROM banter.webhook_events WHERE type = 'message.created') AS events,
           (SELECT count(*) FROM banter.webhook_streams) AS streams,
           (SELECT count(*) FROM (SELECT conversation_id, min(id) AS first
              FROM banter.webhook_events GROUP BY conversation_id) e
            LEFT JOIN banter.webhook_streams st USING (conversation_id)
            WHERE st.delivered_up_to IS NULL OR st.delivered_up_to >= e.first) AS bad`,
      )
    ).rows;
    if (check && (check.messages !== check.events || check.bad !== '0')) {
      console.log(`  ${p.variant.name}: ${JSON.stringify(check)} (events or stream rows wrong)`);
    }
  }
  // The dispatcher's side on the `installed` database: claims and finishes, as it runs them,
  // until every event of the rounds is delivered; its backend CPU per event.
  const dispatching = prepared.find((p) => p.variant.name === 'installed');
  if (dispatching) {
    const store = new WebhookStore({ query: dispatching.db.query, schema: 'banter' });
    const before = backendCpuNs(dispatching.pid);
    let events = 0;
    let polls = 0;
    for (;;) {
      const carried = await dispatchRound(store, `bench:${polls}`);
      polls += 1;
      if (carried === 0) break;
      events += carried;
    }
    const ns = backendCpuNs(dispatching.pid) - before;
    console.log(
      `dispatch: ${events} events in ${polls} claim+finish rounds: ${(ns / events / 1000).toFixed(1)} µs per event, ${(ns / polls / 1000).toFixed(0)} µs per round`,
    );
    // The steady state of a busy node (the `rooms` shape: each poll finds a few events in
    // every conversation): only the claim+finish statements are timed, not the sends.
    let steadyNs = 0;
    let steadyCarried = 0;
    for (let poll = 0; poll < steadyPolls; poll++) {
      for (let c = 0; c < conversations; c++) await send(dispatching, `c${c}`, steadyEvents, poll);
      const start = backendCpuNs(dispatching.pid);
      steadyCarried += await dispatchRound(store, `bench:steady:${poll}`);
      steadyNs += backendCpuNs(dispatching.pid) - start;
    }
    console.log(
      `steady dispatch: ${steadyPolls} polls of ${conversations} conversations × ${steadyEvents} events (${steadyCarried} carried): ${(steadyNs / steadyCarried / 1000).toFixed(1)} µs per event, ${(steadyNs / steadyPolls / 1000).toFixed(0)} µs per poll`,
    );
    // What a node polling with nothing to send costs the database (once per pollIntervalMs).
    const idleBefore = backendCpuNs(dispatching.pid);
    for (let i = 0; i < 100; i++) await store.claim(`bench:idle:${i}`, 200, 60_000, claimBatch);
    console.log(
      `idle poll (nothing pending, ${conversations} stream rows): ${((backendCpuNs(dispatching.pid) - idleBefore) / 100 / 1000).toFixed(0)} µs each`,
    );
  }
  const baseline = median(figures.get('none') ?? []);
  console.log(
    `PostgreSQL backend CPU per message, ${batches} batches of ${batchSize} per round, median of ${rounds} rounds:`,
  );
  for (const [name, ns] of figures) {
    const us = median(ns) / 1000;
    // Paired within each round (the variants of a round run back to back), drift cancels.
    const paired = median(ns.map((n, r) => n - (figures.get('none')?.[r] ?? 0))) / 1000;
    console.log(
      `  ${name.padEnd(12)} ${us.toFixed(1)} µs (+${(us - baseline / 1000).toFixed(1)} µs; paired +${paired.toFixed(1)})  rounds: ${ns.map((n) => (n / 1000).toFixed(0)).join(', ')}`,
    );
  }
} finally {
  await Promise.allSettled(prepared.map((p) => p.drop()));
}
