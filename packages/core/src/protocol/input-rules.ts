import { protocolLimits } from './limits';

/*
 * The rules every string that enters Banter follows, whichever transport or
 * field brings it. Each check returns the problem as a sentence that completes
 * "<field> …", or null when the value is fine, so that zod schemas, the payload
 * walk and the token checks all word a refusal the same way. No zod here: the
 * client imports this module.
 */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Unicode general category Cc: C0 controls, DEL and C1 controls. */
const controlCharacter = /\p{Cc}/u;
/**
 * What "blank" means everywhere in Banter: nothing but the characters
 * `String.prototype.trim` removes (JS `\s`: tab, LF, VT, FF, CR, space, U+00A0,
 * U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), plus
 * the invisible format characters U+180E, U+200B, U+200C, U+200D and U+2060.
 */
const blank = /^[\s\u180E\u200B-\u200D\u2060]*$/;

/** True when the string has no unpaired surrogate, so it has exactly one UTF-8 form. */
export function isWellFormed(value: string): boolean {
  const native = (value as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(value) : !loneSurrogate.test(value);
}

/** True when the string shows nothing: see `blank` above for the exact characters. */
export function isBlank(value: string): boolean {
  return blank.test(value);
}

/**
 * The rule for any text: bodies, titles, metadata keys and values, attachment
 * fields, queries, cursors, tokens. NUL is refused because PostgreSQL cannot
 * store it; unpaired surrogates because they have no UTF-8 form, so storing
 * them would mean rewriting them to U+FFFD.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (!isWellFormed(value)) return 'must be well-formed Unicode (no unpaired surrogates)';
  return null;
}

/**
 * The rule for ids (conversations, messages, users, the user id a token names):
 * text that is not blank, has no control characters and no surrounding
 * whitespace, at most `maxLength` UTF-16 units. Ids are refused, never trimmed
 * or repaired, so two different strings can never name one thing.
 */
export function idProblem(
  value: string,
  maxLength: number = protocolLimits.idLength,
): string | null {
  const text = textProblem(value);
  if (text !== null) return text;
  if (value.length === 0 || isBlank(value)) return 'must not be blank';
  if (controlCharacter.test(value)) return 'must not contain control characters';
  if (value.trim() !== value) return 'must not start or end with whitespace';
  if (value.length > maxLength) return `must be at most ${maxLength} characters`;
  return null;
}

/** Keys refused anywhere in a payload: they reach object prototypes in JavaScript hosts. */
export const forbiddenKeys: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
