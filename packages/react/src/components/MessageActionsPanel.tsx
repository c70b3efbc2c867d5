'use client';
import { useId, useState } from 'react';
import { useStrings } from '../i18n/strings-context';
import { quickReactions, sameEmoji } from '../utils/emoji';
import { ActionMenu, type MenuCloseReason } from './ActionMenu';
import type { MessageActionsMenuProps } from './MessageActionsMenu';
import { ReactionPicker } from './ReactionPicker';

/** What the open menu shows: its actions, a confirmation, or the full emoji picker. */
type MenuView = 'actions' | 'confirmDelete' | 'confirmBlock' | 'picker';

/** The open menu's content: what MessageActionsMenu passes on, with its id and close handler. */
export type MessageActionsPanelProps = Omit<
  MessageActionsMenuProps,
  'open' | 'triggerTabIndex' | 'side'
> & {
  /** The menu's id, which the trigger's `aria-controls` names. */
  id: string;
  /** The menu asks to close (Escape, Tab, a press outside). */
  onClose: (reason?: MenuCloseReason, target?: Node) => void;
};

/**
 * The open actions menu: quick reactions and "More reactions" (the full
 * picker), Reply, Copy text, Edit, Delete (confirmed inside the menu), Report,
 * and Block or Unblock a group member (Block confirmed). Its own chunk,
 * fetched when a first menu opens; each opening starts at the actions.
 */
export function MessageActionsPanel({
  id: menuId,
  onClose,
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
  emojibaseUrl,
}: MessageActionsPanelProps) {
  const { strings } = useStrings();
  const [view, setView] = useState<MenuView>('actions');
  // Back from the picker, focus returns to "More reactions" rather than Reply.
  const [backFromPicker, setBackFromPicker] = useState(false);
  const questionId = useId();
  const confirming = view === 'confirmDelete' || view === 'confirmBlock';
  const question = view === 'confirmBlock' ? strings.blockConfirm : strings.deleteConfirm;

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

  return view === 'picker' ? (
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
            {canReply && item(strings.reply, choose(onReply), { autofocus: !backFromPicker })}
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
  );
}
