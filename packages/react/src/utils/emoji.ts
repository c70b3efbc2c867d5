import { normalizeEmoji } from '@banter/core';

/** The quick reactions the actions menu offers. */
export const quickReactions = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

const textDefault = /^(?!\p{Emoji_Presentation})\p{Extended_Pictographic}$/u;

/**
 * Whether two emoji are the same reaction. The server stores emoji without
 * U+FE0F, so ❤️ typed here and ❤ stored there are one reaction.
 */
export function sameEmoji(a: string, b: string): boolean {
  return normalizeEmoji(a) === normalizeEmoji(b);
}

/**
 * An emoji as stored (without U+FE0F), ready to show: a lone pictograph that
 * defaults to text style (❤, ☺) gets its selector back so it draws in colour.
 */
export function displayEmoji(emoji: string): string {
  return textDefault.test(emoji) ? `${emoji}\uFE0F` : emoji;
}
