'use client';
import { type ComponentPropsWithoutRef, forwardRef, useId, useRef, useState } from 'react';
import { useStrings } from '../i18n/strings-context';
import { cx } from '../utils/cx';
import { quickReactions, sameEmoji } from '../utils/emoji';
import { ActionMenu, type MenuCloseReason } from './ActionMenu';
import { ReactionPicker } from './ReactionPicker';

/** Why the menu closed: an item was chosen, or one of the menu's own reasons. */
export type ActionsCloseReason = MenuCloseReason | 'select';

/** The actions menu of one message: quick reactions, Reply, Copy, Edit and Delete. */
export interface MessageActionsMenuProps extends ComponentPropsWithoutRef<'div'> {
  /** Whether the menu is open (controlled). */
  open: boolean;
  /** Called when the menu asks to open or close, with why it closed. */
  onOpenChange: (open: boolean, reason?: ActionsCloseReason) => void;
  /** Emoji the reader already reacted with: choosing one of them again removes it. */
  reacted: string[];
  /** Whether Reply is offered. */
  canReply?: boolean;
  /** Offer Copy text (the message has text). */
  canCopy: boolean;
  /** Offer Edit (an own text message). */
  canEdit: boolean;
  /** Offer Delete (an own message). */
  canDelete: boolean;
  /** Reply was chosen. */
  onReply: () => void;
  /** A reaction was toggled: `add` is false when removing yours. */
  onReact: (emoji: string, add: boolean) => void;
  /** Copy text was chosen. */
  onCopy: () => void;
  /** Edit was chosen. */
  onEdit: () => void;
  /** Delete was confirmed. */
  onDelete: () => void;
  /** Offer Report (someone else's message); `onReport` opens the report dialog. */
  onReport?: () => void;
  /**
   * Offer Block (asks for confirmation in the menu) or Unblock for the
   * sender: someone else's message in a group. Unset offers neither.
   */
  senderBlock?: 'block' | 'unblock';
  /** Block was confirmed, or Unblock chosen. */
  onToggleBlock?: () => void;
  /** The trigger's tab stop: only the focused message's trigger is in the tab order. */
  triggerTabIndex?: number;
  /** Which side of the message the menu opens on, so it stays inside the list. */
  side?: 'top' | 'bottom';
  /**
   * Where the full emoji picker fetches its data: a copy of the `emojibase-data`
   * package's JSON (`${url}/${locale}/data.json`). A public CDN when unset.
   */
  emojibaseUrl?: string;
}

/** What the open menu shows: its actions, a confirmation, or the full emoji picker. */
type MenuView = 'actions' | 'confirmDelete' | 'confirmBlock' | 'picker';

/**
 * A message's actions: a trigger button and, when open, a menu with the
 * quick reactions and "More reactions" (the full picker, loaded on first
 * use), Reply, Copy text, and for one's own messages Edit and Delete (which
 * asks for confirmation inside the menu). Opening it is also up to the
 * message (focus and Enter, long-press): the state is the caller's.
 */
export const MessageActionsMenu = forwardRef<HTMLDivElement, MessageActionsMenuProps>(
  function MessageActionsMenu(
    {
      open,
      onOpenChange,
      reacted,
      canReply = true,
      canCopy,
      canEdit,
      canDelete,
      onReply,
      onReact,
      onCopy,
      onEdit,
      onDelete,
      onReport,
      senderBlock,
      onToggleBlock,
      triggerTabIndex,
      side = 'bottom',
      emojibaseUrl,
      className,
      ...props
    },
    ref,
  ) {
    const { strings } = useStrings();
    const [view, setView] = useState<MenuView>('actions');
    // Back from the picker, focus returns to "More reactions" rather than Reply.
    const [backFromPicker, setBackFromPicker] = useState(false);
    const trigger = useRef<HTMLButtonElement>(null);
    const menuId = useId();
    const questionId = useId();
    if (!open && (view !== 'actions' || backFromPicker)) {
      setView('actions');
      setBackFromPicker(false);
    }
    const confirming = view === 'confirmDelete' || view === 'confirmBlock';
    const question = view === 'confirmBlock' ? strings.blockConfirm : strings.deleteConfirm;

    const choose = (action: () => void) => () => {
      action();
      onOpenChange(false, 'select');
    };
    const onClose = (reason: MenuCloseReason, target?: Node) => {
      // A press on the trigger is its own toggle: closing here too would reopen it there.
      if (target && trigger.current?.contains(target)) return;
      onOpenChange(false, reason);
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
            {view === 'picker' ? (
              <ReactionPicker
                id={menuId}
                reacted={reacted}
                emojibaseUrl={emojibaseUrl}
                onReact={(emoji, add) => choose(() => onReact(emoji, add))()}
                onBack={() => {
                  setView('actions');
                  setBackFromPicker(true);
                }}
                onClose={onClose}
              />
            ) : (
              <>
                {confirming && (
                  <p id={questionId} className="banter-message-actions__question">
                    {question}
                  </p>
                )}
                <ActionMenu
                  id={menuId}
                  label={confirming ? question : strings.messageActions}
                  aria-labelledby={confirming ? questionId : undefined}
                  onClose={onClose}
                >
                  {confirming ? (
                    <>
                      {view === 'confirmBlock'
                        ? item(
                            strings.block,
                            choose(() => onToggleBlock?.()),
                            { danger: true },
                          )
                        : item(strings.deleteConfirmAction, choose(onDelete), { danger: true })}
                      {item(strings.cancel, () => setView('actions'), { autofocus: true })}
                    </>
                  ) : (
                    <>
                      {/* biome-ignore lint/a11y/useSemanticElements: a menu's group of items is an ARIA group; a fieldset is a form control group */}
                      <div
                        role="group"
                        aria-label={strings.react}
                        className="banter-menu__reactions"
                      >
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
                        <button
                          type="button"
                          role="menuitem"
                          aria-haspopup="dialog"
                          aria-label={strings.moreReactions}
                          title={strings.moreReactions}
                          tabIndex={-1}
                          className="banter-menu__emoji banter-menu__more"
                          data-autofocus={backFromPicker || undefined}
                          onClick={() => setView('picker')}
                        >
                          <svg
                            viewBox="0 0 16 16"
                            fill="none"
                            stroke="currentColor"
                            strokeWidth="1.5"
                            strokeLinecap="round"
                            aria-hidden="true"
                            focusable="false"
                          >
                            <circle cx="7" cy="9" r="5.25" />
                            <path d="M5 10.5c.5.75 1.2 1.1 2 1.1s1.5-.35 2-1.1M13 1v4M11 3h4" />
                            <circle cx="5.25" cy="7.5" r=".6" fill="currentColor" stroke="none" />
                            <circle cx="8.75" cy="7.5" r=".6" fill="currentColor" stroke="none" />
                          </svg>
                        </button>
                      </div>
                      {canReply &&
                        item(strings.reply, choose(onReply), { autofocus: !backFromPicker })}
                      {canCopy && item(strings.copyText, choose(onCopy))}
                      {canEdit && item(strings.edit, choose(onEdit))}
                      {canDelete &&
                        item(strings.delete, () => setView('confirmDelete'), {
                          danger: true,
                        })}
                      {onReport && item(strings.report, choose(onReport))}
                      {senderBlock === 'unblock' &&
                        item(
                          strings.unblock,
                          choose(() => onToggleBlock?.()),
                        )}
                      {senderBlock === 'block' &&
                        item(strings.block, () => setView('confirmBlock'), { danger: true })}
                    </>
                  )}
                </ActionMenu>
              </>
            )}
          </div>
        )}
      </div>
    );
  },
);
