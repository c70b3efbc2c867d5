import {
  ChatError,
  type Conversation,
  type Mention,
  type Message,
  type MessagePage,
  type Receipt,
  type SendResult,
} from '@banter/core/protocol';
import * as push from '../push/push-sql';
import {
  type ConversationChanges,
  createHostConversation,
  insertHostMessage,
  type NewHostConversation,
  updateConversation,
} from './admin-writes';
import { Batcher } from './batcher';
import {
  type ClientKey,
  findMessagesByClientId,
  insertMessageBatch,
  isStaleMembership,
} from './message-batch';
import { changeMessage, listChanges } from './message-changes';
import { type ExpiryBatch, expireMessages } from './message-expiry';
import { pageBySeq } from './message-pages';
import * as moderation from './moderation';
import { addReaction, removeReaction, withReactions } from './reactions';
import {
  type ConversationViewRow,
  type MessageRow,
  type ParticipantRow,
  parseMetadata,
  toIso,
  toParticipant,
} from './rows';
import { assertSchemaName, migrations } from './schema';
import type { SqlDriver, SqlExecutor } from './sql-driver';
import type {
  ChangeRange,
  ConversationListQuery,
  MessageRange,
  NewDirectConversation,
  NewGroupConversation,
  NewMessage,
  NewReaction,
  ParticipantRecord,
  ReactionKey,
  Storage,
  Watermark,
} from './storage';
import { exportUser } from './user-data';
import { eraseUser, type UserErasure } from './user-erasure';

/** Arbitrary but fixed: serializes migrations across nodes sharing one database. */
const migrationLockKey = 0x62616e74;

/** The one `Storage` implementation, over any driver that speaks PostgreSQL. */
export class SqlStorage implements Storage {
  readonly #db: SqlDriver;
  readonly #s: string;

  readonly #inserts: Batcher<NewMessage, SendResult>;
  readonly #lookups: Batcher<ClientKey, Message | null>;

  constructor(driver: SqlDriver, schema = 'banter') {
    this.#db = driver;
    this.#s = assertSchemaName(schema);
    // Sends and resend checks are grouped while the database is busy (group commit).
    const parallel = driver.parallelism ?? 1;
    this.#inserts = new Batcher<NewMessage, SendResult>((inputs) => this.#insertBatch(inputs), {
      parallel,
      maxBatch: 200,
    });
    this.#lookups = new Batcher((keys) => findMessagesByClientId(this.#db, this.#s, keys), {
      parallel,
      maxBatch: 500,
    });
  }

  async migrate(): Promise<void> {
    const s = this.#s;
    await this.#db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      await tx.exec(
        `CREATE SCHEMA IF NOT EXISTS ${s};
         CREATE TABLE IF NOT EXISTS ${s}.migrations (
           version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`,
      );
      const rows = await tx.query<{ version: number }>(`SELECT version FROM ${s}.migrations`);
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const [index, script] of migrations.entries()) {
        const version = index + 1;
        if (applied.has(version)) continue;
        await tx.exec(script.replaceAll('{schema}', s));
        await tx.query(`INSERT INTO ${s}.migrations (version) VALUES ($1)`, [version]);
      }
    });
  }

  async ping(): Promise<void> {
    await this.#db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.#db.close();
  }

  async createDirectConversation(input: NewDirectConversation) {
    const s = this.#s;
    // One direct conversation per unordered pair: the sorted pair is a unique key.
    const directKey = JSON.stringify([input.createdBy, input.otherUserId].sort());
    return this.#db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO ${s}.conversations
           (id, kind, metadata, direct_key, created_by, created_at, last_activity_at)
         VALUES ($1, 'direct', $2, $3, $4, $5, $5)
         ON CONFLICT (direct_key) DO NOTHING RETURNING id`,
        [input.id, jsonOrNull(input.metadata), directKey, input.createdBy, input.now],
      );
      if (inserted.length === 0) {
        const existing = await tx.query<{ id: string }>(
          `SELECT id FROM ${s}.conversations WHERE direct_key = $1`,
          [directKey],
        );
        return { id: firstRow(existing).id, created: false };
      }
      const members = [...new Set([input.createdBy, input.otherUserId])];
      await insertParticipants(tx, s, input.id, members, 'member', input.now);
      return { id: input.id, created: true };
    });
  }

  async createGroupConversation(input: NewGroupConversation) {
    const s = this.#s;
    const key = input.idempotency ?? null;
    return this.#db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO ${s}.conversations
           (id, kind, title, metadata, created_by, created_at, last_activity_at,
            create_key, create_request)
         VALUES ($1, 'group', $2, $3, $4, $5, $5, $6, $7)
         ON CONFLICT (created_by, create_key) DO NOTHING RETURNING id`,
        [
          input.id,
          input.title,
          jsonOrNull(input.metadata),
          input.createdBy,
          input.now,
          key?.key ?? null,
          key?.request ?? null,
        ],
      );
      if (inserted.length === 0 && key) {
        const existing = firstRow(
          await tx.query<{ id: string; create_request: string }>(
            `SELECT id, create_request FROM ${s}.conversations
             WHERE created_by = $1 AND create_key = $2`,
            [input.createdBy, key.key],
          ),
        );
        if (existing.create_request !== key.request) throw idempotencyConflict();
        return { id: existing.id, created: false };
      }
      await insertParticipants(tx, s, input.id, [input.createdBy], 'owner', input.now);
      const others = input.participantIds.filter((id) => id !== input.createdBy);
      await insertParticipants(tx, s, input.id, [...new Set(others)], 'member', input.now);
      return { id: input.id, created: true };
    });
  }

  async getConversation(conversationId: string, viewerId: string): Promise<Conversation | null> {
    const rows = await this.#db.query<ConversationViewRow>(
      `${this.#viewSelect()} WHERE c.id = $2`,
      [viewerId, conversationId],
    );
    const [conversation] = await this.#hydrate(rows, viewerId);
    return conversation ?? null;
  }

  async listConversations(viewerId: string, query: ConversationListQuery) {
    const params: unknown[] = [viewerId, query.archived, query.limit];
    let where = 'WHERE p.archived = $2';
    if (query.after) {
      params.push(new Date(query.after.lastActivityAt), query.after.id);
      where += ' AND (c.last_activity_at, c.id) < ($4, $5)';
    }
    const rows = await this.#db.query<ConversationViewRow>(
      `${this.#viewSelect()} ${where} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $3`,
      params,
    );
    return this.#hydrate(rows, viewerId);
  }

  async getParticipant(conversationId: string, userId: string): Promise<ParticipantRecord | null> {
    const rows = await this.#db.query<ParticipantRow>(
      `SELECT user_id, role FROM ${this.#s}.participants
       WHERE conversation_id = $1 AND user_id = $2`,
      [conversationId, userId],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, role: row.role } : null;
  }

  async listParticipantIds(conversationId: string): Promise<string[]> {
    const rows = await this.#db.query<{ user_id: string }>(
      `SELECT user_id FROM ${this.#s}.participants WHERE conversation_id = $1 ORDER BY user_id`,
      [conversationId],
    );
    return rows.map((row) => row.user_id);
  }

  async addParticipants(conversationId: string, userIds: string[], now: Date) {
    return this.#db.transaction((tx) =>
      insertParticipants(tx, this.#s, conversationId, [...new Set(userIds)], 'member', now),
    );
  }

  async removeParticipant(conversationId: string, userId: string): Promise<boolean> {
    const s = this.#s;
    return this.#db.transaction(async (tx) => {
      const removed = await tx.query(
        `DELETE FROM ${s}.participants WHERE conversation_id = $1 AND user_id = $2 RETURNING user_id`,
        [conversationId, userId],
      );
      if (removed.length === 0) return false;
      // A group is never left without an owner: the longest-standing member takes over.
      await tx.query(
        `UPDATE ${s}.participants SET role = 'owner'
         WHERE conversation_id = $1 AND user_id = (
           SELECT user_id FROM ${s}.participants WHERE conversation_id = $1
           ORDER BY joined_at, user_id LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM ${s}.participants
           WHERE conversation_id = $1 AND role = 'owner')
         AND (SELECT kind FROM ${s}.conversations WHERE id = $1) = 'group'`,
        [conversationId],
      );
      return true;
    });
  }

  async setArchived(conversationId: string, userId: string, archived: boolean) {
    await this.#db.query(
      `UPDATE ${this.#s}.participants SET archived = $3 WHERE conversation_id = $1 AND user_id = $2`,
      [conversationId, userId, archived],
    );
  }

  async setMuted(conversationId: string, userId: string, muted: boolean) {
    await this.#db.query(
      `UPDATE ${this.#s}.participants SET muted = $3 WHERE conversation_id = $1 AND user_id = $2`,
      [conversationId, userId, muted],
    );
  }

  insertMessage(input: NewMessage) {
    // Callers answer plain retries first (findMessageByClientId); a retry racing its original is caught under the lock.
    return this.#inserts.run(input);
  }

  findMessageByClientId(conversationId: string, senderId: string, clientId: string) {
    return this.#lookups.run({ conversationId, senderId, clientId });
  }

  /**
   * One statement for the batch. If the database refuses it as a whole, each send
   * is tried on its own, so one send it refuses never fails the others; a resend
   * that raced its original from another batch (a unique violation) is tried once
   * more, when the original is visible and it is answered as a resend; so is a send
   * whose sender was removed or erased while it waited (it then gets `not_found`).
   */
  async #insertBatch(inputs: NewMessage[]) {
    const s = this.#s;
    const alone = async (input: NewMessage, again = true): Promise<SendResult | ChatError> => {
      try {
        const [outcome] = await insertMessageBatch(this.#db, s, [input]);
        return outcome as SendResult | ChatError;
      } catch (error) {
        if (again && (isUniqueViolation(error) || isStaleMembership(error))) {
          return alone(input, false);
        }
        throw error;
      }
    };
    try {
      return await insertMessageBatch(this.#db, s, inputs);
    } catch (error) {
      if (inputs.length === 1 && !isUniqueViolation(error) && !isStaleMembership(error)) {
        throw error;
      }
      return Promise.all(
        inputs.map((input) => alone(input).catch((single: unknown) => ChatError.from(single))),
      );
    }
  }

  async getMessage(conversationId: string, messageId: string, viewerId?: string) {
    const rows = await this.#db.query<MessageRow>(
      `SELECT * FROM ${this.#s}.messages WHERE conversation_id = $1 AND id = $2`,
      [conversationId, messageId],
    );
    const [message] = await withReactions(this.#db, this.#s, rows, viewerId ?? null);
    return message ?? null;
  }

  async editMessage(
    conversationId: string,
    messageId: string,
    body: string,
    now: Date,
    viewerId?: string,
    mentions: Mention[] = [],
  ) {
    const edited = await changeMessage(
      this.#db,
      this.#s,
      conversationId,
      messageId,
      'body = $3, edited_at = $4, mentions = $5::jsonb',
      [body, now, JSON.stringify(mentions)],
      viewerId ?? null,
    );
    if (!edited) throw new ChatError('not_found', 'unable to edit message: no such message');
    return edited;
  }

  async deleteMessage(conversationId: string, messageId: string, now: Date, viewerId?: string) {
    const deleted = await changeMessage(
      this.#db,
      this.#s,
      conversationId,
      messageId,
      `body = '', attachments = '[]'::jsonb, mentions = '[]'::jsonb, deleted_at = $3`,
      [now],
      viewerId ?? null,
    );
    if (deleted) return deleted;
    // Deleted before (a racing delete won): nothing changes, so no change number is taken.
    const earlier = await this.getMessage(conversationId, messageId, viewerId);
    if (!earlier) throw new ChatError('not_found', 'unable to delete message: no such message');
    return earlier;
  }

  async listMessages(
    conversationId: string,
    range: MessageRange,
    viewerId?: string,
  ): Promise<MessagePage> {
    const page = await pageBySeq(this.#db, this.#s, conversationId, range);
    const messages = await withReactions(this.#db, this.#s, page.rows, viewerId ?? null);
    return page.hasMoreAfter === undefined
      ? { messages, hasMore: page.hasMore }
      : { messages, hasMore: page.hasMore, hasMoreAfter: page.hasMoreAfter };
  }

  listChanges(conversationId: string, range: ChangeRange, viewerId?: string) {
    return listChanges(this.#db, this.#s, conversationId, range, viewerId ?? null);
  }

  addReaction(input: NewReaction) {
    return addReaction(this.#db, this.#s, input);
  }

  removeReaction(input: ReactionKey) {
    return removeReaction(this.#db, this.#s, input);
  }

  async advanceWatermark(
    conversationId: string,
    userId: string,
    watermark: Watermark,
    seq: number,
  ): Promise<Receipt | null> {
    const s = this.#s;
    const target = `LEAST($3::bigint, (SELECT last_seq FROM ${s}.conversations WHERE id = $1))`;
    const set =
      watermark === 'read'
        ? `last_read_seq = GREATEST(last_read_seq, ${target}),
           last_delivered_seq = GREATEST(last_delivered_seq, ${target})`
        : `last_delivered_seq = GREATEST(last_delivered_seq, ${target})`;
    const rows = await this.#db.query<ParticipantRow>(
      `UPDATE ${s}.participants SET ${set}
       WHERE conversation_id = $1 AND user_id = $2 RETURNING *`,
      [conversationId, userId, seq],
    );
    const row = rows[0];
    if (!row) return null;
    const participant = toParticipant(row);
    return {
      conversationId,
      userId,
      lastReadSeq: participant.lastReadSeq,
      lastDeliveredSeq: participant.lastDeliveredSeq,
    };
  }

  async listContactIds(userId: string): Promise<string[]> {
    const s = this.#s;
    const rows = await this.#db.query<{ user_id: string }>(
      `SELECT DISTINCT other.user_id FROM ${s}.participants mine
       JOIN ${s}.participants other ON other.conversation_id = mine.conversation_id
       WHERE mine.user_id = $1 AND other.user_id <> $1`,
      [userId],
    );
    return rows.map((row) => row.user_id);
  }

  async listConversationIds(userId: string): Promise<string[]> {
    const rows = await this.#db.query<{ conversation_id: string }>(
      `SELECT conversation_id FROM ${this.#s}.participants WHERE user_id = $1`,
      [userId],
    );
    return rows.map((row) => row.conversation_id);
  }

  async setLastSeen(userId: string, at: Date) {
    await this.#db.query(
      `INSERT INTO ${this.#s}.last_seen (user_id, at) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET at = GREATEST(${this.#s}.last_seen.at, EXCLUDED.at)`,
      [userId, at],
    );
  }

  async getLastSeen(userIds: string[]) {
    const rows = await this.#db.query<{ user_id: string; at: Date | string }>(
      `SELECT user_id, at FROM ${this.#s}.last_seen WHERE user_id = ANY($1::text[])`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, toIso(row.at)]));
  }

  // The host's writes (banter.admin) and the retention sweep: their SQL lives in its own files.
  createHostConversation(input: NewHostConversation) {
    return createHostConversation(this.#db, this.#s, input);
  }

  insertHostMessage(input: NewMessage) {
    return insertHostMessage(this.#db, this.#s, input);
  }

  updateConversation(conversationId: string, changes: ConversationChanges) {
    return updateConversation(this.#db, this.#s, conversationId, changes);
  }

  exportUser(userId: string, now: Date) {
    return this.#db.transaction((tx) => exportUser(tx, this.#s, userId, now));
  }

  eraseUser(input: UserErasure) {
    return eraseUser(this.#db, this.#s, input);
  }

  expireMessages(batch: ExpiryBatch) {
    return expireMessages(this.#db, this.#s, batch);
  }

  // Bans and blocks: their SQL lives in moderation.ts.
  banUser(userId: string, reason: string | null, now: Date) {
    return moderation.banUser(this.#db, this.#s, userId, reason, now);
  }

  unbanUser(userId: string) {
    return moderation.unbanUser(this.#db, this.#s, userId);
  }

  getBan(userId: string) {
    return moderation.getBan(this.#db, this.#s, userId);
  }

  blockUser(blockerId: string, blockedId: string, now: Date) {
    return moderation.blockUser(this.#db, this.#s, blockerId, blockedId, now);
  }

  unblockUser(blockerId: string, blockedId: string) {
    return moderation.unblockUser(this.#db, this.#s, blockerId, blockedId);
  }

  listBlockedIds(blockerId: string) {
    return moderation.listBlockedIds(this.#db, this.#s, blockerId);
  }

  listBlockerIds(blockedId: string, among: string[]) {
    return moderation.listBlockerIds(this.#db, this.#s, blockedId, among);
  }

  directBlockers(checks: moderation.SendCheck[]) {
    return moderation.directBlockers(this.#db, this.#s, checks);
  }

  // Web Push subscriptions: their SQL lives in push/push-sql.ts.
  savePushSubscription(input: push.NewPushSubscription) {
    return push.savePushSubscription(this.#db, this.#s, input);
  }

  deletePushSubscription(userId: string, endpoint: string) {
    return push.deletePushSubscription(this.#db, this.#s, userId, endpoint);
  }

  deletePushEndpoint(endpoint: string) {
    return push.deletePushEndpoint(this.#db, this.#s, endpoint);
  }

  listPushEndpoints(userId: string) {
    return push.listPushEndpoints(this.#db, this.#s, userId);
  }

  listPushTargets(conversationId: string, userIds: string[]) {
    return push.listPushTargets(this.#db, this.#s, conversationId, userIds);
  }

  #viewSelect(): string {
    const s = this.#s;
    // $1 is always the viewer.
    return `SELECT c.id, c.kind, c.title, c.metadata, c.created_by, c.created_at, c.last_seq,
        c.last_change, c.last_activity_at, p.muted, p.archived,
        u.unread_count, u.unread_mentions
      FROM ${s}.conversations c
      JOIN ${s}.participants p ON p.conversation_id = c.id AND p.user_id = $1
      -- One pass over the viewer's unread messages counts both: the mentions are those of them
      -- whose mentions name the viewer (own messages, read and deleted ones never count).
      CROSS JOIN LATERAL (
        SELECT count(*) AS unread_count,
          count(*) FILTER (WHERE m.mentions @> jsonb_build_array(
            jsonb_build_object('userId', p.user_id))) AS unread_mentions
        FROM ${s}.messages m
        WHERE m.conversation_id = c.id AND m.seq > p.last_read_seq
          AND m.sender_id <> p.user_id AND m.deleted_at IS NULL
      ) u`;
  }

  /** Adds participants and last messages (with their reactions) to view rows, three queries for the whole page. */
  async #hydrate(rows: ConversationViewRow[], viewerId: string): Promise<Conversation[]> {
    if (rows.length === 0) return [];
    const s = this.#s;
    const ids = rows.map((row) => row.id);
    const [participants, lastMessages] = await Promise.all([
      this.#db.query<ParticipantRow>(
        `SELECT * FROM ${s}.participants WHERE conversation_id = ANY($1::text[])
         ORDER BY joined_at, user_id`,
        [ids],
      ),
      this.#db.query<MessageRow>(
        `SELECT m.* FROM ${s}.conversations c
         JOIN ${s}.messages m ON m.conversation_id = c.id AND m.seq = c.last_seq
         WHERE c.id = ANY($1::text[])`,
        [ids],
      ),
    ]);
    const last = await withReactions(this.#db, s, lastMessages, viewerId);
    return rows.map((row) => {
      const lastMessage = last.find((message) => message.conversationId === row.id);
      return {
        id: row.id,
        kind: row.kind,
        title: row.title,
        metadata: parseMetadata(row.metadata),
        createdBy: row.created_by,
        createdAt: toIso(row.created_at),
        lastSeq: Number(row.last_seq),
        lastChange: Number(row.last_change),
        lastActivityAt: toIso(row.last_activity_at),
        participants: participants
          .filter((participant) => participant.conversation_id === row.id)
          .map(toParticipant),
        lastMessage: lastMessage ?? null,
        unreadCount: Number(row.unread_count),
        unreadMentions: Number(row.unread_mentions),
        muted: row.muted,
        archived: row.archived,
      };
    });
  }

  /** The sender's stored message with this clientId, if they are still a participant. */
}

async function insertParticipants(
  tx: SqlExecutor,
  schema: string,
  conversationId: string,
  userIds: string[],
  role: 'owner' | 'member',
  now: Date,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await tx.query<{ user_id: string }>(
    `INSERT INTO ${schema}.participants (conversation_id, user_id, role, joined_at)
     SELECT $1, u, $3, $4 FROM unnest($2::text[]) AS u
     ON CONFLICT (conversation_id, user_id) DO NOTHING RETURNING user_id`,
    [conversationId, userIds, role, now],
  );
  return rows.map((row) => row.user_id);
}

function jsonOrNull(value: Record<string, unknown> | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

function firstRow<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('expected a row from the database');
  return row;
}

/** PostgreSQL's unique_violation, as both drivers report it. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

function idempotencyConflict(): ChatError {
  return new ChatError(
    'conflict',
    'unable to create conversation: this idempotencyKey was used for a different group',
    {
      issues: [
        { path: 'idempotencyKey', message: 'was used with other participants, title or metadata' },
      ],
    },
  );
}
