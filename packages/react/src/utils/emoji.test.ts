import { describe, expect, it } from 'vitest';
import { displayEmoji, sameEmoji } from './emoji';

describe('emoji helpers', () => {
  it('treats an emoji with and without its variation selector as one reaction', () => {
    expect(sameEmoji('❤️', '❤')).toBe(true);
    expect(sameEmoji('👍', '👍🏽')).toBe(false);
  });

  it('gives a stored text-style pictograph its selector back, and leaves others alone', () => {
    expect(displayEmoji('❤')).toBe('❤️');
    expect(displayEmoji('👍')).toBe('👍');
    expect(displayEmoji('👍🏽')).toBe('👍🏽');
  });
});
