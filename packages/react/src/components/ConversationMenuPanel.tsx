'use client';
import { type ReactNode, useId, useState } from 'react';
import { useBlocked } from '../hooks/use-blocked';
import { useChatClient, useChatState } from '../hooks/use-chat-state';
import { useStrings } from '../i18n/strings-context';
import { ActionMenu, type MenuCloseReason } from './ActionMenu';

/** The open conversation menu: what it acts on, its id, and how it closes. */
export interface ConversationMenuPanelProps {
  /** The conversation: mute, archive and (a group) leave act on it. */
  conversationId: string;
  /** The other person of a direct conversation: Block or Unblock. */
  otherUserId?: string;
  /** Runs a conversation call so the trigger can show it pending or failed. */
  run: (action: () => Promise<unknown>) => void;
  /** The menu's id, which the trigger's `aria-controls` names. */
  id: string;
  /** Asks to close: with a reason from the menu, or none after an item was chosen. */
  onClose: (reason?: MenuCloseReason, target?: Node) => void;
}

/**
 * The conversation menu's content: Mute/Unmute, Archive/Unarchive, Leave
 * group and Block/Unblock. Leaving and blocking ask first, inside the menu
 * (focus goes to Cancel, the safe answer). Its own chunk with the message
 * menu, fetched when a first menu opens.
 */
export function ConversationMenuPanel({
  conversationId,
  otherUserId,
  run,
  id,
  onClose,
}: ConversationMenuPanelProps) {
  const { strings } = useStrings();
  const client = useChatClient();
  const conversation = useChatState((state) => state.conversations[conversationId]);
  const blocked = useBlocked(otherUserId);
  const [confirming, setConfirming] = useState<'block' | 'leave' | null>(null);
  const questionId = useId();
  const item = (label: string, action: () => void, danger = false, autofocus = false) => (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className="banter-menu__item"
      data-danger={danger || undefined}
      data-autofocus={autofocus || undefined}
      onClick={action}
    >
      {label}
    </button>
  );
  const act = (action: () => Promise<unknown>) => {
    run(action);
    onClose();
  };
  const question = confirming === 'leave' ? strings.leaveConfirm : strings.blockConfirm;
  const muted = conversation?.muted ?? false;
  const archived = conversation?.archived ?? false;

  let items: ReactNode;
  if (confirming === 'leave') {
    items = (
      <>
        {item(strings.leave, () => act(() => client.leaveConversation(conversationId)), true)}
        {item(strings.cancel, () => setConfirming(null), false, true)}
      </>
    );
  } else if (confirming === 'block' && otherUserId) {
    items = (
      <>
        {item(
          strings.block,
          () => {
            client.blockUser(otherUserId);
            onClose();
          },
          true,
        )}
        {item(strings.cancel, () => setConfirming(null))}
      </>
    );
  } else {
    items = (
      <>
        {conversation &&
          item(muted ? strings.unmute : strings.mute, () =>
            act(() => client.muteConversation(conversationId, !muted)),
          )}
        {conversation &&
          item(archived ? strings.unarchive : strings.archive, () =>
            act(() => client.archiveConversation(conversationId, !archived)),
          )}
        {conversation?.kind === 'group' &&
          item(strings.leaveGroup, () => setConfirming('leave'), true)}
        {otherUserId &&
          (blocked
            ? item(strings.unblock, () => {
                client.unblockUser(otherUserId);
                onClose();
              })
            : item(strings.block, () => setConfirming('block'), true))}
      </>
    );
  }
  return (
    <>
      {confirming && (
        <p id={questionId} className="banter-message-actions__question">
          {question}
        </p>
      )}
      <ActionMenu
        id={id}
        label={confirming ? question : strings.conversationActions}
        aria-labelledby={confirming ? questionId : undefined}
        onClose={onClose}
      >
        {items}
      </ActionMenu>
    </>
  );
}
