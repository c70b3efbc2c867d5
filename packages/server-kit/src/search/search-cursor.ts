import { ChatError } from '@banter/core/protocol';

/** Where a page of hits stopped: its last hit's time and id (newest first, ties by id). */
export interface SearchPosition {
  /** ISO time of the last hit. */
  createdAt: string;
  /** Id of the last hit. */
  messageId: string;
}

/** Cursors are opaque to clients: base64url of the last hit's sort key. */
export function encodeSearchCursor(position: SearchPosition): string {
  return Buffer.from(JSON.stringify(['s', position.createdAt, position.messageId])).toString(
    'base64url',
  );
}

/** Reads a cursor back; anything this server did not issue is `bad_request` on `cursor`. */
export function decodeSearchCursor(cursor: string): SearchPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === 's') {
      const [, createdAt, messageId] = value;
      const time = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
      // Within the years a database timestamp holds, and an id of sane length.
      if (
        typeof messageId === 'string' &&
        messageId.length > 0 &&
        messageId.length <= 128 &&
        time >= 0 &&
        time < Date.UTC(10_000, 0, 1)
      ) {
        return { createdAt: new Date(time).toISOString(), messageId };
      }
    }
  } catch {
    // fall through to the typed error
  }
  throw new ChatError(
    'bad_request',
    'invalid cursor: pass back a nextCursor from a previous page',
    {
      issues: [{ path: 'cursor', message: 'not a cursor this server issued' }],
    },
  );
}
