import type { Presence } from '@banter/core/protocol';
import { userRoom } from '../chat/broadcaster';
import type { ChatService } from '../chat/service';
import type { ResolvedOptions } from '../options';
import type { BanterNamespace } from './types';

/**
 * Online while any socket of the user is connected on any node (asked of the
 * adapter, so nothing is kept in this process); last seen when the last one
 * closes. Changes go to the user's contacts.
 */
export class PresenceAnnouncer {
  readonly #nsp: BanterNamespace;
  readonly #service: ChatService;
  readonly #options: ResolvedOptions;

  constructor(nsp: BanterNamespace, service: ChatService, options: ResolvedOptions) {
    this.#nsp = nsp;
    this.#service = service;
    this.#options = options;
  }

  /** Announced on every connect: "online" again is harmless, a missed one is not. */
  async connected(userId: string) {
    await this.#announce({ userId, online: true, lastSeenAt: null });
  }

  async disconnected(userId: string) {
    const remaining = await this.#socketsOf(userId);
    if (remaining.length > 0) return;
    // Last seen is shown only to people sharing a conversation: a user in none gets no row,
    // so the disconnect that ends an erased user's sessions writes nothing of theirs back.
    if ((await this.#service.storage.listConversationIds(userId)).length === 0) return;
    const at = this.#options.now();
    await this.#service.storage.setLastSeen(userId, at);
    await this.#announce({ userId, online: false, lastSeenAt: at.toISOString() });
  }

  /**
   * Asking the cluster times out when a node dies mid-request, or while one that died is
   * still counted by the adapter; asking again then gets an answer.
   * Giving up would leave the user "online" for their contacts.
   */
  async #socketsOf(userId: string, attempts = 3) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#nsp.in(userRoom(userId)).fetchSockets();
      } catch (error) {
        if (attempt >= attempts) throw error;
      }
    }
  }

  async #announce(presence: Presence) {
    const contacts = await this.#service.presenceWatchers(presence.userId);
    if (contacts.length > 0) this.#nsp.to(contacts.map(userRoom)).emit('presence', presence);
  }
}
