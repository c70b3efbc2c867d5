import { describe, expect, it } from 'vitest';
import { emojiProblem, normalizeEmoji } from './emoji';

describe('reaction emoji', () => {
  it.each(['👍', '❤️', '❤', '🇫🇷', '👩‍👩‍👧‍👦', '👍🏽', '1️⃣', '🏳️‍🌈'])(
    'accepts %s as one emoji',
    (emoji) => {
      expect(emojiProblem(emoji)).toBeNull();
    },
  );

  it.each([
    ['', 'must be an emoji'],
    ['a', 'must be exactly one emoji'],
    ['👍👍', 'must be exactly one emoji'],
    ['ok', 'must be exactly one emoji'],
    ['👍'.repeat(250), 'must be one emoji (at most 32 UTF-16 code units)'],
  ])('refuses %j', (value, problem) => {
    expect(emojiProblem(value)).toBe(problem);
  });

  it('stores an emoji with and without the presentation selector as one', () => {
    expect(normalizeEmoji('❤️')).toBe(normalizeEmoji('❤'));
    expect(normalizeEmoji('👍')).toBe('👍');
  });
});
