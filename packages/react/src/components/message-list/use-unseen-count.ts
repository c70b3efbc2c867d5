'use client';
import { useEffect, useMemo, useState } from 'react';
import type { ListItem } from './list-items';

/**
 * How many messages from others arrived below the reader since they left the
 * bottom: the count on the "new messages" button. Everything up to the
 * newest message counts as seen while the reader is at the bottom.
 */
export function useUnseenCount(items: ListItem[], atBottom: boolean): number {
  const [lastSeenKey, setLastSeenKey] = useState<string | null>(null);
  const newestKey = items.at(-1)?.key ?? null;
  useEffect(() => {
    if (atBottom && newestKey !== lastSeenKey) setLastSeenKey(newestKey);
  }, [atBottom, newestKey, lastSeenKey]);
  return useMemo(() => {
    if (atBottom || lastSeenKey === null) return 0;
    const from = items.findIndex((item) => item.key === lastSeenKey);
    return items.slice(from + 1).filter((item) => item.kind === 'message' && !item.message.own)
      .length;
  }, [atBottom, lastSeenKey, items]);
}
