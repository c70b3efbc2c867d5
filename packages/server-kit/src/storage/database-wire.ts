import type { ChatError } from '@banter/core/protocol';
import type { Storage } from './storage';

/** The Storage methods the database side answers (everything but its own lifecycle). */
export type StorageMethod = Exclude<keyof Storage, 'close'>;

/** What the server sends the database side. Several go in one post (see `batchedPoster`). */
export type ToDatabase =
  | { type: 'open'; dataDir: string | undefined; schema: string | undefined }
  | { type: 'call'; id: number; method: StorageMethod; args: unknown[] }
  /** One SQL statement for a feature that reads its own tables (webhooks, `sql-access.ts`). */
  | { type: 'query'; id: number; sql: string; params: unknown[] }
  | { type: 'close' };

/** What the database side answers. */
export type FromDatabase =
  | { type: 'ready' }
  | { type: 'failed'; error: WireError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'closed' };

/**
 * An error as it crosses the thread or process boundary: structured clone keeps an
 * Error's message but drops its own fields, and a ChatError must stay a ChatError
 * (a domain refusal) rather than become "the store is unavailable".
 */
export interface WireError {
  message: string;
  /** PostgreSQL's SQLSTATE, or a ChatError's code. */
  code?: string;
  chat?: { retryAfterMs?: number; issues?: ChatError['issues'] };
}

/**
 * Runs on the database side, which recognizes a ChatError by its name rather than by
 * its class: that side loads no more than it needs before the database is open.
 */
export function toWireError(error: unknown): WireError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'ChatError' && typeof code === 'string') {
    const { retryAfterMs, issues } = error as ChatError;
    const chat: WireError['chat'] = {};
    if (retryAfterMs !== undefined) chat.retryAfterMs = retryAfterMs;
    if (issues !== undefined) chat.issues = issues;
    return { message, code, chat };
  }
  return { message, ...(typeof code === 'string' ? { code } : {}) };
}

/**
 * Posts what one turn of the event loop produced as one message: at a thousand sends a
 * second, each post is a wake-up of the other side (and, between processes, a write).
 */
export function batchedPoster<T>(post: (messages: T[]) => void): (message: T) => void {
  let queue: T[] = [];
  return (message) => {
    queue.push(message);
    if (queue.length > 1) return;
    // After the loop's I/O callbacks: everything the sockets read this turn goes in one post.
    setImmediate(() => {
      const messages = queue;
      queue = [];
      post(messages);
    });
  };
}
