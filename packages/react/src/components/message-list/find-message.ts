import type { Message } from '@banter/core';

/** An id index per messages array: the arrays are immutable, so one index serves every reply on screen. */
const indexes = new WeakMap<readonly Message[], Map<string, Message>>();

/** The message with this id among those held, or undefined; O(1) after the first look-up in an array. */
export function findMessage(
  messages: readonly Message[] | undefined,
  id: string | null,
): Message | undefined {
  if (!messages || !id) return undefined;
  let index = indexes.get(messages);
  if (!index) {
    index = new Map(messages.map((message) => [message.id, message]));
    indexes.set(messages, index);
  }
  return index.get(id);
}

/** The list key of a held message: the same key its row has (`MessageView.key`). */
export function keyOf(message: Pick<Message, 'senderId' | 'clientId'>): string {
  return `${message.senderId}\u0000${message.clientId}`;
}
