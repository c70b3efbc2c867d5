'use client';
import { type RefObject, useState } from 'react';
import { useIsomorphicLayoutEffect } from '../../utils/use-isomorphic-layout-effect';
import { rowOnScreen } from './divider-on-screen';
import type { FirstUnread } from './use-first-unread';

/**
 * Opens the list at the unread line: while the first unread message is being
 * loaded the list is out of sight (`positioning`), and once it is held the
 * list holds that row at the top of the view before anything is painted.
 * Afterwards it says whether the divider is off screen, for the jump control.
 */
export function useOpenAtFirstUnread({
  conversationId,
  firstUnread,
  holdAt,
  offsetOf,
  list,
  viewport,
  hasRows,
}: {
  conversationId: string;
  /** The list has rows to show. */
  hasRows: boolean;
  firstUnread: FirstUnread;
  /** The scroll anchor's: keep this row at the top of the view. */
  holdAt: (key: string) => void;
  offsetOf: (key: string) => number | null;
  list: RefObject<HTMLElement | null>;
  viewport: { top: number; height: number };
}): { positioning: boolean; dividerOffScreen: boolean } {
  // The conversation whose opening position has been applied.
  const [placed, setPlaced] = useState<string | null>(null);
  const done = placed === conversationId;
  const { ready, waiting, dividerKey } = firstUnread;

  // A layout effect: the hold and the re-render it causes happen before the browser paints.
  useIsomorphicLayoutEffect(() => {
    if (done) return;
    if (ready) {
      if (dividerKey) holdAt(dividerKey);
      setPlaced(conversationId);
    } else if (!waiting && hasRows) {
      // Shown as it is (offline, a slow first page): from here on it is never hidden or moved.
      setPlaced(conversationId);
    }
  }, [done, ready, waiting, hasRows, dividerKey, holdAt, conversationId]);

  const dividerOffScreen =
    done &&
    dividerKey !== null &&
    viewport.height > 0 &&
    !rowOnScreen(offsetOf(dividerKey), list.current?.offsetTop ?? 0, viewport);
  return { positioning: !done && firstUnread.waiting, dividerOffScreen };
}
