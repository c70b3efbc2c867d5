'use client';
import { useEffect, useRef } from 'react';
import { useUnreadTotal } from '../hooks/use-unread-total';

/** How `useUnreadTitle` writes the count; the default gives "(3) Shop". */
export type UnreadTitleFormat = (count: number, title: string) => string;

const defaultFormat: UnreadTitleFormat = (count, title) =>
  `(${count > 99 ? '99+' : count}) ${title}`;

/**
 * Shows the unread count (unmuted, unarchived conversations) in the document title while mounted,
 * and puts the page's own title back at zero and on unmount. A title the page sets meanwhile
 * (a route change) becomes the new base.
 *
 * @example
 * function Inbox() {
 *   useUnreadTitle();
 *   return <ConversationList />;
 * }
 */
export function useUnreadTitle(format: UnreadTitleFormat = defaultFormat): void {
  const count = useUnreadTotal();
  const base = useRef<string | null>(null);
  const written = useRef<string | null>(null);

  useEffect(() => {
    if (base.current === null || document.title !== written.current) base.current = document.title;
    const title = count > 0 ? format(count, base.current) : base.current;
    document.title = title;
    written.current = title;
  }, [count, format]);

  useEffect(
    () => () => {
      if (base.current !== null && document.title === written.current) {
        document.title = base.current;
      }
      base.current = null;
      written.current = null;
    },
    [],
  );
}
