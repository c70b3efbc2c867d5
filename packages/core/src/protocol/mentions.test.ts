import { describe, expect, it } from 'vitest';
import { maxMentionsPerMessage, mentionParticipantIssues, mentionRangeIssues } from './mentions';

const body = 'hi Ann Lee and 🌸 Bob';

describe('mention ranges', () => {
  it('accept ranges inside the body that do not overlap, in any order', () => {
    expect(
      mentionRangeIssues(body, [
        { userId: 'bob', start: 18, end: 21 },
        { userId: 'ann', start: 3, end: 10 },
      ]),
    ).toEqual([]);
  });

  it('refuse ranges out of bounds, empty, reversed, fractional or negative', () => {
    for (const [start, end] of [
      [0, body.length + 1],
      [-1, 2],
      [4, 4],
      [5, 3],
      [1.5, 3],
    ] as const) {
      expect(mentionRangeIssues(body, [{ userId: 'ann', start, end }])).toEqual([
        { path: 'mentions.0', message: expect.any(String) },
      ]);
    }
  });

  it('refuse overlapping ranges, naming the later one', () => {
    expect(
      mentionRangeIssues(body, [
        { userId: 'ann', start: 3, end: 10 },
        { userId: 'bob', start: 7, end: 12 },
      ]),
    ).toEqual([{ path: 'mentions.1', message: 'mentions must not overlap' }]);
  });

  it('refuse a range that cuts an emoji in half', () => {
    const flower = body.indexOf('🌸');
    expect(mentionRangeIssues(body, [{ userId: 'bob', start: flower + 1, end: 21 }])).toEqual([
      { path: 'mentions.0', message: 'range must not split a character' },
    ]);
  });

  it('refuse too many mentions', () => {
    const many = Array.from({ length: maxMentionsPerMessage + 1 }, (_, i) => ({
      userId: 'ann',
      start: i,
      end: i + 1,
    }));
    expect(mentionRangeIssues('x'.repeat(100), many)).toEqual([
      { path: 'mentions', message: `at most ${maxMentionsPerMessage} mentions` },
    ]);
  });

  it('name the mentions of people outside the conversation', () => {
    expect(
      mentionParticipantIssues(
        [
          { userId: 'ann', start: 3, end: 10 },
          { userId: 'eve', start: 18, end: 21 },
        ],
        new Set(['ann', 'bob']),
      ),
    ).toEqual([{ path: 'mentions.1.userId', message: 'not a participant of this conversation' }]);
  });
});
