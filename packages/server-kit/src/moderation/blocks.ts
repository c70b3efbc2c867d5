import { ChatError, type Presence } from '@banter/core/protocol';
import type { Broadcaster } from '../chat/broadcaster';
import { Batcher } from '../storage/batcher';
import type { SendBlocks, SendCheck } from '../storage/moderation';
import type { Storage } from '../storage/storage';

/** What `Blocks` works with. */
export interface BlocksOptions {
  /** Where blocks are kept. */
  storage: Storage;
  /** Reaches the blocked user's sockets, to correct the presence they were shown. */
  broadcaster: () => Broadcaster;
  /** The presence of `userId` as `viewerId` may see it, or null when they may not. */
  presenceFor: (viewerId: string, userId: string) => Promise<Presence | null>;
  /** The clock. */
  now: () => Date;
}

/** How many group ids `sendRefusal` remembers (about 50 bytes each). */
const rememberedGroups = 10_000;

/** The neutral refusal the blocked side reads: it does not say who blocked whom. */
export const mayNotMessage = 'unable to send message: you may not message this user';

/**
 * Users' own blocks. If A blocks B: B cannot start a direct conversation with A,
 * neither can send in their direct conversation, B does not see A's presence, and
 * B cannot put A in a group. Groups are not refused otherwise: the client hides
 * B's messages for A. Refusals to B read like any refusal of the pair, so a block
 * is not revealed. Every check reads the shared store: correct across nodes.
 */
export class Blocks {
  readonly #o: BlocksOptions;
  /** Conversations known to be groups, where no block refuses a send. */
  readonly #groups = new Set<string>();
  readonly #checks: Batcher<SendCheck, SendBlocks>;

  constructor(options: BlocksOptions) {
    this.#o = options;
    this.#checks = new Batcher((checks) => options.storage.directBlockers(checks), {
      parallel: 2,
      maxBatch: 500,
    });
  }

  /** Idempotent. The blocked user's devices are told the blocker is offline, which is all they see from now on. */
  async block(userId: string, otherId: string) {
    notSelf(userId, otherId, 'block');
    const created = await this.#o.storage.blockUser(userId, otherId, this.#o.now());
    const contacts = created ? await this.#o.storage.listContactIds(userId) : [];
    if (contacts.includes(otherId)) {
      this.#o
        .broadcaster()
        .toUsers([otherId], 'presence', { userId, online: false, lastSeenAt: null });
    }
    return { userId: otherId, blocked: true as const };
  }

  /** Idempotent. The unblocked user's devices get the blocker's presence again, when they may see it. */
  async unblock(userId: string, otherId: string) {
    notSelf(userId, otherId, 'unblock');
    if (await this.#o.storage.unblockUser(userId, otherId)) {
      const presence = await this.#o.presenceFor(otherId, userId);
      if (presence) this.#o.broadcaster().toUsers([otherId], 'presence', presence);
    }
    return { userId: otherId, blocked: false as const };
  }

  /** Whom the user blocks, oldest first. */
  async list(userId: string) {
    return { userIds: await this.#o.storage.listBlockedIds(userId) };
  }

  /** Whether either of the two blocks the other. */
  async between(a: string, b: string): Promise<boolean> {
    const [ofA, ofB] = await Promise.all([
      this.#o.storage.listBlockerIds(a, [b]),
      this.#o.storage.listBlockerIds(b, [a]),
    ]);
    return ofA.length > 0 || ofB.length > 0;
  }

  /** Which of `userIds` block `userId`. */
  blockersOf(userId: string, userIds: string[]): Promise<string[]> {
    return this.#o.storage.listBlockerIds(userId, userIds);
  }

  /** Whom `userId` blocks among `userIds`. */
  async blockedBy(userId: string, userIds: string[]): Promise<Set<string>> {
    const blocked = new Set(await this.#o.storage.listBlockedIds(userId));
    return new Set(userIds.filter((id) => blocked.has(id)));
  }

  /**
   * The `forbidden` a block between the sender and the other side of a direct
   * conversation makes; null when none. Checks of concurrent sends go to the store
   * together, and a conversation known to be a group is not asked about again
   * (a kind never changes), so the send path keeps its group commit.
   */
  async sendRefusal(conversationId: string, senderId: string): Promise<ChatError | null> {
    if (this.#groups.has(conversationId)) return null;
    const { kind, blockers } = await this.#checks.run({ conversationId, userId: senderId });
    if (kind === 'group') this.#rememberGroup(conversationId);
    if (blockers.length === 0) return null;
    return new ChatError(
      'forbidden',
      blockers.includes(senderId) ? 'unable to send message: you blocked this user' : mayNotMessage,
    );
  }

  #rememberGroup(conversationId: string) {
    // Oldest first out: a Set iterates in insertion order.
    if (this.#groups.size >= rememberedGroups) {
      const oldest = this.#groups.values().next().value;
      if (oldest !== undefined) this.#groups.delete(oldest);
    }
    this.#groups.add(conversationId);
  }
}

function notSelf(userId: string, otherId: string, action: string) {
  if (userId === otherId) {
    throw new ChatError('bad_request', `unable to ${action} user: you cannot ${action} yourself`, {
      issues: [{ path: 'userId', message: 'must be someone other than you' }],
    });
  }
}
