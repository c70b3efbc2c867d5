'use client';
import { memo } from 'react';
import { formatDay } from '../../i18n/format';
import { useStrings } from '../../i18n/strings-context';
import type { ListItem } from './list-items';
import { MessageItem } from './MessageItem';

interface MessageRowProps {
  item: ListItem;
  showSenderNames: boolean;
  /** Whether this row's message is the one in the tab order. */
  tabbable: boolean;
  highlighted: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onJumpTo: (messageId: string) => void;
}

/** One row of the list: a day separator or a message. Memoized so unchanged rows skip rendering. */
export const MessageRow = memo(function MessageRow({
  item,
  showSenderNames,
  tabbable,
  highlighted,
  onRetry,
  onDiscard,
  onJumpTo,
}: MessageRowProps) {
  if (item.kind === 'day') return <DaySeparator iso={item.iso} />;
  return (
    <MessageItem
      message={item.message}
      showSenderName={showSenderNames && item.startsGroup && !item.message.own}
      startsGroup={item.startsGroup}
      endsGroup={item.endsGroup}
      tabbable={tabbable}
      highlighted={highlighted}
      onRetry={onRetry}
      onDiscard={onDiscard}
      onJumpTo={onJumpTo}
    />
  );
});

function DaySeparator({ iso }: { iso: string }) {
  const { strings, locale } = useStrings();
  return (
    <div className="banter-day-separator">
      <time dateTime={iso}>{formatDay(iso, locale, strings)}</time>
    </div>
  );
}
