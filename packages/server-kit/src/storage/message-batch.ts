import {
  ChatError,
  type FieldIssue,
  type Message,
  mentionParticipantIssues,
  type SendResult,
} from '@banter/core/protocol';
import { withReactions } from './reactions';
import { type MessageRow, toMessage } from './rows';
import type { SqlExecutor } from './sql-driver';
import type { NewMessage } from './storage';

export interface ClientKey {
  conversationId: string;
  senderId: string;
  clientId: string;
}

const keyOf = (k: ClientKey) => `${k.conversationId}\u0000${k.senderId}\u0000${k.clientId}`;

/**
 * Stores a batch of sends in one statement, so one commit and one round trip
 * whatever the batch size. Each send gets its own outcome: the stored message
 * (`created: false` when its clientId was stored before, or earlier in the
 * batch), or a ChatError for it alone (not a participant, bad replyTo).
 *
 * The conversations' rows are locked first, in id order (two batches never wait
 * on each other crosswise), and seqs and changes are counted on from the locked
 * rows, so both stay gapless across nodes; within a conversation the batch's
 * changes rise in seq order. A sender removed or erased while the batch waited for
 * those locks fails the statement (`isStaleMembership`), to be retried send by send. Duplicates are looked for in the statement's
 * snapshot: a resend racing its original from another node fails the unique
 * constraint instead, and the caller then retries send by send, when the
 * original is visible.
 */
export async function insertMessageBatch(
  db: SqlExecutor,
  s: string,
  inputs: NewMessage[],
): Promise<(SendResult | ChatError)[]> {
  const inserted = await db.query<MessageRow>(
    `WITH k AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(ord int, id text, c text, u text,
         client_id text, kind text, body text, attachments jsonb, reply_to text,
         mentions jsonb, created_at timestamptz)
     ),
     locked AS (
       SELECT id, last_seq, last_change FROM ${s}.conversations
       WHERE id IN (SELECT c FROM k) ORDER BY id FOR UPDATE
     ),
     accepted AS (
       SELECT DISTINCT ON (k.c, k.u, k.client_id) k.* FROM k
       WHERE EXISTS (SELECT 1 FROM locked l WHERE l.id = k.c)
         AND EXISTS (SELECT 1 FROM ${s}.participants p
           WHERE p.conversation_id = k.c AND p.user_id = k.u)
         AND NOT EXISTS (SELECT 1 FROM ${s}.messages m
           WHERE m.conversation_id = k.c AND m.sender_id = k.u AND m.client_id = k.client_id)
         AND (k.reply_to IS NULL OR EXISTS (SELECT 1 FROM ${s}.messages m
           WHERE m.conversation_id = k.c AND m.id = k.reply_to))
         -- Everyone mentioned is a participant as the message commits, under the same snapshot.
         AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(k.mentions) e
           WHERE NOT EXISTS (SELECT 1 FROM ${s}.participants p
             WHERE p.conversation_id = k.c AND p.user_id = e->>'userId'))
       ORDER BY k.c, k.u, k.client_id, k.ord
     ),
     ranked AS (
       SELECT a.*, l.last_seq, l.last_change,
         row_number() OVER (PARTITION BY a.c ORDER BY a.ord) AS n
       FROM accepted a JOIN locked l ON l.id = a.c
     ),
     numbered AS (
       SELECT r.*, r.last_seq + r.n AS seq, r.last_change + r.n AS change FROM ranked r
     ),
     inserted AS (
       INSERT INTO ${s}.messages (id, conversation_id, seq, change, sender_id, client_id, kind,
         body, attachments, reply_to, mentions, created_at)
       SELECT id, c, seq, change, u, client_id, kind, body, attachments, reply_to, mentions,
         created_at
       FROM numbered
       RETURNING *
     ),
     bumped AS (
       UPDATE ${s}.conversations c SET last_seq = n.seq, last_change = n.change,
         last_activity_at = n.at
       FROM (SELECT c, max(seq) AS seq, max(change) AS change, max(created_at) AS at
         FROM numbered GROUP BY c) n
       WHERE c.id = n.c
     ),
     -- Whoever writes has read everything before it.
     marked AS (
       UPDATE ${s}.participants p SET last_read_seq = GREATEST(p.last_read_seq, n.seq),
         last_delivered_seq = GREATEST(p.last_delivered_seq, n.seq)
       FROM (SELECT c, u, max(seq) AS seq FROM numbered GROUP BY c, u) n
       WHERE p.conversation_id = n.c AND p.user_id = n.u
       RETURNING p.user_id
     ),
     -- A sender removed or erased while this statement waited for the conversations' locks is
     -- a member in its snapshot (taken before the wait) but not to the UPDATE above, which
     -- reads rows as committed now. Then the statement fails on purpose (division_by_zero,
     -- computed so that the planner cannot fold it), nothing is written, and the caller
     -- retries send by send, each with a fresh snapshot.
     fresh AS (
       SELECT 1 / (CASE WHEN (SELECT count(*) FROM marked)
         = (SELECT count(*) FROM (SELECT DISTINCT c, u FROM numbered) x) THEN 1 ELSE 0 END) AS ok
     )
     SELECT * FROM inserted WHERE (SELECT ok FROM fresh) = 1`,
    [JSON.stringify(inputs.map(toRow))],
  );
  // A message just stored has no reactions yet: no query for them.
  const created = new Map(inserted.map((row) => [keyOf(toKey(row)), toMessage(row, [])]));
  const leftover = inputs.filter((input) => !created.has(keyOf(input)));
  const reasons = leftover.length > 0 ? await whyNotStored(db, s, leftover) : new Map();
  const claimed = new Set<string>();
  return inputs.map((input) => {
    const key = keyOf(input);
    const message = created.get(key);
    if (message) {
      // The first send of a clientId in the batch created it; a second one is its retry.
      const first = !claimed.has(key) && message.id === input.id;
      claimed.add(key);
      return { message, created: first };
    }
    return reasons.get(key) as SendResult | ChatError;
  });
}

/** For the sends a batch did not store: the earlier copy, or why it was refused. */
async function whyNotStored(db: SqlExecutor, s: string, inputs: NewMessage[]) {
  const earlier = await findMessagesByClientId(db, s, inputs);
  const members = await db.query<{ conversation_id: string; user_id: string }>(
    `SELECT p.conversation_id, p.user_id FROM ${s}.participants p
     JOIN jsonb_to_recordset($1::jsonb) AS k(c text, u text)
       ON p.conversation_id = k.c AND p.user_id = k.u`,
    [JSON.stringify(inputs.map((i) => ({ c: i.conversationId, u: i.senderId })))],
  );
  const isMember = new Set(members.map((m) => `${m.conversation_id}\u0000${m.user_id}`));
  const notMentionable = await nonParticipantMentions(db, s, inputs);
  const reasons = new Map<string, SendResult | ChatError>();
  for (const [index, input] of inputs.entries()) {
    const stored = earlier[index];
    const mentionIssues = notMentionable.get(index);
    if (stored) reasons.set(keyOf(input), { message: stored, created: false });
    else if (!isMember.has(`${input.conversationId}\u0000${input.senderId}`))
      reasons.set(
        keyOf(input),
        new ChatError(
          'not_found',
          'unable to send message: not a participant of this conversation',
        ),
      );
    else if (mentionIssues) reasons.set(keyOf(input), mentionRefusal(mentionIssues));
    else
      reasons.set(
        keyOf(input),
        new ChatError(
          'bad_request',
          'unable to send message: replyTo is not a message of this conversation',
          { issues: [{ path: 'replyTo', message: 'no such message in this conversation' }] },
        ),
      );
  }
  return reasons;
}

/** Per input (by index), its mentions of people who are not participants, when it has any. */
async function nonParticipantMentions(db: SqlExecutor, s: string, inputs: NewMessage[]) {
  const named = inputs.filter((input) => (input.mentions ?? []).length > 0);
  const found = new Map<number, FieldIssue[]>();
  if (named.length === 0) return found;
  const members = await db.query<{ conversation_id: string; user_id: string }>(
    `SELECT conversation_id, user_id FROM ${s}.participants
     WHERE conversation_id = ANY($1::text[])`,
    [[...new Set(named.map((input) => input.conversationId))]],
  );
  for (const [index, input] of inputs.entries()) {
    const ids = new Set(
      members.filter((m) => m.conversation_id === input.conversationId).map((m) => m.user_id),
    );
    const issues = mentionParticipantIssues(input.mentions ?? [], ids);
    if (issues.length > 0) found.set(index, issues);
  }
  return found;
}

/** The refusal of a message naming someone who is not in its conversation; nothing is stored. */
export function mentionRefusal(issues: FieldIssue[], action: 'send' | 'edit' = 'send'): ChatError {
  return new ChatError(
    'bad_request',
    `unable to ${action} message: a mention names someone who is not a participant`,
    { issues },
  );
}

/**
 * Plain resends, answered before a send is rate-limited, moderated or locked: one query for
 * the batch, and one for the reactions its messages gathered since, each read for its sender.
 */
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
  const messages = await withReactions(db, s, rows, (row) => row.sender_id);
  const found = new Map(
    messages.map((message, i) => [keyOf(toKey(rows[i] as MessageRow)), message]),
  );
  return keys.map((k) => found.get(keyOf(k)) ?? null);
}

function toKey(row: MessageRow): ClientKey {
  return { conversationId: row.conversation_id, senderId: row.sender_id, clientId: row.client_id };
}

function toRow(input: NewMessage, ord: number) {
  return {
    ord,
    id: input.id,
    c: input.conversationId,
    u: input.senderId,
    client_id: input.clientId,
    kind: input.kind,
    body: input.body,
    attachments: input.attachments,
    reply_to: input.replyTo,
    mentions: input.mentions ?? [],
    created_at: input.now.toISOString(),
  };
}

/**
 * The batch statement's refusal when a sender stopped being a participant while it waited
 * for the conversations' locks (its `fresh` check): nothing was written, and each send tried
 * again alone, with a fresh snapshot, gets its own answer.
 */
export function isStaleMembership(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '22012';
}
