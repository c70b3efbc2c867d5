import { describe, expect, it } from 'vitest';
import { chooseSearchPlan } from './search-plan';

// The bench's shape: a user in 100 conversations of 100 messages, in a table of a million.
const viewer = { conversations: 100, viewerMessages: 10_000, tableMessages: 1_000_000, limit: 21 };

describe('chooseSearchPlan', () => {
  it('walks the conversations for a word in a large share of all messages', () => {
    expect(chooseSearchPlan({ ...viewer, estimatedMatches: 425_000 })).toEqual({
      plan: 'walk',
      perConversation: 1,
    });
  });

  it('reads the index for a word that the walk would have to look far back for', () => {
    expect(chooseSearchPlan({ ...viewer, estimatedMatches: 8_600 }).plan).toBe('bitmap');
    expect(chooseSearchPlan({ ...viewer, estimatedMatches: 950 }).plan).toBe('bitmap');
  });

  it('reads the index while the table has no statistics', () => {
    expect(
      chooseSearchPlan({ ...viewer, tableMessages: null, estimatedMatches: 425_000 }).plan,
    ).toBe('bitmap');
  });

  it('walks one short conversation for a word the index holds thousands of, a page from it', () => {
    expect(
      chooseSearchPlan({
        ...viewer,
        conversations: 1,
        viewerMessages: 100,
        estimatedMatches: 8_600,
      }),
    ).toEqual({ plan: 'walk', perConversation: 21 });
  });
});
