import { ChatError, idProblem, protocolLimits, textProblem } from '@banter/core/protocol';
import type { Broadcaster } from '../chat/broadcaster';
import type { Storage } from '../storage/storage';

/** What `Bans` works with: the store every node shares, and the way to reach sockets on every node. */
export interface BansOptions {
  /** Where bans are kept; every node reads them from here. */
  storage: Storage;
  /** Reaches the banned user's sockets on every node (through the Socket.IO adapter). */
  broadcaster: () => Broadcaster;
  /** The clock. */
  now: () => Date;
}

/** What `ban` takes besides the user. */
export interface BanOptions {
  /** Why, at most 500 characters: the user is shown it when refused, and it is kept with the ban. */
  reason?: string;
}

/**
 * The host's bans. A ban is a row in the shared store, so the handshake and the
 * REST check of every node see it as soon as it commits; nothing is cached. Banning
 * also ends the user's open sessions on every node: `session:ended` to each of
 * their sockets, then a disconnect, both through the adapter.
 */
export class Bans {
  readonly #o: BansOptions;

  constructor(options: BansOptions) {
    this.#o = options;
  }

  /**
   * Bans a user and disconnects all their sockets. Banning a banned user again
   * keeps the ban (taking the new reason) and disconnects anything left.
   */
  async ban(userId: string, options: BanOptions = {}): Promise<{ banned: true; created: boolean }> {
    checkUserId(userId, 'ban');
    const reason = checkReason(options.reason);
    const created = await this.#o.storage.banUser(userId, reason, this.#o.now());
    // After the commit: a socket that joins its user room later finds the ban when it checks
    // again there (attach.ts), one that joined before gets this.
    this.#o.broadcaster().endSessions(userId, bannedError(reason).toPayload());
    return { banned: true, created };
  }

  /** Lifts a ban: the user may connect and call again at once. Unbanning someone not banned is no error. */
  async unban(userId: string): Promise<{ banned: false; removed: boolean }> {
    checkUserId(userId, 'unban');
    return { banned: false, removed: await this.#o.storage.unbanUser(userId) };
  }

  /** Whether the user is banned now. */
  async isBanned(userId: string): Promise<boolean> {
    return (await this.#o.storage.getBan(userId)) !== null;
  }

  /** Throws `banned` (with the ban's reason) when the user is banned. */
  async assertNotBanned(userId: string): Promise<void> {
    const ban = await this.#o.storage.getBan(userId);
    if (ban) throw bannedError(ban.reason);
  }
}

/** The refusal a banned user gets everywhere: handshake, REST, and `session:ended`. */
function bannedError(reason: string | null): ChatError {
  return new ChatError('banned', reason ? `you are banned: ${reason}` : 'you are banned');
}

function checkUserId(userId: unknown, action: string) {
  const problem = typeof userId === 'string' ? idProblem(userId) : 'must be a string';
  if (problem !== null) {
    throw new ChatError('bad_request', `unable to ${action} user: userId ${problem}`, {
      issues: [{ path: 'userId', message: problem }],
    });
  }
}

function checkReason(reason: unknown): string | null {
  if (reason === undefined) return null;
  const problem =
    typeof reason !== 'string'
      ? 'must be a string'
      : (textProblem(reason) ??
        (reason.length > protocolLimits.reportReasonLength
          ? `at most ${protocolLimits.reportReasonLength} characters`
          : null));
  if (problem !== null) {
    throw new ChatError('bad_request', `unable to ban user: reason ${problem}`, {
      issues: [{ path: 'reason', message: problem }],
    });
  }
  const trimmed = (reason as string).trim();
  return trimmed === '' ? null : trimmed;
}
