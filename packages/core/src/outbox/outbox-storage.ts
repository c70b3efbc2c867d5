import type { PendingMessage } from '../store/state';

/**
 * Where unsent messages wait across page reloads. Keys are per user, so two
 * people sharing a browser never send each other's drafts.
 */
export interface OutboxStorage {
  load(userId: string): PendingMessage[] | Promise<PendingMessage[]>;
  save(userId: string, messages: PendingMessage[]): void | Promise<void>;
}

/** The default: unsent messages live as long as the client. */
export function memoryOutboxStorage(): OutboxStorage {
  const byUser = new Map<string, PendingMessage[]>();
  return {
    load: (userId) => byUser.get(userId) ?? [],
    save: (userId, messages) => {
      byUser.set(userId, messages);
    },
  };
}

interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps unsent messages in `localStorage` (or any Web Storage), so messages
 * composed offline survive a reload and are sent once the connection returns.
 * Storage is looked up when used, never at import, so this is safe on a server.
 *
 * @example
 * createChatClient({ ..., outboxStorage: localStorageOutbox() });
 */
export function localStorageOutbox(
  prefix = 'banter:outbox',
  storage: () => KeyValueStorage | undefined = () =>
    (globalThis as { localStorage?: KeyValueStorage }).localStorage,
): OutboxStorage {
  return {
    load(userId) {
      const raw = safely(() => storage()?.getItem(`${prefix}:${userId}`)) ?? null;
      if (!raw) return [];
      try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) ? (parsed.filter(isPendingMessage) as PendingMessage[]) : [];
      } catch {
        return [];
      }
    },
    save(userId, messages) {
      const key = `${prefix}:${userId}`;
      safely(() =>
        messages.length === 0
          ? storage()?.removeItem(key)
          : storage()?.setItem(key, JSON.stringify(messages)),
      );
    },
  };
}

/** Private mode and full quotas throw from Web Storage; the outbox then keeps messages in memory only. */
function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function isPendingMessage(value: unknown): boolean {
  const p = value as Partial<PendingMessage> | null;
  return (
    typeof p?.clientId === 'string' &&
    typeof p.conversationId === 'string' &&
    typeof p.senderId === 'string' &&
    typeof p.body === 'string' &&
    Array.isArray(p.attachments)
  );
}
