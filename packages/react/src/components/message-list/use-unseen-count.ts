'use client';
import { useEffect, useMemo, useState } from 'react';
import type { ListItem } from './list-items';

/**
 * How many messages from others arrived below the reader since they left the
 * bottom: the count on the "new messages" button. Everything up to the
 * newest message counts as seen while the reader is at the bottom.
 */
export function useUnseenCount(items: ListItem[], atBottom: boolean, atPresent = true): number {
  const [lastSeenKey, setLastSeenKey] = useState<string | null>(null);
  const newestKey = items.at(-1)?.key ?? null;
  useEffect(() => {
    // Away from the present (after a jump) what loads below is history, not news.
    if ((atBottom || !atPresent) && newestKey !== lastSeenKey) setLastSeenKey(newestKey);
  }, [atBottom, atPresent, newestKey, lastSeenKey]);
  return useMemo(() => {
    if (atBottom || lastSeenKey === null) return 0;
    const from = items.findIndex((item) => item.key === lastSeenKey);
    if (from === -1) return 0;
    return items.slice(from + 1).filter((item) => item.kind === 'message' && !item.message.own)
      .length;
  }, [atBottom, lastSeenKey, items]);
}
