import type { UserProfile } from '@banter/core/protocol';

/**
 * Sender ids Banter reserves for messages no user wrote. They all start with `banter:`,
 * and a token naming such a user id is refused (`unauthenticated`), so no one can act as
 * the system, a bot, or an erased user.
 */
const reservedPrefix = 'banter:';

/** The `senderId` of a message posted `as: 'system'` (stored with kind `system`). */
export const systemSenderId = 'banter:system';

/** The `senderId` messages of an erased user get with `eraseUser(id, { messages: 'anonymize' })` (and their deleted ones). */
export const erasedSenderId = 'banter:erased';

/**
 * The `senderId` of a message posted `as: { botId }`: `banter:bot:<botId>`. Clients ask
 * the host's `getUsers` hook for that id to show the bot's name and avatar.
 *
 * @example
 * getUsers: (ids) => ids.map((id) => id === botSenderId('helper')
 *   ? { id, name: 'Helper', avatarUrl: '/helper.png' } : profiles.get(id))
 */
export function botSenderId(botId: string): string {
  return `${botPrefix}${botId}`;
}

const botPrefix = `${reservedPrefix}bot:`;

/**
 * What clients are shown for one of Banter's ids when the host's `getUsers` does not name it:
 * better than the raw id. Hosts name them (in the user's language) by answering these ids.
 */
export function reservedProfile(userId: string): UserProfile | null {
  if (userId === systemSenderId) return { id: userId, name: 'System' };
  if (userId === erasedSenderId) return { id: userId, name: 'Deleted user' };
  if (userId.startsWith(botPrefix)) return { id: userId, name: userId.slice(botPrefix.length) };
  return null;
}

/** Whether a user id is one of Banter's own (system, bots, erased), which no token may name. */
export function isReservedUserId(userId: string): boolean {
  return userId.startsWith(reservedPrefix);
}
