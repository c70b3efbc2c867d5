'use client';
import { useId, useState } from 'react';
import { useBlocked } from '../hooks/use-blocked';
import { useChatClient } from '../hooks/use-chat-state';
import { useStrings } from '../i18n/strings-context';
import { ActionMenu, type MenuCloseReason } from './ActionMenu';

/** The open conversation menu: who it acts on, its id, and how it closes. */
export interface ConversationMenuPanelProps {
  /** The other person of the direct conversation. */
  otherUserId: string;
  /** The menu's id, which the trigger's `aria-controls` names. */
  id: string;
  /** Asks to close: with a reason from the menu, or none after an item was chosen. */
  onClose: (reason?: MenuCloseReason, target?: Node) => void;
}

/**
 * The header menu's content: Block (confirmed inside the menu) or Unblock.
 * Its own chunk with the message menu, fetched when a first menu opens.
 */
export function ConversationMenuPanel({ otherUserId, id, onClose }: ConversationMenuPanelProps) {
  const { strings } = useStrings();
  const client = useChatClient();
  const blocked = useBlocked(otherUserId);
  const [confirming, setConfirming] = useState(false);
  const questionId = useId();
  const item = (label: string, action: () => void, danger = false) => (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className="banter-menu__item"
      data-danger={danger || undefined}
      onClick={action}
    >
      {label}
    </button>
  );
  return (
    <>
      {confirming && (
        <p id={questionId} className="banter-message-actions__question">
          {strings.blockConfirm}
        </p>
      )}
      <ActionMenu
        id={id}
        label={confirming ? strings.blockConfirm : strings.conversationActions}
        aria-labelledby={confirming ? questionId : undefined}
        onClose={onClose}
      >
        {confirming ? (
          <>
            {item(
              strings.block,
              () => {
                client.blockUser(otherUserId);
                onClose();
              },
              true,
            )}
            {item(strings.cancel, () => setConfirming(false))}
          </>
        ) : blocked ? (
          item(strings.unblock, () => {
            client.unblockUser(otherUserId);
            onClose();
          })
        ) : (
          item(strings.block, () => setConfirming(true), true)
        )}
      </ActionMenu>
    </>
  );
}
