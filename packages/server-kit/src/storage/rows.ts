import type {
  Attachment,
  ConversationKind,
  Mention,
  Message,
  MessageKind,
  Participant,
  ParticipantRole,
  Reaction,
} from '@banter/core/protocol';

/** Rows as the drivers return them: pg gives int8 as strings, PGlite as numbers. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: string | number;
  sender_id: string;
  client_id: string;
  kind: MessageKind;
  body: string;
  attachments: Attachment[] | string;
  reply_to: string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
  change: string | number;
  mentions: Mention[] | string;
}

export interface ParticipantRow {
  conversation_id: string;
  user_id: string;
  role: ParticipantRole;
  joined_at: Date | string;
  last_read_seq: string | number;
  last_delivered_seq: string | number;
}

export interface ConversationViewRow {
  id: string;
  kind: ConversationKind;
  title: string | null;
  metadata: Record<string, unknown> | string | null;
  created_by: string;
  created_at: Date | string;
  last_seq: string | number;
  last_change: string | number;
  last_activity_at: Date | string;
  muted: boolean;
  archived: boolean;
  unread_count: string | number;
  unread_mentions: string | number;
}

export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** A message's row and its reactions, aggregated separately (reactions.ts) for a whole page. */
export function toMessage(row: MessageRow, reactions: Reaction[]): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    clientId: row.client_id,
    kind: row.kind,
    body: row.body,
    attachments: parseJson(row.attachments),
    replyTo: row.reply_to,
    createdAt: toIso(row.created_at),
    editedAt: toIsoOrNull(row.edited_at),
    deletedAt: toIsoOrNull(row.deleted_at),
    reactions,
    // Rows read before the mentions migration ran (a node mid-upgrade) have no column yet.
    mentions: row.mentions === undefined ? [] : parseJson(row.mentions),
    change: Number(row.change),
  };
}

export function toParticipant(row: ParticipantRow): Participant {
  return {
    userId: row.user_id,
    role: row.role,
    joinedAt: toIso(row.joined_at),
    lastReadSeq: Number(row.last_read_seq),
    lastDeliveredSeq: Number(row.last_delivered_seq),
  };
}

export function parseMetadata(
  value: ConversationViewRow['metadata'],
): Record<string, unknown> | null {
  return value === null ? null : parseJson(value);
}
