import type { Message } from '../protocol';

/**
 * Pure helpers over a seq-ordered message array. They return the same array
 * when nothing changed, so a snapshot's identity only changes with its data.
 */

/**
 * Of two copies of one message, the later state: the one at the higher point
 * of the change feed; between copies of one point, deleted beats edited beats
 * original, and a copy the server read for the viewer (`readForViewer`: pages
 * and answers) corrects the viewer's `reacted` flags an event's copy guessed.
 */
export function fresher(current: Message, incoming: Message, readForViewer = false): Message {
  if (incoming.change !== current.change)
    return incoming.change > current.change ? incoming : current;
  if (current.deletedAt !== null) return current;
  if (incoming.deletedAt !== null) return incoming;
  if (
    incoming.editedAt !== null &&
    (current.editedAt === null || incoming.editedAt > current.editedAt)
  ) {
    return incoming;
  }
  if (readForViewer && !sameFlags(current, incoming)) return incoming;
  return current;
}

function sameFlags(a: Message, b: Message): boolean {
  return (
    a.reactions.length === b.reactions.length &&
    a.reactions.every((reaction, i) => reaction.reacted === b.reactions[i]?.reacted)
  );
}

/** Where `seq` is, or would be inserted, in a seq-ordered array: binary search. */
export function indexOfSeq(messages: Message[], seq: number): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((messages[mid] as Message).seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Adds or refreshes one message, keeping seq order. */
export function upsertMessage(
  messages: Message[],
  message: Message,
  readForViewer = false,
): Message[] {
  const last = messages.at(-1);
  if (!last || message.seq > last.seq) return [...messages, message];
  const index = indexOfSeq(messages, message.seq);
  const existing = messages[index];
  if (existing && existing.seq === message.seq) {
    const kept = fresher(existing, message, readForViewer);
    if (kept === existing) return messages;
    const next = messages.slice();
    next[index] = kept;
    return next;
  }
  const next = messages.slice();
  next.splice(index, 0, message);
  return next;
}

/**
 * Merges a page (any order, read for the viewer) into the array: no
 * duplicates, seq order, fresher copies win.
 */
export function mergeMessages(messages: Message[], page: Message[]): Message[] {
  if (page.length === 0) return messages;
  const incoming = [...page].sort((a, b) => a.seq - b.seq);
  const last = messages.at(-1);
  if (!last || (incoming[0] as Message).seq > last.seq) return dedupe([...messages, ...incoming]);
  const merged: Message[] = [];
  let changed = false;
  let i = 0;
  let j = 0;
  while (i < messages.length || j < incoming.length) {
    const a = messages[i];
    const b = incoming[j];
    if (b === undefined || (a !== undefined && a.seq < b.seq)) {
      merged.push(a as Message);
      i++;
    } else if (a === undefined || b.seq < a.seq) {
      if (merged.at(-1)?.seq !== b.seq) {
        merged.push(b);
        changed = true;
      }
      j++;
    } else {
      const kept = fresher(a, b, true);
      if (kept !== a) changed = true;
      merged.push(kept);
      i++;
      j++;
    }
  }
  return changed ? merged : messages;
}

function dedupe(sorted: Message[]): Message[] {
  return sorted.filter(
    (message, index) => index === 0 || (sorted[index - 1] as Message).seq !== message.seq,
  );
}

/** The held copy of the message with this seq, if any. */
export function messageAt(messages: Message[], seq: number): Message | undefined {
  const found = messages[indexOfSeq(messages, seq)];
  return found?.seq === seq ? found : undefined;
}
