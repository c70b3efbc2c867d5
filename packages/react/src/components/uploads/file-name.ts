/**
 * Characters that reorder or hide text: bidirectional overrides, embeddings
 * and isolates, marks, and C0/C1 controls. A name such as
 * `invoice\u202Efdp.exe` would otherwise show as `invoiceexe.pdf`.
 */
// biome-ignore lint/complexity/useRegexLiterals: a literal would hold control characters, which the linter refuses
const hidingCharacters = new RegExp(
  '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]',
  'g',
);

/** A file name made safe to show as text: no characters that reorder or hide parts of it. */
export function displayFileName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '').replace(hidingCharacters, '').trim();
  return cleaned || fallback;
}

/**
 * A long name shortened in the middle so both its start and its extension
 * stay visible (`quarterly-report-…-final.pdf`), at most `max` code points.
 */
export function middleTruncate(name: string, max = 40): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const keepEnd = Math.min(Math.floor((max - 1) / 2), 16);
  const keepStart = max - 1 - keepEnd;
  return `${chars.slice(0, keepStart).join('')}…${chars.slice(chars.length - keepEnd).join('')}`;
}
