import { type RefObject, useEffect, useRef } from 'react';
import { eventOrigin, rootOf } from './shadow-dom';

/**
 * What a popup (a menu, the emoji picker) does about focus and presses
 * around it, in the page or inside a shadow root: focus goes back to what
 * had it before the popup opened when the popup closes with focus still in
 * it (a press elsewhere has moved focus on already); a press outside calls
 * `onOutside` with where it landed.
 */
export function usePopupFocus(
  popup: RefObject<HTMLElement | null>,
  onOutside: (target: Node | null) => void,
) {
  const outside = useRef(onOutside);
  outside.current = onOutside;

  // Read before the popup's own effect moves focus in, so mount this hook first.
  useEffect(() => {
    const element = popup.current;
    const root = rootOf(element);
    const opener = root.activeElement as HTMLElement | null;
    return () => {
      const focused = root.activeElement;
      const inside = element?.contains(focused) || focused === document.body || focused === null;
      if (inside && opener && opener !== document.body && opener.isConnected) opener.focus();
    };
  }, [popup]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const target = eventOrigin(event);
      if (!popup.current?.contains(target)) outside.current(target);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [popup]);
}
