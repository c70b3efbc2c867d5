'use client';
import { useStrings } from '../../i18n/strings-context';

/**
 * "New messages" above the first message that was unread when the
 * conversation opened: plain text in the message's row, so a screen reader
 * reading down the list meets it just before that message.
 */
export function UnreadDivider() {
  const { strings } = useStrings();
  return (
    <div className="banter-unread-divider" data-unread-divider="">
      <span>{strings.unreadDivider}</span>
    </div>
  );
}
