'use client';
import { useStrings } from '../../i18n/strings-context';

/** The button that brings the unread divider back into view; the list shows it only while the divider is off screen. */
export function JumpToFirstUnread({ onJump }: { onJump: () => void }) {
  const { strings } = useStrings();
  return (
    <button type="button" className="banter-message-list__first-unread" onClick={onJump}>
      {strings.jumpToFirstUnread}
    </button>
  );
}
