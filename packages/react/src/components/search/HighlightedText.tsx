'use client';
import type { SearchHighlight } from '@banter/core';
import type { ReactNode } from 'react';

/**
 * A message body with its search matches in `<mark>`: cut from the offsets the server sent
 * (UTF-16 code units, which is how JavaScript indexes strings), rendered as text nodes, so
 * nothing in a body is ever read as markup. Ranges that overlap, run backwards or fall
 * outside the body (a host engine's mistake) are skipped.
 */
export function HighlightedText({
  text,
  highlights,
}: {
  text: string;
  highlights: SearchHighlight[];
}) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of highlights) {
    if (!(start >= at && end > start && end <= text.length)) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
