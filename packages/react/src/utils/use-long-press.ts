'use client';
import { type MouseEvent, type PointerEvent, useCallback, useEffect, useMemo, useRef } from 'react';

/** How long a finger must rest on a message to open its actions. */
export const longPressMs = 500;
/** A finger that moves further than this is scrolling, not pressing. */
const slopPx = 10;

/**
 * Pointer handlers that call `onLongPress` when a touch (or pen) rests in
 * place for `longPressMs`. Moving, lifting or cancelling clears the timer;
 * a mouse never long-presses (it has hover and right-click). After a long
 * press, the context menu the browser would open is suppressed.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef({ x: 0, y: 0 });
  const fired = useRef(false);
  const callback = useRef(onLongPress);
  callback.current = onLongPress;

  const clear = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => clear, [clear]);

  return useMemo(
    () => ({
      onPointerDown(event: PointerEvent) {
        clear();
        fired.current = false;
        if (event.pointerType === 'mouse' || !event.isPrimary) return;
        start.current = { x: event.clientX, y: event.clientY };
        timer.current = setTimeout(() => {
          timer.current = null;
          fired.current = true;
          callback.current();
        }, longPressMs);
      },
      onPointerMove(event: PointerEvent) {
        if (timer.current === null) return;
        const dx = event.clientX - start.current.x;
        const dy = event.clientY - start.current.y;
        if (dx * dx + dy * dy > slopPx * slopPx) clear();
      },
      onPointerUp: clear,
      onPointerCancel: clear,
      onContextMenu(event: MouseEvent) {
        if (fired.current) event.preventDefault();
      },
    }),
    [clear],
  );
}
