import type { Attachment, MessageKind } from '@banter/core';
import type { BanterStrings } from '../i18n/strings';

/**
 * One line that stands for a message in a quote: its first line of text, or
 * for an attachment without text, what it is ("Image: harbour.jpg").
 */
export function excerptOf(
  message: { body: string; kind: MessageKind; attachments: Attachment[] },
  strings: Pick<BanterStrings, 'image' | 'attachment'>,
): string {
  const line = message.body.split('\n').find((part) => part.trim() !== '');
  if (line) return line.trim();
  const first = message.attachments[0];
  if (message.kind === 'image') return strings.image(first?.name ?? '');
  return first?.name ?? strings.attachment;
}
