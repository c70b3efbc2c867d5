'use client';
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useId, useRef } from 'react';
import { cx } from '../utils/cx';
import { useChunk } from '../utils/lazy-chunk';
import type { MenuCloseReason } from './ActionMenu';
import { ChunkStatus } from './ChunkStatus';
import { DotsIcon } from './DotsIcon';
import { menuChunk } from './menu-chunk';

/** Why a menu closed: an item was chosen, or one of the menu's own reasons. */
export type ActionsCloseReason = MenuCloseReason | 'select';

/** The menus' chunk, as `renderMenu` gets it. */
export type MenuModule = typeof import('./menu-panels');

/** A "more actions" button and its popover, whose menu comes from the menus' chunk. */
export interface MenuButtonProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The class name block of the parts: `${block}__trigger`, `${block}__popover`. */
  block: string;
  /** The button's accessible name. */
  label: string;
  /** Whether the menu is open (controlled). */
  open: boolean;
  /** Called when the menu asks to open or close, with why it closed. */
  onOpenChange: (open: boolean, reason?: ActionsCloseReason) => void;
  /** Draws the open menu, once the chunk is here; `onClose()` without a reason means chosen. */
  renderMenu: (
    module: MenuModule,
    id: string,
    onClose: (reason?: MenuCloseReason, target?: Node) => void,
  ) => ReactNode;
  /** Dots stacked (a header) rather than in a row (a message). */
  vertical?: boolean;
  /** The trigger's tab stop. */
  triggerTabIndex?: number;
  /** Which side the popover opens on. */
  side?: 'top' | 'bottom';
}

/**
 * What the message menu and the header menu share: the trigger (its ARIA
 * wiring and toggle), the popover, and "Loading…" until the menus' chunk is
 * here. A press on the trigger while open is its toggle, not an outside press.
 */
export const MenuButton = forwardRef<HTMLDivElement, MenuButtonProps>(function MenuButton(
  {
    block,
    label,
    open,
    onOpenChange,
    renderMenu,
    vertical,
    triggerTabIndex,
    side,
    className,
    ...props
  },
  ref,
) {
  const trigger = useRef<HTMLButtonElement>(null);
  const id = useId();
  const { module, failed, retry } = useChunk(menuChunk);
  const onClose = (reason?: MenuCloseReason, target?: Node) => {
    if (target && trigger.current?.contains(target)) return;
    onOpenChange(false, reason ?? 'select');
  };
  return (
    <div
      ref={ref}
      className={cx(block, className)}
      data-state={open ? 'open' : 'closed'}
      {...props}
    >
      <button
        ref={trigger}
        type="button"
        className={`${block}__trigger`}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        tabIndex={triggerTabIndex}
        onClick={() => onOpenChange(!open)}
      >
        <DotsIcon vertical={vertical} />
      </button>
      {open && (
        <div className={`${block}__popover`} data-side={side}>
          {module ? renderMenu(module, id, onClose) : <ChunkStatus failed={failed} retry={retry} />}
        </div>
      )}
    </div>
  );
});
