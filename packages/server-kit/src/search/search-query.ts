/**
 * How a typed query becomes a PostgreSQL text-search query without any of its text
 * reaching the SQL: the whole text goes to `websearch_to_tsquery` as a parameter (that
 * function accepts any input and never raises a syntax error), and the word being typed
 * becomes a prefix term `'word':*` passed as a second parameter to `to_tsquery`. That
 * word holds letters, marks and digits only, so it cannot carry tsquery operators either.
 */
export interface SearchQueryParts {
  /** Everything but the word being typed, for `websearch_to_tsquery`. */
  head: string;
  /** `'word':*` for `to_tsquery`, or null when the query does not end inside a plain word. */
  prefix: string | null;
  /** How the prefix joins the head: `|` after a trailing `or`, `&` otherwise. */
  join: '&' | '|';
}

const wordChar = /[\p{L}\p{M}\p{N}]/u;
const lastWord = /([\p{L}\p{M}\p{N}]+)$/u;

/**
 * Splits off the word still being typed: the last one, since queries arrive trimmed. No
 * prefix when the query ends in punctuation or a closing quote (`"word"` matches whole),
 * inside an open quote (a phrase is matched as written), or right after `-` (a negation is
 * never a prefix).
 */
export function splitSearchQuery(query: string): SearchQueryParts {
  const match = lastWord.exec(query);
  const quotes = query.split('"').length - 1;
  if (!match || quotes % 2 === 1) return { head: query, prefix: null, join: '&' };
  const word = match[1] as string;
  const head = query.slice(0, query.length - word.length);
  if (head.endsWith('-') || /^or$/i.test(word)) return { head: query, prefix: null, join: '&' };
  const trailingOr = /(^|\s)or\s+$/i.test(head);
  return {
    head: trailingOr ? head.replace(/or\s+$/i, '') : head,
    prefix: `'${word.toLowerCase()}':*`,
    join: trailingOr ? '|' : '&',
  };
}

/** Whether a query can match anything at all: one letter or digit at least. */
export function hasSearchableText(query: string): boolean {
  return wordChar.test(query);
}

/** A lexeme of a parsed tsquery, for highlighting. */
export interface QueryTerm {
  /** The normalized word (lower-cased; stemmed by configurations that stem). */
  lexeme: string;
  /** Whether it matches any word starting with it (`:*`). */
  prefix: boolean;
}

const lexemePattern = /(!?)'((?:[^']|'')*)'(:[*A-D]+)?/g;

/**
 * The positive lexemes of a tsquery in PostgreSQL's text form (`'cat' & !'dog' | 'bir':*`):
 * what a highlight looks for. Negated ones (`!'dog'`) are left out: a hit never shows them.
 */
export function queryTerms(tsquery: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const match of tsquery.matchAll(lexemePattern)) {
    if (match[1] === '!') continue;
    const lexeme = (match[2] as string).replaceAll("''", "'").replaceAll('\\\\', '\\');
    if (lexeme !== '') terms.push({ lexeme, prefix: (match[3] ?? '').includes('*') });
  }
  return terms;
}
