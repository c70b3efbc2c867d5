import { describe, expect, it } from 'vitest';
import {
  filterMentionCandidates,
  insertMention,
  mentionQueryAt,
  mentionsAfterEdit,
  removeMentionBefore,
} from './mention-tokens';

const ann = { userId: 'ann', start: 3, end: 10 }; // "hi Ann Lee!"

describe('mention tokens in the composer', () => {
  it('shift when text is typed before them, stay when typed after', () => {
    expect(mentionsAfterEdit('hi Ann Lee!', 'oh hi Ann Lee!', [ann])).toEqual([
      { userId: 'ann', start: 6, end: 13 },
    ]);
    expect(mentionsAfterEdit('hi Ann Lee!', 'hi Ann Lee!!', [ann])).toEqual([ann]);
    // Right at the edges: the mention is untouched.
    expect(mentionsAfterEdit('hi Ann Lee!', 'hi xAnn Lee!', [ann])).toEqual([
      { userId: 'ann', start: 4, end: 11 },
    ]);
    expect(mentionsAfterEdit('hi Ann Lee!', 'hi Ann Leex!', [ann])).toEqual([ann]);
  });

  it('are dropped when edited inside or partly deleted', () => {
    expect(mentionsAfterEdit('hi Ann Lee!', 'hi Anne Lee!', [ann])).toEqual([]);
    expect(mentionsAfterEdit('hi Ann Lee!', 'hi Ann Le!', [ann])).toEqual([]);
    expect(mentionsAfterEdit('hi Ann Lee!', 'hi !', [ann])).toEqual([]);
  });

  it('are removed whole by Backspace right after them', () => {
    expect(removeMentionBefore({ text: 'hi Ann Lee!', mentions: [ann] }, 10)).toEqual({
      composed: { text: 'hi !', mentions: [] },
      caret: 3,
    });
    expect(removeMentionBefore({ text: 'hi Ann Lee!', mentions: [ann] }, 11)).toBeNull();
  });

  it('find the @ being typed, names with spaces included, not an address', () => {
    expect(mentionQueryAt({ text: 'hey @Ann L', mentions: [] }, 10)).toEqual({
      start: 4,
      query: 'Ann L',
    });
    expect(mentionQueryAt({ text: '@', mentions: [] }, 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt({ text: 'mail ann@example.com', mentions: [] }, 20)).toBeNull();
    expect(mentionQueryAt({ text: '@Ann\nmore', mentions: [] }, 9)).toBeNull();
  });

  it('insert the picked name as a mention, emoji names counted in UTF-16 units', () => {
    const typed = { text: 'hi @zo and bye', mentions: [] };
    const query = mentionQueryAt(typed, 6);
    expect(query).toEqual({ start: 3, query: 'zo' });
    const result = insertMention(typed, query ?? { start: 0, query: '' }, 6, {
      id: 'zoe',
      name: 'Zoë 🌸 Park',
    });
    expect(result.composed.text).toBe('hi Zoë 🌸 Park and bye');
    const [mention] = result.composed.mentions;
    expect(result.composed.text.slice(mention?.start, mention?.end)).toBe('Zoë 🌸 Park');
    expect(result.caret).toBe((mention?.end ?? 0) + 1);
  });

  it('keep earlier mentions when another is inserted', () => {
    const composed = { text: 'hi Ann Lee and @b', mentions: [ann] };
    const result = insertMention(composed, { start: 15, query: 'b' }, 17, {
      id: 'bob',
      name: 'Bob Ray',
    });
    expect(result.composed).toEqual({
      text: 'hi Ann Lee and Bob Ray ',
      mentions: [ann, { userId: 'bob', start: 15, end: 22 }],
    });
  });

  it('filter people by name: prefix first, then a word, accents and case ignored', () => {
    const people = [
      { id: 'c', name: 'Cat Diaz' },
      { id: 'd', name: 'Dana Éclair' },
      { id: 'e', name: 'Eclo' },
    ];
    expect(filterMentionCandidates(people, 'ecl').map((p) => p.id)).toEqual(['e', 'd']);
    expect(filterMentionCandidates(people, 'diaz').map((p) => p.id)).toEqual(['c']);
    expect(filterMentionCandidates(people, '').map((p) => p.id)).toEqual(['c', 'd', 'e']);
    expect(filterMentionCandidates(people, 'zz')).toEqual([]);
  });
});
