'use client';
import { memo } from 'react';
import { useUser } from '../../hooks/use-user';
import { formatDay } from '../../i18n/format';
import { useStrings } from '../../i18n/strings-context';
import { MessageBubble } from '../MessageBubble';
import type { ListItem } from './list-items';

interface MessageRowProps {
  item: ListItem;
  showSenderNames: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** One row of the list: a day separator or a message. Memoized so unchanged rows skip rendering. */
export const MessageRow = memo(function MessageRow({
  item,
  showSenderNames,
  onRetry,
  onDiscard,
}: MessageRowProps) {
  if (item.kind === 'day') return <DaySeparator iso={item.iso} />;
  return (
    <MessageWithSender
      item={item}
      showSenderName={showSenderNames && item.startsGroup && !item.message.own}
      onRetry={onRetry}
      onDiscard={onDiscard}
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

function MessageWithSender({
  item,
  showSenderName,
  onRetry,
  onDiscard,
}: {
  item: Extract<ListItem, { kind: 'message' }>;
  showSenderName: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}) {
  const sender = useUser(showSenderName ? item.message.senderId : undefined);
  return (
    <MessageBubble
      message={item.message}
      senderName={showSenderName ? (sender?.name ?? item.message.senderId) : undefined}
      startsGroup={item.startsGroup}
      endsGroup={item.endsGroup}
      onRetry={onRetry}
      onDiscard={onDiscard}
    />
  );
}
