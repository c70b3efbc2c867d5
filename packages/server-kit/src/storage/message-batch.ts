import { ChatError, type Message } from '@banter/core/protocol';
import { type MessageRow, toMessage } from './rows';
import type { SqlExecutor } from './sql-driver';
import type { NewMessage } from './storage';

export interface InsertResult {
  message: Message;
  created: boolean;
}

export interface ClientKey {
  conversationId: string;
  senderId: string;
  clientId: string;
}

const keyOf = (k: ClientKey) => `${k.conversationId}\u0000${k.senderId}\u0000${k.clientId}`;

/**
 * Stores a batch of sends in the caller's transaction, with a fixed number of
 * statements whatever the batch size. Each send gets its own outcome: the stored
 * message (`created: false` when its clientId was stored before, or earlier in
 * the batch), or a ChatError for it alone (not a participant, bad replyTo).
 *
 * The conversations' rows are locked first, in id order (two batches never wait
 * on each other crosswise), so seqs stay gapless across nodes; duplicates are
 * looked for after the lock, when every earlier send of the same clientId has
 * committed and is visible.
 */
export async function insertMessageBatch(
  tx: SqlExecutor,
  s: string,
  inputs: NewMessage[],
): Promise<(InsertResult | ChatError)[]> {
  const conversationIds = [...new Set(inputs.map((i) => i.conversationId))].sort();
  const locked = await tx.query<{ id: string; last_seq: string | number }>(
    `SELECT id, last_seq FROM ${s}.conversations
     WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id FOR UPDATE`,
    [JSON.stringify(conversationIds)],
  );
  const lastSeq = new Map(locked.map((row) => [row.id, Number(row.last_seq)]));
  const senders = inputs.map((i) => ({ c: i.conversationId, u: i.senderId, id: i.clientId }));
  const [members, stored, replyTargets] = await Promise.all([
    tx.query<{ conversation_id: string; user_id: string }>(
      `SELECT p.conversation_id, p.user_id FROM ${s}.participants p
       JOIN jsonb_to_recordset($1::jsonb) AS k(c text, u text)
         ON p.conversation_id = k.c AND p.user_id = k.u`,
      [JSON.stringify(senders)],
    ),
    tx.query<MessageRow>(
      `SELECT m.* FROM ${s}.messages m
       JOIN jsonb_to_recordset($1::jsonb) AS k(c text, u text, id text)
         ON m.conversation_id = k.c AND m.sender_id = k.u AND m.client_id = k.id`,
      [JSON.stringify(senders)],
    ),
    replyTargetsOf(tx, s, inputs),
  ]);
  const isMember = new Set(members.map((m) => `${m.conversation_id}\u0000${m.user_id}`));
  const earlier = new Map(stored.map((row) => [keyOf(toKey(row)), toMessage(row)]));

  // Decide each send before writing anything: which are new, and their seqs.
  const outcomes: (InsertResult | ChatError | { sameAs: number })[] = [];
  const firstIndex = new Map<string, number>();
  const rows: ReturnType<typeof toRow>[] = [];
  for (const [index, input] of inputs.entries()) {
    const key = keyOf(input);
    const before = earlier.get(key);
    const sameBatch = firstIndex.get(key);
    if (
      !lastSeq.has(input.conversationId) ||
      !isMember.has(`${input.conversationId}\u0000${input.senderId}`)
    ) {
      outcomes.push(
        new ChatError(
          'not_found',
          'unable to send message: not a participant of this conversation',
        ),
      );
    } else if (before) {
      outcomes.push({ message: before, created: false });
    } else if (sameBatch !== undefined) {
      outcomes.push({ sameAs: sameBatch });
    } else if (
      input.replyTo !== null &&
      !replyTargets.has(`${input.conversationId}\u0000${input.replyTo}`)
    ) {
      outcomes.push(
        new ChatError(
          'bad_request',
          'unable to send message: replyTo is not a message of this conversation',
          { issues: [{ path: 'replyTo', message: 'no such message in this conversation' }] },
        ),
      );
    } else {
      const seq = (lastSeq.get(input.conversationId) ?? 0) + 1;
      lastSeq.set(input.conversationId, seq);
      firstIndex.set(key, index);
      rows.push(toRow(input, seq));
      outcomes.push({ sameAs: index });
    }
  }
  const inserted = rows.length > 0 ? await writeRows(tx, s, rows) : new Map<string, Message>();

  const results = outcomes.map((outcome) => {
    if (!('sameAs' in outcome)) return outcome;
    const input = inputs[outcome.sameAs] as NewMessage;
    return { message: inserted.get(input.id) as Message, created: false };
  });
  // The first send of each new clientId is the one that created its message.
  for (const index of firstIndex.values()) {
    const result = results[index] as InsertResult;
    results[index] = { message: result.message, created: true };
  }
  return results;
}

/** Plain resends, answered before a send is rate-limited, moderated or locked: one query for the batch. */
export async function findMessagesByClientId(
  db: SqlExecutor,
  s: string,
  keys: ClientKey[],
): Promise<(Message | null)[]> {
  const rows = await db.query<MessageRow>(
    `SELECT m.* FROM ${s}.messages m
     JOIN jsonb_to_recordset($1::jsonb) AS k(c text, u text, id text)
       ON m.conversation_id = k.c AND m.sender_id = k.u AND m.client_id = k.id
     WHERE EXISTS (SELECT 1 FROM ${s}.participants p
       WHERE p.conversation_id = m.conversation_id AND p.user_id = m.sender_id)`,
    [JSON.stringify(keys.map((k) => ({ c: k.conversationId, u: k.senderId, id: k.clientId })))],
  );
  const found = new Map(rows.map((row) => [keyOf(toKey(row)), toMessage(row)]));
  return keys.map((k) => found.get(keyOf(k)) ?? null);
}

function toKey(row: MessageRow): ClientKey {
  return { conversationId: row.conversation_id, senderId: row.sender_id, clientId: row.client_id };
}

function toRow(input: NewMessage, seq: number) {
  return {
    id: input.id,
    conversation_id: input.conversationId,
    seq,
    sender_id: input.senderId,
    client_id: input.clientId,
    kind: input.kind,
    body: input.body,
    attachments: input.attachments,
    reply_to: input.replyTo,
    created_at: input.now.toISOString(),
  };
}

async function replyTargetsOf(tx: SqlExecutor, s: string, inputs: NewMessage[]) {
  const wanted = inputs.filter((i) => i.replyTo !== null);
  if (wanted.length === 0) return new Set<string>();
  const rows = await tx.query<{ conversation_id: string; id: string }>(
    `SELECT m.conversation_id, m.id FROM ${s}.messages m
     JOIN jsonb_to_recordset($1::jsonb) AS k(c text, id text) ON m.conversation_id = k.c AND m.id = k.id`,
    [JSON.stringify(wanted.map((i) => ({ c: i.conversationId, id: i.replyTo })))],
  );
  return new Set(rows.map((row) => `${row.conversation_id}\u0000${row.id}`));
}

/** The inserts, each conversation's new last seq, and each sender's watermarks: three statements. */
async function writeRows(tx: SqlExecutor, s: string, rows: ReturnType<typeof toRow>[]) {
  const inserted = await tx.query<MessageRow>(
    `INSERT INTO ${s}.messages (id, conversation_id, seq, sender_id, client_id, kind, body,
       attachments, reply_to, created_at)
     SELECT id, conversation_id, seq, sender_id, client_id, kind, body, attachments, reply_to, created_at
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, conversation_id text, seq bigint,
       sender_id text, client_id text, kind text, body text, attachments jsonb, reply_to text,
       created_at timestamptz)
     RETURNING *`,
    [JSON.stringify(rows)],
  );
  const newest = new Map<string, { id: string; seq: number; at: string }>();
  const watermarks = new Map<string, { c: string; u: string; seq: number }>();
  for (const row of rows) {
    const last = newest.get(row.conversation_id);
    if (!last || row.seq > last.seq)
      newest.set(row.conversation_id, {
        id: row.conversation_id,
        seq: row.seq,
        at: row.created_at,
      });
    // Whoever writes has read everything before it.
    watermarks.set(`${row.conversation_id}\u0000${row.sender_id}`, {
      c: row.conversation_id,
      u: row.sender_id,
      seq: row.seq,
    });
  }
  await tx.query(
    `UPDATE ${s}.conversations c SET last_seq = v.seq, last_activity_at = v.at
     FROM jsonb_to_recordset($1::jsonb) AS v(id text, seq bigint, at timestamptz) WHERE c.id = v.id`,
    [JSON.stringify([...newest.values()])],
  );
  await tx.query(
    `UPDATE ${s}.participants p SET last_read_seq = GREATEST(p.last_read_seq, v.seq),
       last_delivered_seq = GREATEST(p.last_delivered_seq, v.seq)
     FROM jsonb_to_recordset($1::jsonb) AS v(c text, u text, seq bigint)
     WHERE p.conversation_id = v.c AND p.user_id = v.u`,
    [JSON.stringify([...watermarks.values()])],
  );
  return new Map(inserted.map((row) => [row.id, toMessage(row)]));
}
