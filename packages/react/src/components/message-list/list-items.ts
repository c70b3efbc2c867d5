import type { MessageView } from '@banter/core';
import { dayKey } from '../../i18n/format';

export type ListItem =
  | { kind: 'day'; key: string; iso: string }
  | {
      kind: 'message';
      key: string;
      message: MessageView;
      /** First of a run of consecutive messages from one sender: shows the name. */
      startsGroup: boolean;
      /** Last of the run: shows the avatar and the rounded tail. */
      endsGroup: boolean;
    };

/** Messages more than this far apart start a new group even from the same sender. */
const groupGapMs = 5 * 60_000;

/**
 * Turns a conversation's rows into list items: a separator before each new
 * day, and each message marked with where it sits in its sender's run.
 */
export function buildItems(messages: MessageView[]): ListItem[] {
  const items: ListItem[] = [];
  let previousDay = '';
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as MessageView;
    const day = dayKey(message.createdAt);
    if (day !== previousDay) {
      items.push({ kind: 'day', key: `day:${day}`, iso: message.createdAt });
      previousDay = day;
    }
    const before = messages[i - 1];
    const after = messages[i + 1];
    items.push({
      kind: 'message',
      key: message.key,
      message,
      startsGroup: !before || !sameGroup(before, message),
      endsGroup: !after || !sameGroup(message, after),
    });
  }
  return items;
}

function sameGroup(a: MessageView, b: MessageView): boolean {
  return (
    a.senderId === b.senderId &&
    dayKey(a.createdAt) === dayKey(b.createdAt) &&
    Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) < groupGapMs
  );
}
