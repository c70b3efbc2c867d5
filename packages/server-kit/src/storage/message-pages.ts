import type { MessageRow } from './rows';
import type { SqlExecutor } from './sql-driver';
import type { MessageRange } from './storage';

export interface SeqPage {
  /** Ascending by seq. */
  rows: MessageRow[];
  hasMore: boolean;
  /** Only for `around`. */
  hasMoreAfter?: boolean;
}

/**
 * A page of history by seq: after a seq (forwards), before one or the newest
 * (backwards), or around one. One row beyond the page on each side read tells
 * whether there is more.
 */
export async function pageBySeq(
  db: SqlExecutor,
  s: string,
  conversationId: string,
  range: MessageRange,
): Promise<SeqPage> {
  const probe = range.limit + 1;
  if (range.around !== undefined)
    return pageAround(db, s, conversationId, range.around, range.limit);
  if (range.after !== undefined) {
    const rows = await db.query<MessageRow>(
      `SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND seq > $2
       ORDER BY seq ASC LIMIT $3`,
      [conversationId, range.after, probe],
    );
    return { rows: rows.slice(0, range.limit), hasMore: rows.length > range.limit };
  }
  const rows = await db.query<MessageRow>(
    `SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND seq < $2
     ORDER BY seq DESC LIMIT $3`,
    [conversationId, range.before ?? Number.MAX_SAFE_INTEGER, probe],
  );
  return { rows: rows.slice(0, range.limit).reverse(), hasMore: rows.length > range.limit };
}

/**
 * `floor(limit / 2)` messages before `around` and the rest from it on; when one
 * side has fewer, the other fills the page, so jumping near either end of a
 * conversation still shows a full page. Both sides are read in one statement,
 * each up to a page and one beyond it.
 */
async function pageAround(
  db: SqlExecutor,
  s: string,
  conversationId: string,
  around: number,
  limit: number,
): Promise<SeqPage> {
  const rows = await db.query<MessageRow>(
    `(SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND seq < $2
      ORDER BY seq DESC LIMIT $3)
     UNION ALL
     (SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND seq >= $2
      ORDER BY seq ASC LIMIT $3)`,
    [conversationId, around, limit + 1],
  );
  const before = rows
    .filter((row) => Number(row.seq) < around)
    .sort(bySeq)
    .reverse();
  const after = rows.filter((row) => Number(row.seq) >= around).sort(bySeq);
  const takeBefore = Math.min(before.length, Math.max(Math.floor(limit / 2), limit - after.length));
  const takeAfter = Math.min(after.length, limit - takeBefore);
  return {
    rows: [...before.slice(0, takeBefore).reverse(), ...after.slice(0, takeAfter)],
    hasMore: before.length > takeBefore,
    hasMoreAfter: after.length > takeAfter,
  };
}

const bySeq = (a: MessageRow, b: MessageRow) => Number(a.seq) - Number(b.seq);
