import type { SearchHighlight } from '@banter/core/protocol';
import type { QueryTerm } from './search-query';

/** Words as highlights see them: runs of letters, marks and digits. */
const wordPattern = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Where the query's terms occur in a body, computed here rather than with `ts_headline`
 * (which returns marked-up text, not positions). Offsets are UTF-16 code units, the
 * indices of a JavaScript string; words are matched whole, with `u` regular expressions,
 * so a range never splits a surrogate pair.
 *
 * A word matches a term when, lower-cased, it equals the lexeme, or starts with it when the
 * term is a prefix or `stems` (a stemming configuration such as `english` stores `run` for
 * "running"). A lexeme of several words (`e-mail`, a URL) matches each of its words.
 */
export function highlightsOf(body: string, terms: QueryTerm[], stems: boolean): SearchHighlight[] {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    for (const part of term.lexeme.match(wordPattern) ?? []) {
      if (term.prefix || stems) prefixes.push(part);
      else exact.add(part);
    }
  }
  if (exact.size === 0 && prefixes.length === 0) return [];
  const ranges: SearchHighlight[] = [];
  for (const match of body.matchAll(wordPattern)) {
    const word = match[0].toLowerCase();
    if (exact.has(word) || prefixes.some((prefix) => word.startsWith(prefix))) {
      ranges.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return ranges;
}
