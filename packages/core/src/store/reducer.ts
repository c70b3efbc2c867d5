import type { Conversation, Message, Presence, Receipt } from '../protocol';
import type { Action } from './actions';
import { reduceBlocks } from './blocks';
import { withKnownReactions, withOwnReaction } from './reactions';
import { type ChatState, emptyTimeline, type PendingAction, type Timeline } from './state';
import { fresher, mergeMessages, messageAt, upsertMessage } from './timeline';
import {
  type ReceivedMessage,
  readSeqOf,
  unreadOfStaleSummary,
  unreadOnPage,
  unreadOnRead,
  unreadOnReceived,
} from './unread';
import { sendersSaw } from './watermarks';

/**
 * The whole client state lifecycle in one place. Pure: it returns the same
 * object for an action that changes nothing, and reuses every untouched
 * branch, so subscribers can compare by identity.
 */
export function reduce(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case 'connectionChanged': {
      const { connection } = state;
      if (
        connection.status === action.status &&
        connection.reason === action.reason &&
        connection.attempt === action.attempt &&
        connection.error === action.error &&
        connection.deviceOffline === action.deviceOffline
      ) {
        return state;
      }
      return {
        ...state,
        connection: {
          status: action.status,
          previous: connection.status === action.status ? connection.previous : connection.status,
          reason: action.reason,
          deviceOffline: action.deviceOffline,
          attempt: action.attempt,
          error: action.error,
        },
      };
    }
    case 'conversationsLoading':
      return state.conversationsStatus === 'loading'
        ? state
        : { ...state, conversationsStatus: 'loading' };
    case 'conversationsFailed':
      return { ...state, conversationsStatus: 'error', lastError: action.error };
    case 'conversationsLoaded':
      return { ...upsertConversations(state, action.conversations), conversationsStatus: 'loaded' };
    case 'conversationUpserted':
      return upsertConversations(state, [action.conversation]);
    case 'conversationRemoved': {
      if (!state.conversations[action.conversationId] && !state.timelines[action.conversationId])
        return state;
      const { [action.conversationId]: _c, ...conversations } = state.conversations;
      const { [action.conversationId]: _t, ...timelines } = state.timelines;
      const { [action.conversationId]: _y, ...typing } = state.typing;
      return {
        ...state,
        conversations,
        timelines,
        typing,
        conversationOrder: state.conversationOrder.filter((id) => id !== action.conversationId),
      };
    }
    case 'historyLoading':
      return updateTimeline(state, action.conversationId, (t) => {
        if (action.newer) return t.loadingNewer ? t : { ...t, loadingNewer: true, error: null };
        return t.loadingOlder ? t : { ...t, loadingOlder: true, error: null };
      });
    case 'historyFailed':
      return updateTimeline(state, action.conversationId, (t) => {
        const next = { ...t, error: action.error };
        if (action.loading) next[action.loading] = false;
        // Late copies wait for a page still on its way: it must not bring back what they replaced.
        if (!next.loadingOlder && !next.loadingNewer) next.lateCopies = [];
        return next;
      });
    case 'changesLoaded':
      return applyChanges(state, action.conversationId, action.messages, action.lastChange);
    case 'historyLoaded': {
      const { conversationId, messages, position } = action;
      let next = updateTimeline(state, conversationId, (t) => {
        const window = placePage(t, action, state.conversations[conversationId]?.lastSeq ?? 0);
        const pending = withoutAcknowledged(t.pending, messages);
        const actions =
          pending === t.pending ? t.actions : resolved(t.actions, messages, state.userId);
        const loaded = t.loaded || position === 'newest' || position === 'around';
        const loadingOlder = position === 'older' ? false : t.loadingOlder;
        const loadingNewer =
          position === 'older' || position === 'changes' || action.stillLoading
            ? t.loadingNewer
            : false;
        // Copies that arrived while the page was on its way: the fresher of the two is kept.
        const merged = mergeMessages(
          window.messages,
          t.lateCopies.filter((m) => !outsideWindow(window, m.seq)),
        );
        // Kept while a page is still on its way, a change-feed page's copies outside the window
        // with them; dropped once none is.
        let lateCopies = t.lateCopies;
        if (!loadingOlder && !loadingNewer) lateCopies = lateCopies.length ? [] : lateCopies;
        else if (position === 'changes')
          lateCopies = mergeMessages(
            lateCopies,
            messages.filter((m) => outsideWindow(t, m.seq)),
          );
        // The first page's messages are as the server held them when it read them; every later
        // change gets a higher number than any of them. Later pages never move the cursor: an
        // older page read after a break may carry a change that skipped others.
        const changeCursor =
          t.changeCursor ??
          (position === 'newest' || position === 'around'
            ? messages.reduce((top, m) => Math.max(top, m.change), 0)
            : null);
        const updated: Timeline = {
          ...t,
          messages: merged,
          pending,
          actions,
          hasMoreBefore: window.hasMoreBefore,
          hasMoreAfter: window.hasMoreAfter,
          loaded,
          loadingOlder,
          loadingNewer,
          lateCopies,
          changeCursor,
          error: null,
        };
        return sameTimeline(t, updated) ? t : updated;
      });
      const newest = messages.reduce<Message | undefined>(
        (a, m) => (a && a.seq >= m.seq ? a : m),
        undefined,
      );
      if (!newest) return next;
      next = touchConversation(next, newest);
      next = countPage(next, state.conversations[conversationId], messages);
      return withConversation(next, conversationId, (c) => sendersSaw(c, messages, state.userId));
    }
    case 'received': {
      const previous = messageAt(
        state.timelines[action.message.conversationId]?.messages ?? [],
        action.message.seq,
      );
      const message = withKnownReactions(action.message, previous, state.userId);
      // An event for the whole conversation leaves the viewer's flags out; an answer has them.
      const readForViewer = action.message.reactions.every((r) => r.reacted !== undefined);
      const next = updateTimeline(state, message.conversationId, (t) => {
        // Outside the window held it would leave a hole: the page that reaches it reads it then.
        const outside = t.loaded && outsideWindow(t, message.seq);
        const messages = outside ? t.messages : upsertMessage(t.messages, message, readForViewer);
        const lateCopies =
          outside && (t.loadingOlder || t.loadingNewer)
            ? upsertMessage(t.lateCopies, message, readForViewer)
            : t.lateCopies;
        const pending =
          message.senderId === state.userId ? withoutAcknowledged(t.pending, [message]) : t.pending;
        const actions =
          pending === t.pending ? t.actions : resolved(t.actions, [message], state.userId);
        // The very next change after the cursor keeps the feed applied without a hole.
        const changeCursor =
          t.changeCursor !== null && message.change === t.changeCursor + 1
            ? message.change
            : t.changeCursor;
        return messages === t.messages &&
          lateCopies === t.lateCopies &&
          pending === t.pending &&
          actions === t.actions &&
          changeCursor === t.changeCursor
          ? t
          : { ...t, messages, lateCopies, pending, actions, changeCursor };
      });
      const held = next.timelines[message.conversationId]?.messages ?? [];
      return touchConversation(next, message, {
        message,
        previous,
        kept: messageAt(held, message.seq) ?? message,
        lastSeqBefore: state.conversations[message.conversationId]?.lastSeq ?? 0,
        held,
      });
    }
    case 'queued':
      return updateTimeline(state, action.message.conversationId, (t) => ({
        ...t,
        pending: [
          ...t.pending.filter((p) => p.clientId !== action.message.clientId),
          action.message,
        ],
      }));
    case 'sendFailed':
      return updatePending(state, action.clientId, (p) => ({
        ...p,
        status: 'failed',
        error: action.error,
      }));
    case 'uploadsChanged':
      return updatePending(state, action.clientId, (p) => ({ ...p, uploads: action.uploads }));
    case 'sendRetried':
      return updatePending(state, action.clientId, (p) =>
        p.status === 'sending' ? p : { ...p, status: 'sending', error: null },
      );
    case 'sendDiscarded': {
      const { clientId } = action;
      for (const [conversationId, t] of Object.entries(state.timelines)) {
        if (!t.pending.some((p) => p.clientId === clientId)) continue;
        // What was done to a send that will never be stored goes with it.
        return updateTimeline(state, conversationId, (timeline) => ({
          ...timeline,
          pending: timeline.pending.filter((p) => p.clientId !== clientId),
          actions: timeline.actions.filter(
            (a) => a.messageId !== null || a.sendClientId !== clientId,
          ),
        }));
      }
      return state;
    }
    case 'reacted': {
      // The viewer's own flag comes from the event; 'received' keeps the others it knew.
      const { message, userId, emoji, added } = action.event;
      const own = userId === state.userId ? withOwnReaction(message, emoji, added) : message;
      return reduce(state, { type: 'received', message: own });
    }
    case 'actionQueued':
      return updateTimeline(state, action.action.conversationId, (t) => ({
        ...t,
        actions: [...t.actions, action.action],
      }));
    case 'actionAcknowledged': {
      const next = updateAction(state, action.id, () => null);
      return reduce(next, { type: 'received', message: action.message });
    }
    case 'actionFailed':
      return updateAction(state, action.id, (a) => ({
        ...a,
        status: 'failed',
        error: action.error,
      }));
    case 'actionRetried':
      return updateAction(state, action.id, (a) =>
        a.status === 'failed' ? { ...a, status: 'sending', error: null } : a,
      );
    case 'actionDiscarded':
      return updateAction(state, action.id, (a) => (a.status === 'failed' ? null : a));
    case 'receipt':
      return applyReceipt(state, action.receipt);
    case 'typing': {
      const current = state.typing[action.conversationId] ?? [];
      const has = current.includes(action.userId);
      if (has === action.typing) return state;
      const users = action.typing
        ? [...current, action.userId]
        : current.filter((id) => id !== action.userId);
      return { ...state, typing: { ...state.typing, [action.conversationId]: users } };
    }
    case 'presence': {
      const changed = action.presence.filter((p) => !samePresence(state.presence[p.userId], p));
      if (changed.length === 0) return state;
      return {
        ...state,
        presence: { ...state.presence, ...Object.fromEntries(changed.map((p) => [p.userId, p])) },
      };
    }
    case 'users': {
      const changed = action.users.filter(
        (u) => JSON.stringify(state.users[u.id]) !== JSON.stringify(u),
      );
      if (changed.length === 0) return state;
      return {
        ...state,
        users: { ...state.users, ...Object.fromEntries(changed.map((u) => [u.id, u])) },
      };
    }
    case 'blocksLoaded':
    case 'blockQueued':
    case 'blockAcknowledged':
    case 'blockFailed':
      return reduceBlocks(state, action);
    case 'failed':
      return { ...state, lastError: action.error };
  }
}

/**
 * A page of the change feed. Messages inside the window held are merged as a
 * page of history would be; all of them move the conversation's summary
 * (unread counts, last message). Messages outside the window are left for
 * when the reader pages there, which reads them as they are then.
 */
function applyChanges(
  state: ChatState,
  conversationId: string,
  messages: Message[],
  lastChange: number,
): ChatState {
  if (!state.timelines[conversationId]?.loaded) return state;
  const next =
    messages.length === 0
      ? state
      : reduce(state, {
          type: 'historyLoaded',
          conversationId,
          messages,
          position: 'changes',
          hasMore: false,
        });
  return updateTimeline(next, conversationId, (t) =>
    t.changeCursor !== null && t.changeCursor >= lastChange
      ? t
      : { ...t, changeCursor: lastChange },
  );
}

function withConversation(
  state: ChatState,
  conversationId: string,
  update: (conversation: Conversation) => Conversation,
): ChatState {
  const current = state.conversations[conversationId];
  if (!current) return state;
  const next = update(current);
  if (next === current) return state;
  return { ...state, conversations: { ...state.conversations, [conversationId]: next } };
}

type Window = Pick<Timeline, 'messages' | 'hasMoreBefore' | 'hasMoreAfter'>;

/** Whether `seq` lies beyond the ends of the window held, where more messages exist. */
function outsideWindow(t: Window, seq: number): boolean {
  const first = t.messages[0];
  const last = t.messages.at(-1);
  return (
    (t.hasMoreBefore && first !== undefined && seq < first.seq) ||
    (t.hasMoreAfter && last !== undefined && seq > last.seq)
  );
}

/**
 * The window after a page: merged with the one held, or in its place when it
 * jumps (`around`: a window of its own) or returns to the present (`newest`
 * while away). Newer messages exist after a page that does not reach the
 * conversation's last seq, whatever the page said when it was read.
 */
function placePage(
  t: Timeline,
  { messages, position, hasMore, hasMoreAfter }: Extract<Action, { type: 'historyLoaded' }>,
  lastSeq: number,
): Window {
  const page = position === 'changes' ? messages.filter((m) => !outsideWindow(t, m.seq)) : messages;
  const seqs = page.map((m) => m.seq);
  const low = Math.min(...seqs);
  const high = Math.max(...seqs);
  const reaches = (held: Message[]) => lastSeq <= (held.at(-1)?.seq ?? 0);
  if (position === 'around' || (position === 'newest' && t.hasMoreAfter)) {
    // Copies held inside the page's range may be fresher than the page (changed while it was read).
    const held = mergeMessages(
      t.messages.filter((m) => m.seq >= low && m.seq <= high),
      page,
    );
    return {
      messages: held,
      hasMoreBefore: hasMore,
      hasMoreAfter: (position === 'around' && hasMoreAfter === true) || !reaches(held),
    };
  }
  // A newer page read for a window since returned to the present, or an older or newer page
  // read for one since replaced: taking it would leave a hole or a wrong end.
  const apart =
    seqs.length > 0 &&
    (high < (t.messages[0]?.seq ?? 0) - 1 ||
      low > (t.messages.at(-1)?.seq ?? Number.POSITIVE_INFINITY) + 1);
  if ((apart && position === 'older') || (position === 'newer' && (apart || !t.hasMoreAfter)))
    return t;
  const held = mergeMessages(t.messages, page);
  return {
    messages: held,
    hasMoreBefore:
      position === 'older' || (position === 'newest' && !t.loaded) ? hasMore : t.hasMoreBefore,
    hasMoreAfter:
      position === 'newer' ? hasMore || !reaches(held) : position !== 'newest' && t.hasMoreAfter,
  };
}

function sameTimeline(a: Timeline, b: Timeline): boolean {
  return (Object.keys(b) as (keyof Timeline)[]).every((key) => a[key] === b[key]);
}

function updateTimeline(
  state: ChatState,
  conversationId: string,
  update: (t: Timeline) => Timeline,
): ChatState {
  const current = state.timelines[conversationId] ?? emptyTimeline;
  const next = update(current);
  if (next === current) return state;
  return { ...state, timelines: { ...state.timelines, [conversationId]: next } };
}

function updatePending(
  state: ChatState,
  clientId: string,
  update: (p: Timeline['pending'][number]) => Timeline['pending'][number] | null,
): ChatState {
  for (const [conversationId, timeline] of Object.entries(state.timelines)) {
    const index = timeline.pending.findIndex((p) => p.clientId === clientId);
    if (index === -1) continue;
    const current = timeline.pending[index] as Timeline['pending'][number];
    const replaced = update(current);
    if (replaced === current) return state;
    const pending = replaced
      ? timeline.pending.map((p, i) => (i === index ? replaced : p))
      : timeline.pending.filter((_, i) => i !== index);
    return {
      ...state,
      timelines: { ...state.timelines, [conversationId]: { ...timeline, pending } },
    };
  }
  return state;
}

function updateAction(
  state: ChatState,
  id: string,
  update: (action: PendingAction) => PendingAction | null,
): ChatState {
  for (const [conversationId, timeline] of Object.entries(state.timelines)) {
    const index = timeline.actions.findIndex((a) => a.id === id);
    if (index === -1) continue;
    const changed = update(timeline.actions[index] as PendingAction);
    if (changed === timeline.actions[index]) return state;
    const actions = timeline.actions.slice();
    if (changed) actions[index] = changed;
    else actions.splice(index, 1);
    return updateTimeline(state, conversationId, (t) => ({ ...t, actions }));
  }
  return state;
}

function withoutAcknowledged(
  pending: Timeline['pending'],
  messages: Message[],
): Timeline['pending'] {
  if (pending.length === 0) return pending;
  const acknowledged = new Set(messages.map((m) => `${m.senderId}\u0000${m.clientId}`));
  const rest = pending.filter((p) => !acknowledged.has(`${p.senderId}\u0000${p.clientId}`));
  return rest.length === pending.length ? pending : rest;
}

/** Actions made on own sends that these stored copies acknowledge now name the stored message. */
function resolved(actions: PendingAction[], messages: Message[], me: string): PendingAction[] {
  if (!actions.some((a) => a.messageId === null)) return actions;
  const stored = new Map<string, string>();
  for (const m of messages) if (m.senderId === me) stored.set(m.clientId, m.id);
  return actions.map((a) => {
    const messageId =
      a.messageId === null && a.sendClientId ? stored.get(a.sendClientId) : undefined;
    return messageId ? { ...a, messageId } : a;
  });
}

/**
 * Moves a conversation's summary forward for a message: last message and
 * activity, and unread when the message came from the server on its own
 * (`received`; a history page counts its messages in `countPage`).
 */
function touchConversation(
  state: ChatState,
  message: Message,
  received?: ReceivedMessage,
): ChatState {
  const conversation = state.conversations[message.conversationId];
  if (!conversation) return state;
  let next = conversation;
  const preview = conversation.lastMessage;
  if (message.seq > conversation.lastSeq) {
    const lastActivityAt = laterOf(message.createdAt, conversation.lastActivityAt);
    next = { ...next, lastSeq: message.seq, lastMessage: message, lastActivityAt };
  } else if (message.seq === conversation.lastSeq) {
    // The same newest message again: only a fresher copy (edited, deleted) changes the preview.
    const kept = preview && preview.seq === message.seq ? fresher(preview, message) : message;
    if (kept !== preview) next = { ...next, lastMessage: kept };
  }
  if (received) next = unreadOnReceived(next, state.userId, received);
  next = sendersSaw(next, [message], state.userId);
  if (next === conversation) return state;
  return {
    ...state,
    conversations: { ...state.conversations, [next.id]: next },
    conversationOrder: reorder(state, next),
  };
}

function applyReceipt(state: ChatState, receipt: Receipt): ChatState {
  const conversation = state.conversations[receipt.conversationId];
  if (!conversation) return state;
  let changed = false;
  const participants = conversation.participants.map((p) => {
    if (p.userId !== receipt.userId) return p;
    const lastReadSeq = Math.max(p.lastReadSeq, receipt.lastReadSeq);
    const lastDeliveredSeq = Math.max(p.lastDeliveredSeq, receipt.lastDeliveredSeq, lastReadSeq);
    if (lastReadSeq === p.lastReadSeq && lastDeliveredSeq === p.lastDeliveredSeq) return p;
    changed = true;
    return { ...p, lastReadSeq, lastDeliveredSeq };
  });
  if (!changed) return state;
  let next: Conversation = { ...conversation, participants };
  // Counted from the merged watermark, not the receipt's: a stale receipt must not make read messages unread.
  if (receipt.userId === state.userId)
    next = unreadOnRead(
      next,
      state.userId,
      state.timelines[receipt.conversationId]?.messages ?? [],
      readSeqOf(conversation, state.userId) ?? 0,
    );
  return { ...state, conversations: { ...state.conversations, [next.id]: next } };
}

function upsertConversations(state: ChatState, incoming: Conversation[]): ChatState {
  const changed = incoming
    .map((c) => notBehind(state, c))
    .filter((c) => !sameConversation(state.conversations[c.id], c));
  if (changed.length === 0) return state;
  const conversations = {
    ...state.conversations,
    ...Object.fromEntries(changed.map((c) => [c.id, c])),
  };
  const conversationOrder = Object.values(conversations)
    .sort(byActivity)
    .map((c) => c.id);
  return { ...state, conversations, conversationOrder };
}

/**
 * A summary from the server was read at some moment; messages that arrived live
 * after it may already be applied here. Such a summary must not move the last
 * message, activity or unread count back: keep the newer local ones, and count
 * unread from the held messages when they cover the range.
 */
function notBehind(state: ChatState, incoming: Conversation): Conversation {
  const held = state.conversations[incoming.id];
  if (!held || held.lastSeq <= incoming.lastSeq) return incoming;
  const messages = state.timelines[incoming.id]?.messages ?? [];
  return {
    ...incoming,
    lastSeq: held.lastSeq,
    lastMessage: held.lastMessage,
    lastActivityAt: held.lastActivityAt,
    ...unreadOfStaleSummary(incoming, state.userId, held.lastSeq, messages),
  };
}

/** Unread after a history page; see `unreadOnPage`. */
function countPage(state: ChatState, before: Conversation | undefined, page: Message[]): ChatState {
  const current = state.conversations[before?.id ?? ''];
  if (!before || !current) return state;
  const held = state.timelines[current.id]?.messages ?? [];
  const next = unreadOnPage(before, current, state.userId, page, held);
  if (next === current) return state;
  return { ...state, conversations: { ...state.conversations, [next.id]: next } };
}

function byActivity(a: Conversation, b: Conversation) {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

/** Places one conversation in the activity order; the common case (already first) keeps the array. */
function reorder(state: ChatState, changed: Conversation): string[] {
  const order = state.conversationOrder;
  const conversations = { ...state.conversations, [changed.id]: changed };
  const rest = order.filter((id) => id !== changed.id);
  let index = 0;
  while (
    index < rest.length &&
    byActivity(conversations[rest[index] as string] as Conversation, changed) < 0
  )
    index++;
  if (order[index] === changed.id && order.length === rest.length + 1) return order;
  rest.splice(index, 0, changed.id);
  return rest;
}

function sameConversation(a: Conversation | undefined, b: Conversation): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** ISO 8601 timestamps in UTC compare correctly as strings. */
function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

function samePresence(a: Presence | undefined, b: Presence): boolean {
  return a !== undefined && a.online === b.online && a.lastSeenAt === b.lastSeenAt;
}
