'use client';
import type { Conversation } from '@banter/core';
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { useStrings } from '../i18n/strings-context';
import { ConversationMenu } from './ConversationMenu';
import { otherParticipantId } from './ConversationRow';
import { DotsIcon } from './DotsIcon';

/** The header menu's classes: a row's menu looks the same, placed by the entry (conversation-actions.css). */
const block = 'banter-conversation-menu';

/**
 * A conversation list's row with its menu (Mute, Archive, Leave group,
 * Block). A listbox's options hold no controls, so the keyboard opens the
 * menu from the focused row itself, with the context-menu key or Shift+F10
 * (as on a message), and Escape brings focus back to the row. The dots button
 * beside the row is for pointers; it is hidden from assistive technology and
 * the tab order, which reach the same menu from the row. Until a row's menu
 * is first used the row holds only that plain button: a list of 500 rows
 * stays cheap.
 */
export function ConversationRowMenu({
  conversation,
  row,
}: {
  conversation: Conversation;
  /** The row itself (the option). */
  row: ReactNode;
}) {
  const { strings } = useStrings();
  const [open, setOpen] = useState(false);
  // Once used, the menu stays mounted: a failed action is said beside the row after the menu closes.
  const [used, setUsed] = useState(false);
  const openMenu = () => {
    setUsed(true);
    setOpen(true);
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).getAttribute('role') !== 'option') return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      openMenu();
    }
  };
  return (
    <div className="banter-conversation-list__entry" role="none" onKeyDown={handleKeyDown}>
      {row}
      {used ? (
        <RowMenu conversation={conversation} open={open} onOpenChange={setOpen} />
      ) : (
        <div className={block} data-state="closed" aria-hidden="true">
          <button
            type="button"
            className={`${block}__trigger`}
            aria-label={strings.conversationActions}
            tabIndex={-1}
            onClick={openMenu}
          >
            <DotsIcon vertical />
          </button>
        </div>
      )}
    </div>
  );
}

function RowMenu({
  conversation,
  open,
  onOpenChange,
}: {
  conversation: Conversation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const me = useChatState((state) => state.userId);
  const otherUserId =
    conversation.kind === 'direct' ? otherParticipantId(conversation, me) : undefined;
  return (
    <ConversationMenu
      conversationId={conversation.id}
      otherUserId={otherUserId}
      block={block}
      triggerTabIndex={-1}
      open={open}
      onOpenChange={onOpenChange}
      // The trigger is the pointer's way in; while the menu is open it is shown to all.
      aria-hidden={open ? undefined : true}
    />
  );
}
