import type { PendingAction, PendingBlockChange, PendingMessage } from '../store/state';

/** What waits in the outbox: unsent messages, unapplied actions on messages, block changes. */
export interface OutboxContents {
  /** Own sends not acknowledged yet. */
  messages: PendingMessage[];
  /** Edits, deletes and reactions not acknowledged yet. */
  actions: PendingAction[];
  /** Blocks and unblocks not acknowledged yet; absent in what older storages saved. */
  blocks?: PendingBlockChange[];
}

/**
 * Where unsent messages and actions wait across page reloads. Keys are per
 * user, so two people sharing a browser never send each other's drafts.
 * `load` may return a plain array of messages (what storages written before
 * actions existed return); a `save` that ignores `actions` or `blocks` keeps
 * messages only.
 */
export interface OutboxStorage {
  /** The outbox saved for `userId`: called once when the client starts. */
  load(
    userId: string,
  ): PendingMessage[] | OutboxContents | Promise<PendingMessage[] | OutboxContents>;
  /** Saves the outbox for `userId`: called after every change to it. */
  save(
    userId: string,
    messages: PendingMessage[],
    actions: PendingAction[],
    blocks?: PendingBlockChange[],
  ): void | Promise<void>;
}

/** Either shape `load` may give, as contents. */
export function contentsOf(loaded: PendingMessage[] | OutboxContents): OutboxContents {
  return Array.isArray(loaded) ? { messages: loaded, actions: [] } : loaded;
}

/** The default: unsent messages and actions live as long as the client. */
export function memoryOutboxStorage(): OutboxStorage {
  const byUser = new Map<string, OutboxContents>();
  return {
    load: (userId) => byUser.get(userId) ?? [],
    save: (userId, messages, actions, blocks = []) => {
      byUser.set(userId, { messages, actions, blocks });
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
        // An array is what was saved before actions existed.
        const { messages, actions, blocks } = Array.isArray(parsed)
          ? { messages: parsed, actions: [], blocks: [] }
          : (parsed as { messages?: unknown; actions?: unknown; blocks?: unknown });
        return {
          messages: Array.isArray(messages)
            ? (messages.filter(isPendingMessage) as PendingMessage[])
            : [],
          actions: Array.isArray(actions)
            ? (actions.filter(isPendingAction) as PendingAction[])
            : [],
          blocks: Array.isArray(blocks)
            ? (blocks.filter(isPendingBlockChange) as PendingBlockChange[])
            : [],
        };
      } catch {
        return [];
      }
    },
    save(userId, messages, actions = [], blocks = []) {
      const key = `${prefix}:${userId}`;
      safely(() =>
        messages.length === 0 && actions.length === 0 && blocks.length === 0
          ? storage()?.removeItem(key)
          : storage()?.setItem(key, JSON.stringify({ messages, actions, blocks })),
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

function isPendingAction(value: unknown): boolean {
  const a = value as Partial<PendingAction> | null;
  return (
    typeof a?.id === 'string' &&
    typeof a.conversationId === 'string' &&
    // On a stored message, or waiting for an own send.
    (typeof a.messageId === 'string' ||
      (a.messageId === null && typeof a.sendClientId === 'string')) &&
    (a.kind === 'edit' || a.kind === 'delete' || a.kind === 'react' || a.kind === 'unreact')
  );
}

function isPendingBlockChange(value: unknown): boolean {
  const c = value as Partial<PendingBlockChange> | null;
  return (
    typeof c?.id === 'string' && typeof c.userId === 'string' && typeof c.blocked === 'boolean'
  );
}
