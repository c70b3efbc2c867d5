'use client';
import { type RefObject, useEffect, useState } from 'react';
import type { ListItem } from './list-items';
import { type RowOffsets, rowAt } from './row-offsets';

/** How long the rows must stay on screen before they count as read: scrolling past is not reading. */
export const markReadAfterMs = 250;

export interface MarkReadOnScreenOptions {
  items: ListItem[];
  /** The scroller's position and height, as last read from it. */
  viewport: { top: number; height: number };
  offsets: RowOffsets;
  /** The list of rows inside the scroller: row offsets start at its top. */
  list: RefObject<HTMLElement | null>;
  markRead: (seq?: number) => Promise<void>;
  loaded: boolean;
}

/**
 * Marks read up to the newest message actually on screen, while the page is
 * visible. A list never laid out (server, hidden tab) marks nothing.
 */
export function useMarkReadOnScreen({
  items,
  viewport,
  offsets,
  list,
  markRead,
  loaded,
}: MarkReadOnScreenOptions) {
  const [visible, setVisible] = useState(
    () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  );
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  useEffect(() => {
    if (!loaded || !visible || viewport.height <= 0) return;
    const newest = newestSeqOnScreen(items, offsets, viewport, list.current?.offsetTop ?? 0);
    if (newest === 0) return;
    const timer = setTimeout(() => void markRead(newest), markReadAfterMs);
    return () => clearTimeout(timer);
  }, [items, viewport, offsets, list, markRead, loaded, visible]);
}

/** The highest seq among the message rows the viewport shows (0 for none), walking only those rows. */
function newestSeqOnScreen(
  items: ListItem[],
  offsets: RowOffsets,
  viewport: { top: number; height: number },
  listTop: number,
): number {
  const bottom = viewport.top + viewport.height - listTop;
  let newest = 0;
  for (let i = rowAt(offsets, viewport.top - listTop); i < items.length; i++) {
    if ((offsets[i] as number) >= bottom) break;
    const item = items[i];
    if (item?.kind === 'message' && item.message.seq !== null)
      newest = Math.max(newest, item.message.seq);
  }
  return newest;
}
