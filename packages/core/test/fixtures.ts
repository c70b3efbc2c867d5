import type { Conversation, Message, Participant } from '../src/protocol';

/** The signed-in user in unit tests. */
export const me = 'me';

/** A timestamp `minute` minutes into 2024: fixed, so tests never depend on the clock. */
export const at = (minute: number) =>
  new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();

/** A stored message from Bob in conversation c1, created at minute `seq` (its change is its seq: never edited). */
export function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    senderId: 'bob',
    clientId: `k${seq}`,
    kind: 'text',
    body: `message ${seq}`,
    attachments: [],
    replyTo: null,
    createdAt: at(seq),
    editedAt: null,
    deletedAt: null,
    reactions: [],
    change: seq,
    ...over,
  };
}

export function participant(
  userId: string,
  lastReadSeq = 0,
  lastDeliveredSeq = lastReadSeq,
): Participant {
  return { userId, role: 'member', joinedAt: at(0), lastReadSeq, lastDeliveredSeq };
}

/** A direct conversation between `me` and Bob, with nothing in it yet. */
export function conversation(id: string, over: Partial<Conversation> = {}): Conversation {
  return {
    id,
    kind: 'direct',
    title: null,
    metadata: null,
    createdBy: me,
    createdAt: at(0),
    lastSeq: 0,
    lastChange: 0,
    lastActivityAt: at(0),
    participants: [participant(me), participant('bob')],
    lastMessage: null,
    unreadCount: 0,
    unreadMentions: 0,
    muted: false,
    archived: false,
    ...over,
  };
}
