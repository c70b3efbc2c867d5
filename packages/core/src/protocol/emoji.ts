import { protocolLimits } from './limits';

/*
 * The rule for a reaction: exactly one emoji, as a person sees one (a grapheme
 * cluster: a flag, a family, a skin tone, a keycap). The same emoji typed with
 * or without the emoji-presentation selector (U+FE0F) is one reaction, so it is
 * stored without it. No zod here: the client normalizes with the same code
 * before it shows a reaction, so its optimistic state matches the server's.
 */

const variationSelector16 = /\uFE0F/g;
const pictographic = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

let segmenter: Intl.Segmenter | undefined;

function graphemes(value: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(value)) count += 1;
  return count;
}

/** The stored form of a reaction emoji: without U+FE0F. */
export function normalizeEmoji(value: string): string {
  return value.replace(variationSelector16, '');
}

/**
 * Why a value is not a reaction emoji, as a sentence that completes
 * "<field> …", or null when it is one. Checks the value as given; store
 * `normalizeEmoji(value)`.
 */
export function emojiProblem(value: string): string | null {
  if (value.length === 0) return 'must be an emoji';
  if (value.length > protocolLimits.emojiLength) {
    return `must be one emoji (at most ${protocolLimits.emojiLength} UTF-16 code units)`;
  }
  if (graphemes(value) !== 1 || !pictographic.test(value)) return 'must be exactly one emoji';
  return null;
}
