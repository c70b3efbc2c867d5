import type { SqlAccess } from '../storage/sql-access';
import { installTriggersSql } from './webhook-schema';

/** A conversation this node claimed: it alone delivers its events until it releases it. */
export interface ClaimedStream {
  conversationId: string;
  /** Who holds the lease: one token per claim, so only that claim's release counts. */
  owner: string;
  /** Failed attempts at its oldest pending event so far. */
  attempts: number;
  /** Milliseconds since its oldest pending event first failed (database clock); null while none did. */
  failingForMs: number | null;
  /** Its `delivered_up_to` when claimed: a round moves the mark on only from there (a replay meanwhile wins). */
  deliveredUpTo: string;
}

/** A conversation whose lease this node kept after a successful round, idle until its next claim. */
export interface HeldStream {
  conversationId: string;
  /** The owner token its lease was taken with (and kept under). */
  owner: string;
  /** false: release it rather than read it (its lease is too short by the node's own clock). */
  keep?: boolean;
  /** true: kept even with nothing pending (it was busy a moment ago); false: released then. */
  linger?: boolean;
}

/** A pending event, ready to send. */
export interface PendingEvent {
  id: string;
  conversationId: string;
  /** The request body, as signed. */
  body: string;
}

/** How a delivery round of one conversation ended. */
export interface StreamOutcome {
  /** Events the receiver acknowledged. */
  delivered: string[];
  /** The event that failed and is given up (marked failed), if any. */
  givenUp: string | null;
  /** Failed attempts at the head event from now on: 0 after a success or a give-up. */
  attempts: number;
  /** When the conversation may be claimed again. */
  retryInMs: number;
  /** Why the last attempt failed, kept for inspection. */
  error: string | null;
}

const ms = (param: string) => `(${param}::double precision * interval '1 millisecond')`;

/**
 * Webhooks' statements, each a single statement (atomic on its own, and runnable through
 * PGlite's worker): no transaction is ever held open across a request to the receiver.
 */
export class WebhookStore {
  readonly #sql: SqlAccess;
  readonly #s: string;

  constructor(sql: SqlAccess) {
    this.#sql = sql;
    this.#s = sql.schema;
  }

  /** Creates the triggers that record events, where missing (idempotent, safe from several nodes). */
  async installTriggers(): Promise<void> {
    await this.#sql.query(installTriggersSql(this.#s));
  }

  /**
   * Claims up to `limit` conversations that have pending events, are due and are not leased by
   * another node, and reads the oldest `batchSize` pending events of each, in one statement.
   * `SKIP LOCKED`: nodes claiming at once take different conversations instead of waiting on
   * each other's rows; the lease (time-bounded, so a killed node's conversations come free)
   * keeps them apart after the claim has committed.
   *
   * The same statement reads the pending events of the conversations this node still holds
   * (`held`: a successful round kept their lease, see `finish`) without writing their rows: only
   * those whose row still names the holder and whose lease has at least `minLeaseMs` left, from
   * the row's current mark (a replay meanwhile wins). A held conversation with nothing pending
   * is returned without events if it may `linger`, and released otherwise (so that other nodes
   * and the prune can have it); one whose lease is too short to send on, or that the caller
   * says not to `keep`, is released. Released ones are not returned, and not claimed afresh by
   * the same statement (a row updated twice in one statement keeps one of the two updates, not
   * knowably which).
   */
  async claim(options: {
    owner: string;
    limit: number;
    leaseMs: number;
    batchSize: number;
    held?: readonly HeldStream[];
    minLeaseMs?: number;
  }): Promise<{ stream: ClaimedStream; events: PendingEvent[] }[]> {
    const s = this.#s;
    const held = options.held ?? [];
    // Without held conversations the statement has no part for them: planning a statement
    // costs PostgreSQL by its size (this one is planned at every poll), and an idle node's
    // polls are mostly that.
    const holding = held.length > 0;
    // The body is assembled around the stored JSON text: no parse and re-serialize per event.
    const rows = await this.#sql.query<{
      conversation_id: string;
      owner: string;
      attempts: number;
      delivered_up_to: string;
      failing_for_ms: number | string | null;
      id: string | null;
      body: string | null;
    }>(
      `WITH ${holding ? heldSql(s) : ''}
       claimed AS (
         UPDATE ${s}.webhook_streams AS st
         SET lease_owner = $1, lease_until = now() + ${ms('$3')}
         WHERE st.conversation_id IN (
           SELECT c.conversation_id FROM ${s}.webhook_streams c
           WHERE c.lease_until < now() AND c.next_attempt_at <= now()
             ${holding ? 'AND NOT c.conversation_id = ANY($5::text[])' : ''}
             AND EXISTS (SELECT 1 FROM ${s}.webhook_events e
               WHERE e.conversation_id = c.conversation_id AND e.id > c.delivered_up_to)
           ORDER BY c.next_attempt_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING st.conversation_id, st.lease_owner AS owner, st.attempts, st.delivered_up_to,
           extract(epoch FROM now() - st.failing_since) * 1000 AS failing_for_ms),
       streams AS (
         SELECT conversation_id, owner, attempts, delivered_up_to, failing_for_ms FROM claimed
         ${holding ? 'UNION ALL SELECT conversation_id, owner, attempts, delivered_up_to, failing_for_ms FROM mine WHERE kept' : ''})
       SELECT c.conversation_id, c.owner, c.attempts, c.delivered_up_to::text AS delivered_up_to,
         c.failing_for_ms, e.id::text AS id, e.body
       FROM streams c
       LEFT JOIN LATERAL (
         SELECT id, '{"id":' || to_json(id::text)::text || ',"type":' || to_json(type)::text ||
           ',"conversationId":' || to_json(conversation_id)::text ||
           ',"createdAt":' || to_json(${s}.webhook_iso(created_at))::text ||
           ',"data":' || payload::text || '}' AS body
         FROM ${s}.webhook_events
         WHERE conversation_id = c.conversation_id AND id > c.delivered_up_to
         ORDER BY id LIMIT $4) e ON true
       ORDER BY c.conversation_id, e.id`,
      [
        options.owner,
        options.limit,
        options.leaseMs,
        options.batchSize,
        ...(holding
          ? [
              held.map((h) => h.conversationId),
              options.minLeaseMs ?? 0,
              held.map((h) => h.owner),
              held.map((h) => h.keep !== false),
              held.map((h) => h.linger === true),
            ]
          : []),
      ],
    );
    const claims = new Map<string, { stream: ClaimedStream; events: PendingEvent[] }>();
    for (const row of rows) {
      let claim = claims.get(row.conversation_id);
      if (!claim) {
        claim = {
          stream: {
            conversationId: row.conversation_id,
            owner: row.owner,
            attempts: Number(row.attempts),
            failingForMs: row.failing_for_ms === null ? null : Number(row.failing_for_ms),
            deliveredUpTo: row.delivered_up_to,
          },
          events: [],
        };
        claims.set(row.conversation_id, claim);
      }
      if (row.id !== null && row.body !== null) {
        claim.events.push({ id: row.id, conversationId: row.conversation_id, body: row.body });
      }
    }
    return [...claims.values()];
  }

  /**
   * Records delivery rounds, in one statement however many rounds ended together, for the
   * conversations whose lease the round's claim still holds. An acknowledged round moves its
   * conversation's `delivered_up_to` to its last event: one row per conversation, where marking
   * each event done cost an update (and its index entries) per event. The mark moves only from
   * where the claim found it, so a replay made meanwhile is not undone. A given-up event is
   * passed over the same way, and its row says `failed`. A conversation's stream row stays until
   * `prune`.
   *
   * A round with `keep` (an acknowledged one) keeps its lease, renewed for `leaseMs` from now,
   * in the same update: the node's next claim reads that conversation's events without writing
   * its row again. Every other round releases its conversation. Returns the conversations kept.
   */
  async finish(
    rounds: { stream: ClaimedStream; outcome: StreamOutcome; keep?: boolean }[],
    leaseMs = 0,
  ): Promise<Set<string>> {
    const s = this.#s;
    const kept = await this.#sql.query<{ conversation_id: string }>(
      `WITH rounds AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::double precision[],
           $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::boolean[])
           AS r(conversation_id, owner, attempts, retry_ms, error, given_up, claimed_mark, up_to,
             keep)),
       failed AS (
         UPDATE ${s}.webhook_events SET outcome = 'failed'
         WHERE id IN (SELECT given_up FROM rounds WHERE given_up IS NOT NULL) RETURNING 1)
       UPDATE ${s}.webhook_streams st
       SET lease_owner = CASE WHEN r.keep THEN st.lease_owner END,
         lease_until = CASE WHEN r.keep THEN now() + ${ms('$10')} ELSE '-infinity' END,
         attempts = r.attempts,
         failing_since = CASE WHEN r.attempts = 0 THEN NULL ELSE coalesce(st.failing_since, now()) END,
         next_attempt_at = now() + ${ms('r.retry_ms')}, last_error = r.error,
         delivered_up_to = CASE WHEN r.up_to IS NOT NULL AND st.delivered_up_to = r.claimed_mark
           THEN r.up_to ELSE st.delivered_up_to END
       FROM rounds r
       WHERE st.conversation_id = r.conversation_id AND st.lease_owner = r.owner
       RETURNING CASE WHEN r.keep THEN st.conversation_id END AS conversation_id`,
      [
        rounds.map((r) => r.stream.conversationId),
        rounds.map((r) => r.stream.owner),
        rounds.map((r) => r.outcome.attempts),
        rounds.map((r) => r.outcome.retryInMs),
        rounds.map((r) => r.outcome.error),
        rounds.map((r) => r.outcome.givenUp),
        rounds.map((r) => r.stream.deliveredUpTo),
        rounds.map((r) => lastOf([...r.outcome.delivered, r.outcome.givenUp])),
        rounds.map((r) => r.keep === true),
        leaseMs,
      ],
    );
    return new Set(
      kept.flatMap((row) => (row.conversation_id === null ? [] : [row.conversation_id])),
    );
  }

  /** Releases conversations this node holds (as `claim` lists them), so that others may take them at once. */
  async release(held: readonly HeldStream[]): Promise<void> {
    if (held.length === 0) return;
    const s = this.#s;
    await this.#sql.query(
      `UPDATE ${s}.webhook_streams st SET lease_owner = NULL, lease_until = '-infinity'
       FROM unnest($1::text[], $2::text[]) AS h(conversation_id, owner)
       WHERE st.conversation_id = h.conversation_id AND st.lease_owner = h.owner`,
      [held.map((h) => h.conversationId), held.map((h) => h.owner)],
    );
  }

  /**
   * Marks every event from `fromEventId` on pending again (lowers the marks of their
   * conversations, making stream rows where the prune deleted them); returns how many were done.
   */
  async replay(fromEventId: string): Promise<number> {
    const s = this.#s;
    // The count reads the marks as they were before the upsert (one snapshot for the statement;
    // a data-modifying CTE runs whether or not it is read).
    const [row] = await this.#sql.query<{ count: number | string }>(
      `WITH lowered AS (
         INSERT INTO ${s}.webhook_streams (conversation_id, delivered_up_to)
         SELECT conversation_id, $1::bigint - 1 FROM ${s}.webhook_events
         WHERE id >= $1::bigint GROUP BY conversation_id
         ON CONFLICT (conversation_id) DO UPDATE
         SET delivered_up_to = least(webhook_streams.delivered_up_to, excluded.delivered_up_to)
         RETURNING 1)
       SELECT count(*) AS count FROM ${s}.webhook_events e
       LEFT JOIN ${s}.webhook_streams st USING (conversation_id)
       WHERE e.id >= $1::bigint AND (st.conversation_id IS NULL OR e.id <= st.delivered_up_to)`,
      [fromEventId],
    );
    return Number(row?.count ?? 0);
  }

  /**
   * Deletes events created longer ago than the retention and done (at most 10,000 a call), and
   * the stream rows of idle conversations. An idle row is deleted only under its conversation's
   * lock, checked again after the lock (each statement of the block sees what committed before
   * it): no event of that conversation can be in flight then, so the row the next event makes,
   * marked just below it, skips nothing. A conversation locked by a send is left for next time.
   */
  async prune(retentionMs: number): Promise<void> {
    const s = this.#s;
    await this.#sql.query(
      `DELETE FROM ${s}.webhook_events WHERE id IN (
         SELECT e.id FROM ${s}.webhook_events e
         LEFT JOIN ${s}.webhook_streams st USING (conversation_id)
         WHERE e.created_at < now() - ${ms('$1')}
           AND (st.conversation_id IS NULL OR e.id <= st.delivered_up_to)
         ORDER BY e.id LIMIT 10000)`,
      [retentionMs],
    );
    await this.#sql.query(
      `DO $prune$
       DECLARE
         locked text[];
       BEGIN
         SELECT coalesce(array_agg(id), '{}') INTO locked FROM (
           SELECT c.id FROM ${s}.conversations c
           WHERE c.id IN (${idleStreams(s)} LIMIT 1000)
           ORDER BY c.id FOR UPDATE SKIP LOCKED) l;
         DELETE FROM ${s}.webhook_streams st
         WHERE st.conversation_id IN (${idleStreams(s)})
           AND (st.conversation_id = ANY(locked)
             OR NOT EXISTS (SELECT 1 FROM ${s}.conversations c WHERE c.id = st.conversation_id));
       END $prune$`,
    );
  }

  /** Ids of the events not yet delivered (nor given up), oldest first: for inspection and tests. */
  async pendingEventIds(conversationId?: string): Promise<string[]> {
    const s = this.#s;
    const rows = await this.#sql.query<{ id: string }>(
      `SELECT e.id::text AS id FROM ${s}.webhook_events e
       JOIN ${s}.webhook_streams st USING (conversation_id)
       WHERE e.id > st.delivered_up_to AND ($1::text IS NULL OR e.conversation_id = $1)
       ORDER BY e.id`,
      [conversationId ?? null],
    );
    return rows.map((row) => row.id);
  }
}

/**
 * The held conversations' part of the claim (`$5` to `$9`): `mine`, those whose row still names
 * their holder, `kept` if they are read now (or linger); `released`, the others let go.
 */
function heldSql(s: string): string {
  return `mine AS (
    SELECT m.*, m.usable AND (m.pending OR m.linger) AS kept FROM (
      SELECT st.conversation_id, st.lease_owner AS owner, st.attempts, st.delivered_up_to,
        extract(epoch FROM now() - st.failing_since) * 1000 AS failing_for_ms,
        h.keep AND st.lease_until >= now() + ${ms('$6')} AS usable, h.linger,
        EXISTS (SELECT 1 FROM ${s}.webhook_events e
          WHERE e.conversation_id = st.conversation_id AND e.id > st.delivered_up_to) AS pending
      FROM unnest($5::text[], $7::text[], $8::boolean[], $9::boolean[])
        AS h(conversation_id, owner, keep, linger)
      JOIN ${s}.webhook_streams st
        ON st.conversation_id = h.conversation_id AND st.lease_owner = h.owner) m),
  released AS (
    UPDATE ${s}.webhook_streams st SET lease_owner = NULL, lease_until = '-infinity'
    FROM mine m
    WHERE st.conversation_id = m.conversation_id AND st.lease_owner = m.owner AND NOT m.kept
    RETURNING 1),`;
}

/** Conversations whose stream row is idle: not leased, not failing, nothing above the mark. */
function idleStreams(s: string): string {
  return `SELECT i.conversation_id FROM ${s}.webhook_streams i
    WHERE i.lease_until < now() AND i.failing_since IS NULL
      AND NOT EXISTS (SELECT 1 FROM ${s}.webhook_events e
        WHERE e.conversation_id = i.conversation_id AND e.id > i.delivered_up_to)`;
}

/** The highest of some event ids (decimal strings), or null if none. */
function lastOf(ids: (string | null)[]): string | null {
  let last: bigint | null = null;
  for (const id of ids) {
    if (id !== null && (last === null || BigInt(id) > last)) last = BigInt(id);
  }
  return last === null ? null : String(last);
}
