import type { Mention } from '../protocol/mentions';

/** Text being composed and the mentions in it, as the composer tracks them. */
export interface ComposedText {
  /** The text as typed, mentions written as the names picked. */
  text: string;
  /** The mentions in `text`, in order, ranges in UTF-16 code units. */
  mentions: Mention[];
}

/** A change the composer applies: the new text and mentions, and where the caret goes. */
export interface MentionEdit {
  /** The text and mentions after the change. */
  composed: ComposedText;
  /** The caret's new offset in the text. */
  caret: number;
}

/** Someone who can be mentioned, as the autocomplete lists them. */
export interface MentionCandidate {
  /** Their user id, stored in the mention. */
  id: string;
  /** Their current display name, inserted as the mention's text. */
  name: string;
}

/**
 * The mentions that survive a change of the text from `before` to `after` (a keystroke, a
 * paste, a cut): those wholly before or after the changed part stay (shifted), any the change
 * touches inside is dropped, since its text no longer is the name it stood for. Typing right
 * after or before a mention leaves it whole.
 */
export function mentionsAfterEdit(
  before: string,
  after: string,
  mentions: readonly Mention[],
): Mention[] {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  const changedEnd = before.length - suffix;
  const shift = after.length - before.length;
  return mentions.flatMap((mention) => {
    if (mention.end <= prefix) return [mention];
    if (mention.start >= changedEnd)
      return [{ ...mention, start: mention.start + shift, end: mention.end + shift }];
    return [];
  });
}

/**
 * Backspace right after a mention removes the whole mention, not its last letter: the result,
 * and where the caret goes; `null` when the caret is not at the end of a mention.
 */
export function removeMentionBefore(composed: ComposedText, caret: number): MentionEdit | null {
  const target = composed.mentions.find((mention) => mention.end === caret);
  if (!target) return null;
  const text = composed.text.slice(0, target.start) + composed.text.slice(target.end);
  return {
    composed: { text, mentions: mentionsAfterEdit(composed.text, text, composed.mentions) },
    caret: target.start,
  };
}

/** The `@…` being typed before the caret, which the autocomplete filters by. */
export interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  /** What follows it up to the caret (may hold spaces: names do). */
  query: string;
}

/** Longest query still treated as a name being typed; past it the `@` is just text. */
const MAX_QUERY_LENGTH = 40;

/**
 * The mention being typed at `caret`: an `@` at the start or after whitespace, followed by
 * no line break, not inside a mention already made. `null` when none is.
 */
export function mentionQueryAt(composed: ComposedText, caret: number): MentionQuery | null {
  const { text, mentions } = composed;
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const from = Math.max(lineStart, caret - MAX_QUERY_LENGTH - 1);
  for (let at = caret - 1; at >= from; at--) {
    if (text[at] !== '@') continue;
    const startsWord = at === 0 || /\s/.test(text[at - 1] ?? '');
    const insideMention = mentions.some((m) => m.start <= at && at < m.end);
    if (!startsWord || insideMention) continue;
    // A mention made after this `@` means the person moved on.
    if (mentions.some((m) => m.start > at && m.start < caret)) return null;
    return { start: at, query: text.slice(at + 1, caret) };
  }
  return null;
}

/**
 * Replaces the `@query` being typed with the picked person's name as a mention, followed by a
 * space: the new text and mentions, and where the caret goes.
 */
export function insertMention(
  composed: ComposedText,
  query: MentionQuery,
  caret: number,
  person: MentionCandidate,
): MentionEdit {
  const { text } = composed;
  const rest = text.slice(caret);
  const separator = rest.startsWith(' ') ? '' : ' ';
  const next = `${text.slice(0, query.start)}${person.name}${separator}${rest}`;
  const kept = mentionsAfterEdit(text, next, composed.mentions).filter(
    (m) => m.end <= query.start || m.start >= query.start + person.name.length,
  );
  const added: Mention = {
    userId: person.id,
    start: query.start,
    end: query.start + person.name.length,
  };
  const mentions = [...kept, added].sort((a, b) => a.start - b.start);
  return { composed: { text: next, mentions }, caret: added.end + 1 };
}

/**
 * The people whose name matches what follows the `@`: names starting with it first, then
 * names with a word starting with it, then names containing it; case and accents ignored.
 */
export function filterMentionCandidates<T extends MentionCandidate>(
  people: readonly T[],
  query: string,
): T[] {
  const wanted = fold(query.trim());
  if (!wanted) return [...people];
  const rank = (name: string) => {
    const folded = fold(name);
    if (folded.startsWith(wanted)) return 0;
    if (folded.split(/\s+/).some((word) => word.startsWith(wanted))) return 1;
    return folded.includes(wanted) ? 2 : 3;
  };
  return people
    .map((person) => ({ person, rank: rank(person.name) }))
    .filter((entry) => entry.rank < 3)
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.person);
}

function fold(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
