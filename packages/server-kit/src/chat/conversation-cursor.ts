import { ChatError } from '@banter/core/protocol';

export interface ConversationPosition {
  lastActivityAt: string;
  id: string;
}

/** Cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(position: ConversationPosition): string {
  return Buffer.from(JSON.stringify([position.lastActivityAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): ConversationPosition {
  try {
    const [lastActivityAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const time = typeof lastActivityAt === 'string' ? Date.parse(lastActivityAt) : Number.NaN;
    // Within the years a database timestamp holds; anything else is not a cursor this server issued.
    if (typeof id === 'string' && time >= 0 && time < Date.UTC(10_000, 0, 1)) {
      return { lastActivityAt, id };
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
