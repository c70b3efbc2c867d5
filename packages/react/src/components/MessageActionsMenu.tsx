'use client';
import { type ComponentPropsWithoutRef, forwardRef, useId, useRef, useState } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';
import { quickReactions, sameEmoji } from '../utils/emoji';
import { ActionMenu, type MenuCloseReason } from './ActionMenu';

/** Why the menu closed: an item was chosen, or one of the menu's own reasons. */
export type ActionsCloseReason = MenuCloseReason | 'select';

export interface MessageActionsMenuProps extends ComponentPropsWithoutRef<'div'> {
  open: boolean;
  onOpenChange: (open: boolean, reason?: ActionsCloseReason) => void;
  /** Emoji the reader already reacted with: choosing one of them again removes it. */
  reacted: string[];
  canCopy: boolean;
  canEdit: boolean;
  canDelete: boolean;
  onReply: () => void;
  onReact: (emoji: string, add: boolean) => void;
  onCopy: () => void;
  onEdit: () => void;
  onDelete: () => void;
  /** The trigger's tab stop: only the focused message's trigger is in the tab order. */
  triggerTabIndex?: number;
  /** Which side of the message the menu opens on, so it stays inside the list. */
  side?: 'top' | 'bottom';
}

/**
 * A message's actions: a trigger button and, when open, a menu with the
 * quick reactions, Reply, Copy text, and for one's own messages Edit and
 * Delete (which asks for confirmation inside the menu). Opening it is also
 * up to the message (focus and Enter, long-press): the state is the caller's.
 */
export const MessageActionsMenu = forwardRef<HTMLDivElement, MessageActionsMenuProps>(
  function MessageActionsMenu(
    {
      open,
      onOpenChange,
      reacted,
      canCopy,
      canEdit,
      canDelete,
      onReply,
      onReact,
      onCopy,
      onEdit,
      onDelete,
      triggerTabIndex,
      side = 'bottom',
      className,
      ...props
    },
    ref,
  ) {
    const { strings } = useStrings();
    const [confirming, setConfirming] = useState(false);
    const trigger = useRef<HTMLButtonElement>(null);
    const menuId = useId();
    const questionId = useId();
    if (!open && confirming) setConfirming(false);

    const choose = (action: () => void) => () => {
      action();
      onOpenChange(false, 'select');
    };
    const item = (
      label: string,
      action: () => void,
      extra: { danger?: boolean; autofocus?: boolean } = {},
    ) => (
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        className="banter-menu__item"
        data-danger={extra.danger || undefined}
        data-autofocus={extra.autofocus || undefined}
        onClick={action}
      >
        {label}
      </button>
    );

    return (
      <div
        ref={ref}
        className={cx('banter-message-actions', className)}
        data-state={open ? 'open' : 'closed'}
        {...props}
      >
        <button
          ref={trigger}
          type="button"
          className="banter-message-actions__trigger"
          aria-label={strings.messageActions}
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          tabIndex={triggerTabIndex}
          onClick={() => onOpenChange(!open)}
        >
          <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" focusable="false">
            <circle cx="3" cy="8" r="1.5" />
            <circle cx="8" cy="8" r="1.5" />
            <circle cx="13" cy="8" r="1.5" />
          </svg>
        </button>
        {open && (
          <div className="banter-message-actions__popover" data-side={side}>
            {confirming && (
              <p id={questionId} className="banter-message-actions__question">
                {strings.deleteConfirm}
              </p>
            )}
            <ActionMenu
              id={menuId}
              label={confirming ? strings.deleteConfirm : strings.messageActions}
              aria-labelledby={confirming ? questionId : undefined}
              onClose={(reason, target) => {
                // A press on the trigger is its own toggle: closing here too would reopen it there.
                if (reason === 'outside' && target && trigger.current?.contains(target)) return;
                onOpenChange(false, reason);
              }}
            >
              {confirming ? (
                <>
                  {item(strings.deleteConfirmAction, choose(onDelete), { danger: true })}
                  {item(strings.cancel, () => setConfirming(false), { autofocus: true })}
                </>
              ) : (
                <>
                  {/* biome-ignore lint/a11y/useSemanticElements: a menu's group of items is an ARIA group; a fieldset is a form control group */}
                  <div role="group" aria-label={strings.react} className="banter-menu__reactions">
                    {quickReactions.map((emoji) => {
                      const on = reacted.some((r) => sameEmoji(r, emoji));
                      return (
                        <button
                          key={emoji}
                          type="button"
                          role="menuitemcheckbox"
                          aria-checked={on}
                          aria-label={strings.reactWith(emoji)}
                          tabIndex={-1}
                          className="banter-menu__emoji"
                          onClick={choose(() => onReact(emoji, !on))}
                        >
                          {emoji}
                        </button>
                      );
                    })}
                  </div>
                  {item(strings.reply, choose(onReply), { autofocus: true })}
                  {canCopy && item(strings.copyText, choose(onCopy))}
                  {canEdit && item(strings.edit, choose(onEdit))}
                  {canDelete &&
                    item(strings.delete, () => setConfirming(true), {
                      danger: true,
                    })}
                </>
              )}
            </ActionMenu>
          </div>
        )}
      </div>
    );
  },
);
