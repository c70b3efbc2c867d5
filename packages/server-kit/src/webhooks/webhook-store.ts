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

/**
 * An event's request body: the envelope around the payload's stored JSON text, which goes in as
 * it is (no parse and re-serialize per event). Built here rather than in the claim's SQL, where
 * each `to_json` looked up its type's output function again for every event.
 */
function eventBody(row: {
  id: string;
  type: string;
  conversation_id: string;
  created_at: string;
  payload: string;
}): string {
  return `{"id":${JSON.stringify(row.id)},"type":${JSON.stringify(row.type)},"conversationId":${JSON.stringify(row.conversation_id)},"createdAt":${JSON.stringify(row.created_at)},"data":${row.payload}}`;
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
   */
  async claim(
    owner: string,
    limit: number,
    leaseMs: number,
    batchSize: number,
  ): Promise<{ stream: ClaimedStream; events: PendingEvent[] }[]> {
    const s = this.#s;
    const rows = await this.#sql.query<{
      conversation_id: string;
      attempts: number;
      delivered_up_to: string;
      failing_for_ms: number | string | null;
      id: string | null;
      type: string | null;
      created_at: string | null;
      payload: string | null;
    }>(
      `WITH claimed AS (
         UPDATE ${s}.webhook_streams AS st
         SET lease_owner = $1, lease_until = now() + ${ms('$3')}
         WHERE st.conversation_id IN (
           SELECT c.conversation_id FROM ${s}.webhook_streams c
           WHERE c.lease_until < now() AND c.next_attempt_at <= now()
             AND EXISTS (SELECT 1 FROM ${s}.webhook_events e
               WHERE e.conversation_id = c.conversation_id AND e.id > c.delivered_up_to)
           ORDER BY c.next_attempt_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING st.conversation_id, st.attempts, st.delivered_up_to,
           extract(epoch FROM now() - st.failing_since) * 1000 AS failing_for_ms)
       SELECT c.conversation_id, c.attempts, c.delivered_up_to::text AS delivered_up_to,
         c.failing_for_ms, e.id::text AS id, e.type, ${s}.webhook_iso(e.created_at) AS created_at,
         e.payload::text AS payload
       FROM claimed c
       LEFT JOIN LATERAL (
         SELECT id, type, created_at, payload
         FROM ${s}.webhook_events
         WHERE conversation_id = c.conversation_id AND id > c.delivered_up_to
         ORDER BY id LIMIT $4) e ON true
       ORDER BY c.conversation_id, e.id`,
      [owner, limit, leaseMs, batchSize],
    );
    const claims = new Map<string, { stream: ClaimedStream; events: PendingEvent[] }>();
    for (const row of rows) {
      let claim = claims.get(row.conversation_id);
      if (!claim) {
        claim = {
          stream: {
            conversationId: row.conversation_id,
            owner,
            attempts: Number(row.attempts),
            failingForMs: row.failing_for_ms === null ? null : Number(row.failing_for_ms),
            deliveredUpTo: row.delivered_up_to,
          },
          events: [],
        };
        claims.set(row.conversation_id, claim);
      }
      const { id, type, created_at, payload } = row;
      // A claimed conversation whose events were all delivered meanwhile comes with none.
      if (id !== null && type !== null && created_at !== null && payload !== null) {
        const body = eventBody({ ...row, id, type, created_at, payload });
        claim.events.push({ id, conversationId: row.conversation_id, body });
      }
    }
    return [...claims.values()];
  }

  /**
   * Records delivery rounds and releases their conversations (those whose claim still holds
   * them), in one statement however many rounds ended together. An acknowledged round moves its
   * conversation's `delivered_up_to` to its last event: one row per conversation, where marking
   * each event done cost an update (and its index entries) per event. The mark moves only from
   * where the claim found it, so a replay made meanwhile is not undone. A given-up event is
   * passed over the same way, and its row says `failed`. A conversation's stream row stays until
   * `prune`.
   */
  async finish(rounds: { stream: ClaimedStream; outcome: StreamOutcome }[]): Promise<void> {
    const s = this.#s;
    await this.#sql.query(
      `WITH rounds AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::double precision[],
           $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
           AS r(conversation_id, owner, attempts, retry_ms, error, given_up, claimed_mark, up_to)),
       failed AS (
         UPDATE ${s}.webhook_events SET outcome = 'failed'
         WHERE id IN (SELECT given_up FROM rounds WHERE given_up IS NOT NULL) RETURNING 1)
       UPDATE ${s}.webhook_streams st
       SET lease_owner = NULL, lease_until = '-infinity', attempts = r.attempts,
         failing_since = CASE WHEN r.attempts = 0 THEN NULL ELSE coalesce(st.failing_since, now()) END,
         next_attempt_at = now() + ${ms('r.retry_ms')}, last_error = r.error,
         delivered_up_to = CASE WHEN r.up_to IS NOT NULL AND st.delivered_up_to = r.claimed_mark
           THEN r.up_to ELSE st.delivered_up_to END
       FROM rounds r
       WHERE st.conversation_id = r.conversation_id AND st.lease_owner = r.owner`,
      [
        rounds.map((r) => r.stream.conversationId),
        rounds.map((r) => r.stream.owner),
        rounds.map((r) => r.outcome.attempts),
        rounds.map((r) => r.outcome.retryInMs),
        rounds.map((r) => r.outcome.error),
        rounds.map((r) => r.outcome.givenUp),
        rounds.map((r) => r.stream.deliveredUpTo),
        rounds.map((r) => lastOf([...r.outcome.delivered, r.outcome.givenUp])),
      ],
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
