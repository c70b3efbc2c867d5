'use client';
import { useState } from 'react';
import { useStrings } from '../i18n/strings-context';
import { MenuButton } from './MenuButton';

/**
 * The header's menu button for a direct conversation; the menu (Block, with
 * a confirmation, or Unblock) is fetched with the message menu's chunk.
 */
export function ConversationMenu({ otherUserId }: { otherUserId: string }) {
  const { strings } = useStrings();
  const [open, setOpen] = useState(false);
  return (
    <MenuButton
      block="banter-conversation-menu"
      label={strings.conversationActions}
      open={open}
      onOpenChange={setOpen}
      vertical
      renderMenu={(module, id, onClose) => (
        <module.ConversationMenuPanel otherUserId={otherUserId} id={id} onClose={onClose} />
      )}
    />
  );
}
