import { type ChatClient, protocolLimits } from '@banter/core';

/**
 * Asks the server for profiles of user ids the UI shows, batching every id
 * requested in the same tick into one request and asking for each id once.
 */
export class UserDirectory {
  readonly #client: ChatClient;
  readonly #asked = new Set<string>();
  #queue = new Set<string>();
  #scheduled = false;

  constructor(client: ChatClient) {
    this.#client = client;
  }

  want(userId: string) {
    if (this.#asked.has(userId) || this.#client.getSnapshot().users[userId]) return;
    this.#asked.add(userId);
    this.#queue.add(userId);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const ids = [...this.#queue];
      this.#queue = new Set();
      const size = protocolLimits.userIdsPerRequest;
      for (let i = 0; i < ids.length; i += size) {
        const batch = ids.slice(i, i + size);
        // A failed lookup is retried the next time someone needs the profile.
        this.#client.fetchUsers(batch).catch(() => {
          for (const id of batch) this.#asked.delete(id);
        });
      }
    });
  }
}
