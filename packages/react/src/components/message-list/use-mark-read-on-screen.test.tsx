import type { MessageView } from '@banter/core';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListItem } from './list-items';
import { markReadAfterMs, useMarkReadOnScreen } from './use-mark-read-on-screen';

/** A day separator, then messages 1..5 (the last one still pending): six rows of 50 px. */
const items: ListItem[] = [
  { kind: 'day', key: 'day', iso: '2024-01-01T00:00:00.000Z' },
  ...[1, 2, 3, 4, null].map(
    (seq, i): ListItem => ({
      kind: 'message',
      key: `m${i + 1}`,
      message: { key: `m${i + 1}`, seq, own: false } as MessageView,
      startsGroup: true,
      endsGroup: true,
    }),
  ),
];
const offsets = Float64Array.from(items.map((_, i) => i * 50).concat(items.length * 50));
const list = { current: null };

function setup(viewport: { top: number; height: number }, loaded = true) {
  const markRead = vi.fn(async (_seq?: number) => {});
  const hook = renderHook((props) => useMarkReadOnScreen({ ...props, markRead }), {
    initialProps: { items, viewport, offsets, list, loaded },
  });
  return { markRead, ...hook };
}

describe('useMarkReadOnScreen', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('marks read up to the newest message on screen once it has stayed there a moment', () => {
    // Rows 0..2 are on screen: the day and messages 1 and 2.
    const { markRead } = setup({ top: 0, height: 120 });
    act(() => vi.advanceTimersByTime(markReadAfterMs - 1));
    expect(markRead).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(markRead).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('does not mark messages the reader only scrolled past', () => {
    const { markRead, rerender } = setup({ top: 100, height: 100 });
    act(() => vi.advanceTimersByTime(markReadAfterMs / 2));
    rerender({ items, viewport: { top: 0, height: 60 }, offsets, list, loaded: true });
    act(() => vi.advanceTimersByTime(markReadAfterMs));
    expect(markRead).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('skips pending messages, which have no seq to mark', () => {
    const { markRead } = setup({ top: 200, height: 100 });
    act(() => vi.advanceTimersByTime(markReadAfterMs));
    expect(markRead).toHaveBeenCalledExactlyOnceWith(4);
  });

  it('marks nothing before the newest page is loaded, or in a list never laid out', () => {
    const notLoaded = setup({ top: 0, height: 300 }, false);
    const notLaidOut = setup({ top: 0, height: 0 });
    act(() => vi.advanceTimersByTime(markReadAfterMs * 4));
    expect(notLoaded.markRead).not.toHaveBeenCalled();
    expect(notLaidOut.markRead).not.toHaveBeenCalled();
  });

  it('marks nothing while the page is hidden, and what is on screen once it is shown again', () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      const { markRead } = setup({ top: 0, height: 120 });
      act(() => vi.advanceTimersByTime(markReadAfterMs * 4));
      expect(markRead).not.toHaveBeenCalled();
      visibility.mockReturnValue('visible');
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
      act(() => vi.advanceTimersByTime(markReadAfterMs));
      expect(markRead).toHaveBeenCalledExactlyOnceWith(2);
    } finally {
      visibility.mockRestore();
    }
  });
});
