'use client';
import type { MessageView } from '@banter/core';
import { useEffect, useRef, useState } from 'react';

/**
 * What the polite log announces: messages from others that arrive while the
 * list is open, not the rows a scroll or a history page brings into view.
 */
export function useAnnouncements(
  messages: MessageView[],
  loaded: boolean,
  nameOf: (userId: string) => string,
  /** The list ends at the newest message: away from it (after a jump), pages are history too. */
  atPresent = true,
) {
  const [announcements, setAnnouncements] = useState<{ key: string; text: string }[]>([]);
  const lastSeen = useRef<string | null>(null);
  const wasPresent = useRef(atPresent);
  const newest = messages.at(-1);
  useEffect(() => {
    if (!loaded) return;
    // Only between two renders at the present: the page that reaches it is not news.
    const present = wasPresent.current && atPresent;
    wasPresent.current = atPresent;
    const previous = present ? lastSeen.current : null;
    // What the first load shows (possibly nothing: '') is history, not news.
    lastSeen.current = newest?.key ?? '';
    if (
      !newest ||
      previous === null ||
      previous === newest.key ||
      newest.own ||
      newest.seq === null
    )
      return;
    const text = `${nameOf(newest.senderId)}: ${newest.deletedAt ? '' : newest.body}`;
    setAnnouncements((current) => [...current.slice(-2), { key: newest.key, text }]);
  }, [loaded, newest, nameOf, atPresent]);
  return announcements;
}
