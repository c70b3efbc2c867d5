import { ChatError, type MessageSearchHit, type SearchHighlight } from '../../protocol';
import type { Operations } from './operations';

const wordPattern = /[\p{L}\p{M}\p{N}]+/gu;

/** A word the query asks for; the last one, while still being typed, also matches as a prefix. */
interface Term {
  word: string;
  prefix: boolean;
  negated: boolean;
}

/**
 * Simple matching, not PostgreSQL's: every word of the query (lower-cased letters, marks and
 * digits) must be a word of the message, the last one as a prefix unless the query ends in a
 * space; `-word` excludes. Quotes and `or` are ignored, which is enough for stories and client
 * tests. Paging, order (newest first), scoping, deleted messages and errors are as on the server.
 */
function termsOf(query: string): Term[] {
  const terms: Term[] = [];
  const endsInWord = /[\p{L}\p{M}\p{N}]$/u.test(query);
  const matches = [...query.matchAll(wordPattern)];
  matches.forEach((match, index) => {
    const word = match[0].toLowerCase();
    if (word === 'or') return;
    terms.push({
      word,
      negated: query[match.index - 1] === '-',
      prefix: endsInWord && index === matches.length - 1,
    });
  });
  return terms;
}

function matches(word: string, term: Term): boolean {
  return term.prefix ? word.startsWith(term.word) : word === term.word;
}

/** Highlights of the positive terms, as UTF-16 offsets (the server's convention); null when the body does not match. */
function highlight(body: string, terms: Term[]): SearchHighlight[] | null {
  const words = [...body.matchAll(wordPattern)].map((m) => ({ m, word: m[0].toLowerCase() }));
  const positive = terms.filter((t) => !t.negated);
  if (positive.length === 0) return null;
  for (const term of terms) {
    const found = words.some(({ word }) => matches(word, term));
    if (found === term.negated) return null;
  }
  return words
    .filter(({ word }) => positive.some((term) => matches(word, term)))
    .map(({ m }) => ({ start: m.index, end: m.index + m[0].length }));
}

/** `message:search` on the in-memory server. */
export const searchOperations: Pick<Operations, 'message:search'> = {
  'message:search'(server, { userId }, input) {
    const { state } = server;
    const conversations =
      input.conversationId === undefined
        ? state.conversationsOf(userId)
        : [state.require(input.conversationId, userId)];
    // Cursors are offsets this server issued: a positive integer, nothing else.
    if (input.cursor !== undefined && !/^[1-9][0-9]{0,8}$/.test(input.cursor)) {
      throw new ChatError(
        'bad_request',
        'invalid cursor: pass back a nextCursor from a previous page',
        { issues: [{ path: 'cursor', message: 'not a cursor this server issued' }] },
      );
    }
    const start = input.cursor === undefined ? 0 : Number(input.cursor);
    const terms = termsOf(input.query);
    const hits: MessageSearchHit[] = [];
    for (const conversation of conversations) {
      for (const message of conversation.messages) {
        if (message.deletedAt !== null) continue;
        const highlights = highlight(message.body, terms);
        if (highlights)
          hits.push({ message: state.messageFor(conversation, message, userId), highlights });
      }
    }
    // Newest first; messages stored in the same millisecond by seq, then id, as a stable order.
    hits.sort(
      (a, b) =>
        b.message.createdAt.localeCompare(a.message.createdAt) ||
        b.message.seq - a.message.seq ||
        (b.message.id < a.message.id ? -1 : a.message.id < b.message.id ? 1 : 0),
    );
    const limit = input.limit ?? 20;
    const page = hits.slice(start, start + limit);
    const end = start + page.length;
    return { results: page, nextCursor: end < hits.length ? String(end) : null };
  },
};
