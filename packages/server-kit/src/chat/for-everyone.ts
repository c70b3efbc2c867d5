import type { Message } from '@banter/core/protocol';

/**
 * A message as an event to a whole conversation carries it: without `reacted`,
 * which is one viewer's fact. Storage reads a message for the user who asked (their
 * ack says what they reacted with); every other receiver keeps what it knew.
 */
export function forEveryone(message: Message): Message {
  if (message.reactions.every((reaction) => reaction.reacted === undefined)) return message;
  return {
    ...message,
    reactions: message.reactions.map(({ reacted: _reacted, ...shared }) => shared),
  };
}
