'use client';
import type { MessageView } from '@banter/core';
import { memo, useState } from 'react';
import { useBlocked } from '../../hooks/use-blocked';
import { useChatState } from '../../hooks/use-chat-state';
import { formatDay } from '../../i18n/format';
import { useStrings } from '../../i18n/strings-context';
import { useChunk } from '../../utils/lazy-chunk';
import { menuChunk } from '../menu-chunk';
import { SystemNotice } from '../SystemNotice';
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

/**
 * One row of the list: a day separator, a host's notice, or a message (collapsed
 * when it comes from someone the viewer blocked, in a group). Memoized so
 * unchanged rows skip rendering.
 */
export const MessageRow = memo(function MessageRow(props: MessageRowProps) {
  const { item, tabbable } = props;
  if (item.kind === 'day') return <DaySeparator iso={item.iso} />;
  if (item.message.kind === 'system')
    return <SystemNotice message={item.message} tabIndex={tabbable ? 0 : -1} />;
  return <SenderMessage {...props} message={item.message} />;
});

/** A person's message; one from someone the viewer blocks is collapsed in a group until shown. */
function SenderMessage({
  item,
  message,
  showSenderNames,
  tabbable,
  highlighted,
  onRetry,
  onDiscard,
  onJumpTo,
}: MessageRowProps & { message: MessageView }) {
  const inGroup = useChatState(
    (state) => state.conversations[message.conversationId]?.kind === 'group',
  );
  const blocked = useBlocked(message.own ? undefined : message.senderId);
  const [shown, setShown] = useState(false);
  if (item.kind === 'day') return null;
  if (blocked && inGroup && !shown)
    return <Collapsed onShow={() => setShown(true)} tabIndex={tabbable ? 0 : -1} />;
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
      inGroup={inGroup}
      senderBlocked={blocked}
    />
  );
}

function DaySeparator({ iso }: { iso: string }) {
  const { strings, locale } = useStrings();
  return (
    <div className="banter-day-separator">
      <time dateTime={iso}>{formatDay(iso, locale, strings)}</time>
    </div>
  );
}

/**
 * The collapsed message, once its code is here (with the menus'); until
 * then an empty row in its place: the message itself is never shown first.
 */
function Collapsed(props: { onShow: () => void; tabIndex: number }) {
  const { module } = useChunk(menuChunk);
  if (module) return <module.BlockedMessage {...props} />;
  return <div className="banter-message banter-notice" tabIndex={props.tabIndex} />;
}
