'use client';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useStrings } from '../i18n/strings-context';
import { type ActionsCloseReason, MenuButton } from './MenuButton';

export type { ActionsCloseReason } from './MenuButton';

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

/**
 * A message's actions: a trigger button and, when open, a menu with the
 * quick reactions and "More reactions" (the full picker, loaded on first
 * use), Reply, Copy text, for one's own messages Edit and Delete (which
 * asks for confirmation inside the menu), and for others' Report and, in a
 * group, Block. The open menu is its own chunk, fetched when a first menu
 * opens (a status shows meanwhile). Opening it is also up to the message
 * (focus and Enter, long-press): the state is the caller's.
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
    const panelProps = {
      onOpenChange,
      reacted,
      canReply,
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
    };
    return (
      <MenuButton
        ref={ref}
        block="banter-message-actions"
        className={className}
        label={strings.messageActions}
        open={open}
        onOpenChange={onOpenChange}
        triggerTabIndex={triggerTabIndex}
        side={side}
        renderMenu={(module, id, onClose) => (
          <module.MessageActionsPanel id={id} onClose={onClose} {...panelProps} />
        )}
        {...props}
      />
    );
  },
);
