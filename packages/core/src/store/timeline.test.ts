import { describe, expect, it } from 'vitest';
import { message } from '../../test/fixtures';
import type { Message } from '../protocol';
import { mergeMessages, messageAt, upsertMessage } from './timeline';

const seqs = (messages: Message[]) => messages.map((m) => m.seq);

describe('timeline helpers', () => {
  it('merges a page into held messages in seq order, once each, keeping the array when nothing is new', () => {
    const held = [1, 2, 5].map((s) => message(s));
    const merged = mergeMessages(held, [message(4), message(3), message(5), message(6)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(merged[4]).toBe(held[2]);
    expect(mergeMessages(held, [message(2), message(5)])).toBe(held);
  });

  it('inserts a late message in its place and replaces a copy only with a fresher one', () => {
    const held = [1, 3].map((s) => message(s));
    expect(seqs(upsertMessage(held, message(2)))).toEqual([1, 2, 3]);
    const edited = message(3, { body: 'edited', editedAt: '2026-01-02T00:00:00.000Z' });
    const withEdit = upsertMessage(held, edited);
    expect(withEdit[1]).toBe(edited);
    expect(upsertMessage(withEdit, message(3))).toBe(withEdit);
  });

  it('finds the held copy of a seq, or nothing for a seq in a hole', () => {
    const held = [1, 2, 5].map((s) => message(s));
    expect(messageAt(held, 5)).toBe(held[2]);
    expect(messageAt(held, 3)).toBeUndefined();
    expect(messageAt(held, 9)).toBeUndefined();
    expect(messageAt([], 1)).toBeUndefined();
  });
});
