'use client';
import { useId, useRef, useState } from 'react';
import { useBlocked } from '../hooks/use-blocked';
import { useChatClient } from '../hooks/use-chat-state';
import { useStrings } from '../i18n/strings-context';
import { ActionMenu, type MenuCloseReason } from './ActionMenu';

/**
 * The header's menu for a direct conversation: Block (confirmed inside the
 * menu) or Unblock the other person.
 */
export function ConversationMenu({ otherUserId }: { otherUserId: string }) {
  const { strings } = useStrings();
  const client = useChatClient();
  const blocked = useBlocked(otherUserId);
  const [view, setView] = useState<'closed' | 'actions' | 'confirm'>('closed');
  const trigger = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const questionId = useId();
  const close = (reason?: MenuCloseReason, target?: Node) => {
    if (target && trigger.current?.contains(target)) return;
    setView('closed');
    if (reason !== 'tab' && reason !== 'outside') trigger.current?.focus();
  };
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
    <div className="banter-conversation-menu" data-state={view === 'closed' ? 'closed' : 'open'}>
      <button
        ref={trigger}
        type="button"
        className="banter-conversation-menu__trigger"
        aria-label={strings.conversationActions}
        aria-haspopup="menu"
        aria-expanded={view !== 'closed'}
        aria-controls={view !== 'closed' ? menuId : undefined}
        onClick={() => setView(view === 'closed' ? 'actions' : 'closed')}
      >
        <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" focusable="false">
          <circle cx="8" cy="3" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="8" cy="13" r="1.5" />
        </svg>
      </button>
      {view !== 'closed' && (
        <div className="banter-conversation-menu__popover">
          {view === 'confirm' && (
            <p id={questionId} className="banter-message-actions__question">
              {strings.blockConfirm}
            </p>
          )}
          <ActionMenu
            id={menuId}
            label={view === 'confirm' ? strings.blockConfirm : strings.conversationActions}
            aria-labelledby={view === 'confirm' ? questionId : undefined}
            onClose={close}
          >
            {view === 'confirm' ? (
              <>
                {item(
                  strings.block,
                  () => {
                    client.blockUser(otherUserId);
                    close();
                  },
                  true,
                )}
                {item(strings.cancel, () => setView('actions'))}
              </>
            ) : blocked ? (
              item(strings.unblock, () => {
                client.unblockUser(otherUserId);
                close();
              })
            ) : (
              item(strings.block, () => setView('confirm'), true)
            )}
          </ActionMenu>
        </div>
      )}
    </div>
  );
}
