'use client';
import { useState } from 'react';
import { useStrings } from '../i18n/strings-context';
import { MenuButton } from './MenuButton';
import { useConversationAction } from './use-conversation-action';

/** Which conversation the menu acts on. */
export interface ConversationMenuProps {
  /** The conversation: mute, archive and (a group) leave act on it. */
  conversationId: string;
  /** The other person of a direct conversation: Block or Unblock them. */
  otherUserId?: string;
  /** The class name block of the trigger and popover; the header's by default. */
  block?: string;
  /** The trigger's tab stop. */
  triggerTabIndex?: number;
  /** Whether the menu is open, when the caller controls it (a list row opens it from the keyboard). */
  open?: boolean;
  /** Told when the menu asks to open or close, when the caller controls it. */
  onOpenChange?: (open: boolean) => void;
  /** Hides the trigger from assistive technology (a list row's, reached from the row instead). */
  'aria-hidden'?: boolean;
}

/**
 * A conversation's menu button (the header's, and each row's in the list):
 * Mute or Unmute, Archive or Unarchive, Leave group (confirmed first) and, in
 * a direct conversation, Block or Unblock. The menu comes with the message
 * menu's chunk; while an action is on its way the trigger is marked busy, and
 * a failed one is said next to it.
 */
export function ConversationMenu({
  conversationId,
  otherUserId,
  block = 'banter-conversation-menu',
  triggerTabIndex,
  open: controlledOpen,
  onOpenChange,
  'aria-hidden': ariaHidden,
}: ConversationMenuProps) {
  const { strings } = useStrings();
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  const action = useConversationAction();
  return (
    <>
      <MenuButton
        block={block}
        label={strings.conversationActions}
        open={open}
        onOpenChange={setOpen}
        vertical
        triggerTabIndex={triggerTabIndex}
        aria-busy={action.pending || undefined}
        aria-hidden={ariaHidden}
        renderMenu={(module, id, onClose) => (
          <module.ConversationMenuPanel
            conversationId={conversationId}
            otherUserId={otherUserId}
            run={action.run}
            id={id}
            onClose={onClose}
          />
        )}
      />
      {action.failed && (
        <span className={`${block}__failed`} role="alert">
          {strings.conversationActionFailed}
        </span>
      )}
    </>
  );
}
