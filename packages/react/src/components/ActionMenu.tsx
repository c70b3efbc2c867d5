'use client';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useImperativeHandle,
  useRef,
} from 'react';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { rootOf } from '../utils/shadow-dom';
import { usePopupFocus } from '../utils/use-popup-focus';

/** Why a menu asks to close: the caller decides where focus goes for each. */
export type MenuCloseReason = 'escape' | 'tab' | 'outside';

export interface ActionMenuProps extends ComponentPropsWithoutRef<'div'> {
  /** The menu's accessible name. */
  label: string;
  /** For `outside`, `target` is what was pressed. */
  onClose: (reason: MenuCloseReason, target?: Node) => void;
}

const itemSelector = '[role="menuitem"],[role="menuitemcheckbox"]';

/**
 * A WAI-ARIA menu: focus moves to its first item (or the one marked
 * `data-autofocus`) when it opens, arrow keys, Home and End move between
 * items (items are `tabIndex={-1}`, so the menu is one tab stop), Escape,
 * Tab and a press outside ask to close it. Closing returns focus to what
 * had it before (the message or the button that opened the menu). Items are its descendants with
 * a menuitem role, in document order, so rows of items work too.
 */
export const ActionMenu = forwardRef<HTMLDivElement, ActionMenuProps>(function ActionMenu(
  { label, onClose, className, onKeyDown, children, ...props },
  ref,
) {
  const menu = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => menu.current as HTMLDivElement);
  const close = useRef(onClose);
  close.current = onClose;

  usePopupFocus(menu, (target) => close.current('outside', target ?? undefined));

  // Focus moves in once per opening; the content changing (a confirmation step) moves it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `children` changing means new items to focus
  useEffect(() => {
    const element = menu.current;
    if (!element) return;
    const first =
      element.querySelector<HTMLElement>('[data-autofocus]') ??
      element.querySelector<HTMLElement>(itemSelector);
    first?.focus();
  }, [children]);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>(itemSelector) ?? [])];
    const at = items.indexOf(rootOf(menu.current).activeElement as HTMLElement);
    const focus = (index: number) => items[(index + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        focus(at + 1);
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        focus(at - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Escape':
        close.current('escape');
        break;
      case 'Tab':
        // Tab leaves the menu where the browser takes it; the menu just closes.
        close.current('tab');
        return;
      default:
        return;
    }
    event.preventDefault();
    // Keys handled here must not also move the message list's focus.
    event.stopPropagation();
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={label}
      className={cx('banter-menu', className)}
      onKeyDown={composeHandlers(onKeyDown, handleKeyDown)}
      {...props}
    >
      {children}
    </div>
  );
});
