import type { ConversationKind, MessageKind, ParticipantRole } from '@banter/core/protocol';
import { type MessageRow, toIso } from './rows';
import type { SqlExecutor } from './sql-driver';

/**
 * Everything Banter stores about one user (`banter.admin.exportUser`). Profiles are the
 * host's and are not here. Times are ISO 8601.
 */
export interface UserExport {
  /** Whom it is about. */
  userId: string;
  /** When it was read. */
  exportedAt: string;
  /** Their membership of each conversation they are in, with their own state there. */
  participants: {
    /** The conversation. */
    conversationId: string;
    /** Direct or group. */
    kind: ConversationKind;
    /** Its title, or null. */
    title: string | null;
    /** Their role. */
    role: ParticipantRole;
    /** When they joined. */
    joinedAt: string;
    /** Their read watermark. */
    lastReadSeq: number;
    /** Their delivery watermark. */
    lastDeliveredSeq: number;
    /** Whether they muted it. */
    muted: boolean;
    /** Whether they archived it. */
    archived: boolean;
  }[];
  /** Conversations they created, whether or not they are still in them. */
  createdConversations: {
    /** The conversation. */
    conversationId: string;
    /** Direct or group. */
    kind: ConversationKind;
    /** Its title, or null. */
    title: string | null;
    /** When they created it. */
    createdAt: string;
  }[];
  /** Every message they sent, deleted ones (without content) included, oldest first. */
  messages: {
    /** The message's id. */
    id: string;
    /** Its conversation. */
    conversationId: string;
    /** Its place in the conversation. */
    seq: number;
    /** The idempotency key their client sent with it. */
    clientId: string;
    /** Text, image, file. */
    kind: MessageKind;
    /** Its text as it is now (empty once deleted). */
    body: string;
    /** Its attachments as they are now. */
    attachments: unknown[];
    /** The message it answers, or null. */
    replyTo: string | null;
    /** When they sent it. */
    createdAt: string;
    /** When they last edited it, or null. */
    editedAt: string | null;
    /** When it was deleted, or null. */
    deletedAt: string | null;
  }[];
  /** Reactions they put on messages. */
  reactions: {
    /** The message's conversation. */
    conversationId: string;
    /** The message. */
    messageId: string;
    /** The emoji. */
    emoji: string;
    /** When they reacted. */
    createdAt: string;
  }[];
  /** When they were last online, or null when never recorded. */
  lastSeenAt: string | null;
  /** The users they block (who blocks them is those users' data, and not here). */
  blocks: {
    /** The user they block. */
    userId: string;
    /** Since when. */
    createdAt: string;
  }[];
  /** Their browsers' Web Push subscriptions (the endpoints; the keys, device secrets, are left out). */
  pushSubscriptions: {
    /** The push service URL of one browser. */
    endpoint: string;
    /** When it was subscribed. */
    createdAt: string;
  }[];
  /** Files they uploaded, sent or not: what is stored about each, never its bytes or a URL. */
  uploads: {
    /** The upload's id. */
    id: string;
    /** The conversation it was uploaded to. */
    conversationId: string;
    /** The file's (sanitized) name. */
    name: string;
    /** Its checked media type once complete, else the type their client declared. */
    type: string;
    /** Its size in bytes. */
    size: number;
    /** `pending` until its bytes were checked, then `complete`. */
    status: 'pending' | 'complete';
    /** The message that carries it, or null when none does. */
    messageId: string | null;
    /** When it was created. */
    createdAt: string;
  }[];
  /** The host's ban of them, or null. */
  ban: {
    /** Why, as the host gave it, or null. */
    reason: string | null;
    /** Since when. */
    bannedAt: string;
  } | null;
}

/**
 * Each table of the schema and the part of `UserExport` that holds its rows about the user,
 * or null for a table that holds nothing about users. Tests compare it with the schema, so a
 * new table cannot be added without saying where its user data goes (and how it is erased).
 */
export const userDataTables: Readonly<Record<string, keyof UserExport | null>> = {
  conversations: 'createdConversations',
  participants: 'participants',
  messages: 'messages',
  reactions: 'reactions',
  last_seen: 'lastSeenAt',
  blocks: 'blocks',
  bans: 'ban',
  push_subscriptions: 'pushSubscriptions',
  uploads: 'uploads',
  // Copies of the rows above, sent to your webhook: erasure rewrites them (user-erasure.ts).
  webhook_events: null,
  // Delivery state per conversation, no user data.
  webhook_streams: null,
  // Holds a hash of the host's create request, never an id in the clear.
  host_creates: null,
  migrations: null,
};

/** Reads everything stored about `userId`, in one snapshot (one transaction). */
export async function exportUser(
  tx: SqlExecutor,
  s: string,
  userId: string,
  now: Date,
): Promise<UserExport> {
  const participants = await tx.query<{
    conversation_id: string;
    kind: ConversationKind;
    title: string | null;
    role: ParticipantRole;
    joined_at: Date | string;
    last_read_seq: string | number;
    last_delivered_seq: string | number;
    muted: boolean;
    archived: boolean;
  }>(
    `SELECT p.*, c.kind, c.title FROM ${s}.participants p
     JOIN ${s}.conversations c ON c.id = p.conversation_id
     WHERE p.user_id = $1 ORDER BY p.joined_at, p.conversation_id`,
    [userId],
  );
  const created = await tx.query<{
    id: string;
    kind: ConversationKind;
    title: string | null;
    created_at: Date | string;
  }>(
    `SELECT id, kind, title, created_at FROM ${s}.conversations
     WHERE created_by = $1 ORDER BY created_at, id`,
    [userId],
  );
  const messages = await tx.query<MessageRow>(
    `SELECT * FROM ${s}.messages WHERE sender_id = $1 ORDER BY created_at, conversation_id, seq`,
    [userId],
  );
  const reactions = await tx.query<{
    conversation_id: string;
    message_id: string;
    emoji: string;
    created_at: Date | string;
  }>(
    `SELECT conversation_id, message_id, emoji, created_at FROM ${s}.reactions
     WHERE user_id = $1 ORDER BY created_at, message_id, emoji`,
    [userId],
  );
  const [seen] = await tx.query<{ at: Date | string }>(
    `SELECT at FROM ${s}.last_seen WHERE user_id = $1`,
    [userId],
  );
  const blocks = await tx.query<{ blocked_id: string; created_at: Date | string }>(
    `SELECT blocked_id, created_at FROM ${s}.blocks WHERE blocker_id = $1
     ORDER BY created_at, blocked_id`,
    [userId],
  );
  const subscriptions = await tx.query<{ endpoint: string; created_at: Date | string }>(
    `SELECT endpoint, created_at FROM ${s}.push_subscriptions WHERE user_id = $1
     ORDER BY created_at, endpoint`,
    [userId],
  );
  const uploads = await tx.query<{
    id: string;
    conversation_id: string;
    name: string;
    type: string | null;
    declared_type: string;
    size: string | number;
    status: 'pending' | 'complete';
    message_id: string | null;
    created_at: Date | string;
  }>(
    `SELECT id, conversation_id, name, type, declared_type, size, status, message_id, created_at
     FROM ${s}.uploads WHERE owner_id = $1 ORDER BY created_at, id`,
    [userId],
  );
  const [ban] = await tx.query<{ reason: string | null; banned_at: Date | string }>(
    `SELECT reason, banned_at FROM ${s}.bans WHERE user_id = $1`,
    [userId],
  );
  return {
    userId,
    exportedAt: now.toISOString(),
    participants: participants.map((p) => ({
      conversationId: p.conversation_id,
      kind: p.kind,
      title: p.title,
      role: p.role,
      joinedAt: toIso(p.joined_at),
      lastReadSeq: Number(p.last_read_seq),
      lastDeliveredSeq: Number(p.last_delivered_seq),
      muted: p.muted,
      archived: p.archived,
    })),
    createdConversations: created.map((c) => ({
      conversationId: c.id,
      kind: c.kind,
      title: c.title,
      createdAt: toIso(c.created_at),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      conversationId: m.conversation_id,
      seq: Number(m.seq),
      clientId: m.client_id,
      kind: m.kind,
      body: m.body,
      attachments: typeof m.attachments === 'string' ? JSON.parse(m.attachments) : m.attachments,
      replyTo: m.reply_to,
      createdAt: toIso(m.created_at),
      editedAt: m.edited_at === null ? null : toIso(m.edited_at),
      deletedAt: m.deleted_at === null ? null : toIso(m.deleted_at),
    })),
    reactions: reactions.map((r) => ({
      conversationId: r.conversation_id,
      messageId: r.message_id,
      emoji: r.emoji,
      createdAt: toIso(r.created_at),
    })),
    lastSeenAt: seen ? toIso(seen.at) : null,
    blocks: blocks.map((b) => ({ userId: b.blocked_id, createdAt: toIso(b.created_at) })),
    pushSubscriptions: subscriptions.map((p) => ({
      endpoint: p.endpoint,
      createdAt: toIso(p.created_at),
    })),
    uploads: uploads.map((u) => ({
      id: u.id,
      conversationId: u.conversation_id,
      name: u.name,
      type: u.type ?? u.declared_type,
      size: Number(u.size),
      status: u.status,
      messageId: u.message_id,
      createdAt: toIso(u.created_at),
    })),
    ban: ban ? { reason: ban.reason, bannedAt: toIso(ban.banned_at) } : null,
  };
}
