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
   */
  async claim(
    owner: string,
    limit: number,
    leaseMs: number,
    batchSize: number,
  ): Promise<{ stream: ClaimedStream; events: PendingEvent[] }[]> {
    const s = this.#s;
    // The body is assembled around the stored JSON text: no parse and re-serialize per event.
    const rows = await this.#sql.query<{
      conversation_id: string;
      attempts: number;
      failing_for_ms: number | string | null;
      id: string | null;
      body: string | null;
    }>(
      `WITH claimed AS (
         UPDATE ${s}.webhook_streams AS st
         SET lease_owner = $1, lease_until = now() + ${ms('$3')}
         WHERE st.conversation_id IN (
           SELECT c.conversation_id FROM ${s}.webhook_streams c
           WHERE c.lease_until < now() AND c.next_attempt_at <= now()
             AND EXISTS (SELECT 1 FROM ${s}.webhook_events e
               WHERE e.conversation_id = c.conversation_id AND e.done_at IS NULL)
           ORDER BY c.next_attempt_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING st.conversation_id, st.attempts,
           extract(epoch FROM now() - st.failing_since) * 1000 AS failing_for_ms)
       SELECT c.conversation_id, c.attempts, c.failing_for_ms, e.id::text AS id, e.body
       FROM claimed c
       LEFT JOIN LATERAL (
         SELECT id, '{"id":' || to_jsonb(id::text)::text || ',"type":' || to_jsonb(type)::text ||
           ',"conversationId":' || to_jsonb(conversation_id)::text ||
           ',"createdAt":' || to_jsonb(${s}.webhook_iso(created_at))::text ||
           ',"data":' || payload::text || '}' AS body
         FROM ${s}.webhook_events
         WHERE conversation_id = c.conversation_id AND done_at IS NULL
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
   * Records delivery rounds and releases their conversations (those whose claim still holds
   * them), in one statement however many rounds ended together. A conversation's stream row
   * stays until `prune`: deleting it here raced with sends (a send's trigger that had found
   * the row, its event not yet committed, left that event without one until the next prune,
   * which the services test showed as a minute's delay under steady sends).
   */
  async finish(rounds: { stream: ClaimedStream; outcome: StreamOutcome }[]): Promise<void> {
    const s = this.#s;
    await this.#sql.query(
      `WITH rounds AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::double precision[],
           $5::text[], $6::bigint[]) AS r(conversation_id, owner, attempts, retry_ms, error, given_up)),
       delivered AS (
         UPDATE ${s}.webhook_events SET done_at = now(), outcome = 'delivered'
         WHERE id = ANY($7::bigint[]) RETURNING 1),
       failed AS (
         UPDATE ${s}.webhook_events SET done_at = now(), outcome = 'failed'
         WHERE id IN (SELECT given_up FROM rounds WHERE given_up IS NOT NULL) RETURNING 1)
       UPDATE ${s}.webhook_streams st
       SET lease_owner = NULL, lease_until = '-infinity', attempts = r.attempts,
         failing_since = CASE WHEN r.attempts = 0 THEN NULL ELSE coalesce(st.failing_since, now()) END,
         next_attempt_at = now() + ${ms('r.retry_ms')}, last_error = r.error
       FROM rounds r
       WHERE st.conversation_id = r.conversation_id AND st.lease_owner = r.owner`,
      [
        rounds.map((r) => r.stream.conversationId),
        rounds.map((r) => r.stream.owner),
        rounds.map((r) => r.outcome.attempts),
        rounds.map((r) => r.outcome.retryInMs),
        rounds.map((r) => r.outcome.error),
        rounds.map((r) => r.outcome.givenUp),
        rounds.flatMap((r) => r.outcome.delivered),
      ],
    );
  }

  /** Marks every event from `fromEventId` on pending again; returns how many were. */
  async replay(fromEventId: string): Promise<number> {
    const s = this.#s;
    const [row] = await this.#sql.query<{ count: number | string }>(
      `WITH replayed AS (
         UPDATE ${s}.webhook_events SET done_at = NULL, outcome = NULL
         WHERE id >= $1::bigint AND done_at IS NOT NULL RETURNING 1)
       SELECT count(*) AS count FROM replayed`,
      [fromEventId],
    );
    await this.ensureStreams();
    return Number(row?.count ?? 0);
  }

  /** Deletes events done for longer than the retention (at most 10,000 a call), and the rows of idle conversations. */
  async prune(retentionMs: number): Promise<void> {
    const s = this.#s;
    await this.#sql.query(
      `DELETE FROM ${s}.webhook_events WHERE id IN (
         SELECT id FROM ${s}.webhook_events
         WHERE done_at IS NOT NULL AND done_at < now() - ${ms('$1')}
         ORDER BY done_at LIMIT 10000)`,
      [retentionMs],
    );
    await this.#sql.query(
      `DELETE FROM ${s}.webhook_streams st
       WHERE st.lease_until < now() AND st.failing_since IS NULL
         AND NOT EXISTS (SELECT 1 FROM ${s}.webhook_events e
           WHERE e.conversation_id = st.conversation_id AND e.done_at IS NULL)`,
    );
    // An event committed just as its stream row was deleted found the row still there, so its
    // trigger made none: it gets one here, one prune later at worst (rare: once a minute, a
    // conversation idle at that instant), and is then delivered, after nothing newer of its
    // conversation.
    await this.ensureStreams();
  }

  /** A stream row for every conversation with pending events that has none. */
  async ensureStreams(): Promise<void> {
    const s = this.#s;
    await this.#sql.query(
      `INSERT INTO ${s}.webhook_streams (conversation_id)
       SELECT DISTINCT conversation_id FROM ${s}.webhook_events WHERE done_at IS NULL
       ON CONFLICT (conversation_id) DO NOTHING`,
    );
  }
}
