import {
  type Attachment,
  type Conversation,
  type ErrorPayload,
  type Mention,
  type Message,
  type MessageKind,
  type Participant,
  protocolLimits,
} from '../protocol';
import type { PendingUpload } from '../uploads/pending-upload';
import { applyOwnReaction } from './reactions';
import type { ActionKind, ChatState, PendingAction, PendingMessage, Timeline } from './state';

/**
 * An own message's status: `sending` and `failed` from the outbox, `sent`, `delivered` and `read`
 * from the other participants' watermarks.
 */
export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** One row of a conversation as a UI shows it: confirmed or still pending. */
export interface MessageView {
  /** Stable across the pending → confirmed change: `senderId` and `clientId`. */
  key: string;
  /** Null while pending. */
  id: string | null;
  /** Its place in the conversation; null while it is on its way. */
  seq: number | null;
  /** The conversation it is in. */
  conversationId: string;
  /** Who sent it. */
  senderId: string;
  /** The sender's idempotency key. */
  clientId: string;
  /** What it carries. */
  kind: MessageKind;
  /** Its text as it is shown, pending edits applied; empty once deleted. */
  body: string;
  /** People named in `body` (ranges into it), pending edits applied; empty when none. */
  mentions: Mention[];
  /** Files or images sent with it. */
  attachments: Attachment[];
  /** The id of the message it replies to, if any. */
  replyTo: string | null;
  /** When it was sent (ISO 8601). */
  createdAt: string;
  /** When it was last edited; null if never. */
  editedAt: string | null;
  /** When it was deleted; null while it is not. */
  deletedAt: string | null;
  /** Sent by the signed-in user. */
  own: boolean;
  /** For own messages; null for others'. */
  status: MessageStatus | null;
  /** Why a failed send failed. */
  error: ErrorPayload | null;
  /** With the viewer's pending reactions applied. */
  reactions: ReactionView[];
  /** The viewer's actions on this message still with the outbox (edits, deletes, reactions), in order. */
  actions: ActionView[];
  /** An own send's files on their way, with progress; absent once sent and for sends without files. */
  uploads?: PendingUpload[];
}

/** One emoji's reactions on a row, with the viewer's pending changes applied. */
export interface ReactionView {
  /** The emoji. */
  emoji: string;
  /** How many people reacted with it. */
  count: number;
  /** The first users who reacted with it. */
  userIds: string[];
  /** Whether the viewer reacted with it (a pending reaction counts). */
  reacted: boolean;
}

/** An edit, delete or reaction of the viewer's that the server has not confirmed yet. */
export interface ActionView {
  /** The action's id: pass it to `retryAction` or `discardAction`. */
  id: string;
  /** Edit, delete, react or unreact. */
  kind: ActionKind;
  /** `sending`, or `failed` when refused for good. */
  status: 'sending' | 'failed';
  /** Why it failed; null while sending. */
  error: ErrorPayload | null;
  /** A reaction's emoji; null for edits and deletes. */
  emoji: string | null;
}

/** The lowest read and delivered watermarks among the other participants. */
interface Watermarks {
  read: number;
  delivered: number;
  /** False when nobody else is in the conversation (nothing to deliver to). */
  others: boolean;
}

function watermarksOf(participants: Participant[] | undefined, me: string): Watermarks {
  let read = Number.POSITIVE_INFINITY;
  let delivered = Number.POSITIVE_INFINITY;
  let others = false;
  for (const p of participants ?? []) {
    if (p.userId === me) continue;
    others = true;
    read = Math.min(read, p.lastReadSeq);
    delivered = Math.min(delivered, p.lastDeliveredSeq);
  }
  return { read, delivered, others };
}

function statusFrom(marks: Watermarks, seq: number): MessageStatus {
  if (!marks.others) return 'sent';
  if (marks.read >= seq) return 'read';
  if (marks.delivered >= seq) return 'delivered';
  return 'sent';
}

/**
 * Status of an own message from the other participants' watermarks: read when
 * every other participant has read it, delivered when it reached all of them.
 */
export function statusOf(
  conversation: Conversation | undefined,
  message: Message,
  me: string,
): MessageStatus {
  return statusFrom(watermarksOf(conversation?.participants, me), message.seq);
}

const noActions: PendingAction[] = [];

/**
 * A confirmed message as the viewer will see it once the actions still in
 * the outbox are through: shown at once, as a send is. A failed action is
 * listed, not applied: the message shows what the server holds.
 */
function confirmedView(
  message: Message,
  status: MessageStatus | null,
  own: boolean,
  actions: PendingAction[],
  me: string,
): MessageView {
  const { body, mentions, editedAt, deletedAt, reactions } = withActions(
    { ...message, mentions: message.mentions ?? noMentions },
    actions,
    me,
  );
  return {
    key: `${message.senderId}\u0000${message.clientId}`,
    id: message.id,
    seq: message.seq,
    conversationId: message.conversationId,
    senderId: message.senderId,
    clientId: message.clientId,
    kind: message.kind,
    body,
    mentions,
    attachments: deletedAt === null ? message.attachments : [],
    replyTo: message.replyTo,
    createdAt: message.createdAt,
    editedAt,
    deletedAt,
    own,
    status,
    error: null,
    reactions: reactionViews(reactions),
    actions: actionViews(actions),
  };
}

type Shown = Pick<Message, 'body' | 'editedAt' | 'deletedAt' | 'reactions'> & {
  mentions: Mention[];
};

/** One shared empty list, so rows without mentions keep a stable identity. */
const noMentions: Mention[] = [];

/** A message's text, edit and delete marks and reactions with the viewer's actions still on their way applied. */
function withActions(shown: Shown, actions: PendingAction[], me: string): Shown {
  let { body, mentions, editedAt, deletedAt, reactions } = shown;
  for (const action of actions) {
    if (action.status !== 'sending' || deletedAt !== null) continue;
    if (action.kind === 'edit' && action.body !== null) {
      body = action.body;
      mentions = action.mentions ?? noMentions;
      editedAt = action.createdAt;
    } else if (action.kind === 'delete') {
      body = '';
      mentions = noMentions;
      deletedAt = action.createdAt;
      reactions = [];
    } else if (action.emoji !== null) {
      reactions = applyOwnReaction(
        reactions,
        action.emoji,
        action.kind === 'react',
        me,
        protocolLimits.reactionUsersShown,
      );
    }
  }
  return { body, mentions, editedAt, deletedAt, reactions };
}

const reactionViews = (reactions: Message['reactions']): ReactionView[] =>
  reactions.map(({ emoji, count, userIds, reacted }) => ({
    emoji,
    count,
    userIds,
    reacted: reacted === true,
  }));

const actionViews = (actions: PendingAction[]): ActionView[] =>
  actions.map(({ id, kind, status, error, emoji }) => ({ id, kind, status, error, emoji }));

/** An own send not yet stored, with the actions made on it meanwhile (they wait for its ack). */
function pendingView(pending: PendingMessage, actions: PendingAction[], me: string): MessageView {
  const { body, mentions, editedAt, deletedAt, reactions } = withActions(
    {
      body: pending.body,
      mentions: pending.mentions ?? noMentions,
      editedAt: null,
      deletedAt: null,
      reactions: [],
    },
    actions,
    me,
  );
  return {
    key: `${pending.senderId}\u0000${pending.clientId}`,
    id: null,
    seq: null,
    conversationId: pending.conversationId,
    senderId: pending.senderId,
    clientId: pending.clientId,
    kind: pending.kind,
    body,
    mentions,
    attachments: deletedAt === null ? pending.attachments : [],
    replyTo: pending.replyTo,
    createdAt: pending.createdAt,
    editedAt,
    deletedAt,
    own: true,
    status: pending.status,
    error: pending.error,
    reactions: reactionViews(reactions),
    actions: actionViews(actions),
    ...(pending.uploads ? { uploads: pending.uploads } : {}),
  };
}

/**
 * A memoized selector of one conversation's rows: confirmed messages in seq
 * order, then pending ones. Use one selector per conversation view.
 *
 * It is built for long histories: statuses depend only on the participants'
 * watermarks (not on the conversation object, which changes with every
 * message), and when messages were only appended, the rows already built are
 * kept and only the new ones are made. A row object is reused while its
 * message and status are unchanged, so list items can skip re-rendering.
 */
export function createTimelineSelector() {
  let lastConversationId: string | undefined;
  let lastTimeline: Timeline | undefined;
  let lastParticipants: Participant[] | undefined;
  let lastMarks: Watermarks | undefined;
  let lastMessages: Message[] = [];
  let lastActions: PendingAction[] = [];
  let confirmed: MessageView[] = [];
  let lastPending: MessageView[] = [];
  let lastResult: MessageView[] = [];

  return (state: ChatState, conversationId: string): MessageView[] => {
    const timeline = state.timelines[conversationId];
    const participants = state.conversations[conversationId]?.participants;
    if (
      conversationId === lastConversationId &&
      timeline === lastTimeline &&
      participants === lastParticipants
    ) {
      return lastResult;
    }
    const me = state.userId;
    const sameSource = conversationId === lastConversationId;
    // Statuses depend on the others' lowest watermarks only: own sends move the participants array but not these.
    const marks = watermarksOf(participants, me);
    const marksChanged =
      !sameSource ||
      lastMarks === undefined ||
      marks.read !== lastMarks.read ||
      marks.delivered !== lastMarks.delivered ||
      marks.others !== lastMarks.others;
    lastMarks = marks;
    lastConversationId = conversationId;
    lastTimeline = timeline;
    lastParticipants = participants;
    if (!timeline) {
      lastMessages = [];
      confirmed = [];
      lastPending = [];
      lastResult = [];
      return lastResult;
    }

    const messages = timeline.messages;
    // Actions are few and short-lived: grouped per message (or per send they wait for) on each change of them.
    const actionsByMessage = new Map<string, PendingAction[]>();
    const actionsBySend = new Map<string, PendingAction[]>();
    for (const action of timeline.actions) {
      const [map, key] =
        action.messageId !== null
          ? [actionsByMessage, action.messageId]
          : [actionsBySend, action.sendClientId ?? ''];
      map.set(key, [...(map.get(key) ?? []), action]);
    }
    const actionsChanged = timeline.actions !== lastActions;
    const touched = new Set([
      ...lastActions.map((a) => a.messageId),
      ...timeline.actions.map((a) => a.messageId),
    ]);
    lastActions = timeline.actions;
    const viewOf = (message: Message, previous: MessageView | undefined): MessageView => {
      const own = message.senderId === me;
      const status = own ? statusFrom(marks, message.seq) : null;
      if (
        previous &&
        previous.seq === message.seq &&
        previous.status === status &&
        sourceOf.get(previous) === message &&
        !(actionsChanged && touched.has(message.id))
      ) {
        return previous;
      }
      const view = confirmedView(
        message,
        status,
        own,
        actionsByMessage.get(message.id) ?? noActions,
        me,
      );
      sourceOf.set(view, message);
      return view;
    };

    let nextConfirmed: MessageView[];
    const appended =
      sameSource &&
      !marksChanged &&
      !actionsChanged &&
      messages.length >= lastMessages.length &&
      isPrefix(lastMessages, messages);
    if (appended) {
      // The common case, a message arriving: keep every row built so far.
      nextConfirmed = messages.length === lastMessages.length ? confirmed : confirmed.slice();
      for (let i = lastMessages.length; i < messages.length; i++) {
        nextConfirmed.push(viewOf(messages[i] as Message, undefined));
      }
    } else {
      const previousBySeq = new Map(confirmed.map((view) => [view.seq, view]));
      const rebuilt = messages.map((message) => viewOf(message, previousBySeq.get(message.seq)));
      // Rebuilt but row for row the same (watermarks moved, no status changed): keep the array.
      const same =
        rebuilt.length === confirmed.length && rebuilt.every((row, i) => row === confirmed[i]);
      nextConfirmed = same ? confirmed : rebuilt;
    }

    // Pending rows are few: they are matched against the previous pending rows only.
    const previousConfirmed = confirmed;
    const pendingViews = timeline.pending.map((pending) => {
      const previous = lastPending.find((row) => row.clientId === pending.clientId);
      if (previous && sourceOf.get(previous) === pending && !actionsChanged) return previous;
      const view = pendingView(pending, actionsBySend.get(pending.clientId) ?? noActions, me);
      sourceOf.set(view, pending);
      return view;
    });
    lastMessages = messages;
    confirmed = nextConfirmed;
    const unchanged =
      nextConfirmed === previousConfirmed &&
      pendingViews.length === lastPending.length &&
      pendingViews.every((row, i) => row === lastPending[i]);
    lastPending = pendingViews;
    if (!unchanged)
      lastResult = pendingViews.length === 0 ? nextConfirmed : [...nextConfirmed, ...pendingViews];
    return lastResult;
  };
}

/** Which message or pending send each row was made from, to know when it can be reused. */
const sourceOf = new WeakMap<MessageView, Message | PendingMessage>();

/** Whether `before` is an unchanged prefix of `after`; checks the ends, where changes happen. */
function isPrefix(before: Message[], after: Message[]): boolean {
  if (before.length === 0) return true;
  const last = before.length - 1;
  if (before[last] !== after[last] || before[0] !== after[0]) return false;
  // Edits and deletes replace a message in place; a copy-on-write array tells by identity.
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return false;
  return true;
}

/**
 * Results of the list selectors, per input: a snapshot's parts are immutable
 * and get a new identity only when they change, so the same inputs give back
 * the same array. React's `useSyncExternalStore` needs that: a selector
 * that returns a new array for an unchanged snapshot re-renders forever.
 * Weak maps, so results go away with their snapshots, and several clients in
 * one page never evict each other's results.
 */
const conversationLists = new WeakMap<
  string[],
  WeakMap<Record<string, Conversation>, { active?: Conversation[]; archived?: Conversation[] }>
>();

/** Conversations in activity order, archived ones apart. The same array while they are unchanged. */
export function selectConversations(state: ChatState, archived = false): Conversation[] {
  const { conversationOrder: order, conversations } = state;
  let byConversations = conversationLists.get(order);
  if (!byConversations) {
    byConversations = new WeakMap();
    conversationLists.set(order, byConversations);
  }
  let lists = byConversations.get(conversations);
  if (!lists) {
    lists = {};
    byConversations.set(conversations, lists);
  }
  const which = archived ? 'archived' : 'active';
  const cached = lists[which];
  if (cached) return cached;
  const list = order
    .map((id) => conversations[id] as Conversation)
    .filter((conversation) => conversation.archived === archived);
  lists[which] = list;
  return list;
}

/**
 * The number for a badge: unread messages in conversations that are neither
 * archived nor muted. A number is its own stable value: no memo needed.
 */
export function selectUnreadTotal(state: ChatState): number {
  let total = 0;
  for (const conversation of Object.values(state.conversations)) {
    if (!conversation.archived && !conversation.muted) total += conversation.unreadCount;
  }
  return total;
}
