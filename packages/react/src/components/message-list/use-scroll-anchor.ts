'use client';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useIsomorphicLayoutEffect } from '../../utils/use-isomorphic-layout-effect';

/** Within this distance of the end, the list counts as "at the bottom" and follows new messages. */
const bottomSlackPx = 48;

export interface ScrollAnchorOptions {
  /** The scrolling element. */
  scroller: RefObject<HTMLElement | null>;
  /** The list inside it; its children are the rendered rows, each with `data-key`. */
  list: RefObject<HTMLElement | null>;
  /** Where a row starts within the list, for a row outside the rendered window; null if unknown. */
  offsetOf: (key: string) => number | null;
  /** Told the scroller after every scroll and resize, to move the rendered window. Keep it stable. */
  onPosition: (element: HTMLElement) => void;
  /**
   * The list ends at the newest message. Away from the present (a window around a jump) its end
   * is not followed: more messages load below it as the reader gets there.
   */
  atPresent: boolean;
}

export interface ScrollAnchor {
  /** Whether the reader is at the bottom, following new messages. */
  atBottom: boolean;
  /** Call on every scroll event: decides whether the reader follows the end or holds a place. */
  readPosition: () => void;
  /** Scrolls to the newest message and follows new ones again. */
  jumpToLatest: () => void;
  /** Stops following the end and keeps the row with `key` at the top of the view (the unread line). */
  holdAt: (key: string) => void;
}

/**
 * Keeps the reader's place across renders. At the bottom, the list follows
 * new messages; scrolled up, the first message on screen is the anchor, and
 * after every layout (older messages prepended, rows measured) it is put
 * back exactly where it was on screen.
 */
export function useScrollAnchor({
  scroller,
  list,
  offsetOf,
  onPosition,
  atPresent,
}: ScrollAnchorOptions): ScrollAnchor {
  const present = useRef(atPresent);
  present.current = atPresent;
  // Where the reader is, decided when they scroll and applied after each layout.
  const following = useRef(true);
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const [atBottom, setAtBottom] = useState(true);
  /** Set when the reader scrolled but the anchor could not be read yet: read it after the next layout. */
  const anchorStale = useRef(false);
  /**
   * scrollTop when the anchor was taken or last kept. A scroll event at that
   * position is our own write; anywhere else, the reader moved and the anchor is old.
   */
  const anchoredAt = useRef<number | null>(null);

  const setScrollTop = useCallback((element: HTMLElement, top: number) => {
    element.scrollTop = top;
    anchoredAt.current = element.scrollTop;
  }, []);

  /**
   * The first message row that starts on screen (else the one cut off at the
   * top) and how far below the scroller's top edge it is; null when no rendered
   * row is on screen (the window has not caught up with a jump yet).
   */
  const visibleAnchor = useCallback(() => {
    const element = scroller.current;
    if (!element || !list.current) return null;
    const { top: edge, bottom } = element.getBoundingClientRect();
    let cut: { key: string; offset: number } | null = null;
    for (const row of list.current.children as HTMLCollectionOf<HTMLElement>) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom <= edge + 1 || rect.top >= bottom) continue;
      // Anchor to a message, not a day separator: prepending older messages of the same day moves the separator.
      if (!row.querySelector('.banter-message') || !row.dataset.key) continue;
      const seen = { key: row.dataset.key, offset: rect.top - edge };
      // Prefer the first message that starts on screen: a message cut off at the top can grow
      // (a reaction, an edit) and should grow upward, out of view, not push the view down.
      if (rect.top >= edge - 1) return seen;
      cut ??= seen;
    }
    return cut;
  }, [scroller, list]);

  const readPosition = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    if (movedSince(element, anchoredAt.current)) {
      following.current = present.current && fromBottom(element) <= bottomSlackPx;
      const seen = following.current ? null : visibleAnchor();
      anchorStale.current = !following.current && seen === null;
      if (!anchorStale.current) anchor.current = seen;
      anchoredAt.current = element.scrollTop;
      setAtBottom(following.current);
    }
    onPosition(element);
  }, [scroller, visibleAnchor, onPosition]);

  const jumpToLatest = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    following.current = true;
    anchor.current = null;
    anchorStale.current = false;
    anchoredAt.current = null;
    setAtBottom(true);
    setScrollTop(element, element.scrollHeight);
  }, [scroller, setScrollTop]);

  // After every layout, keep the reader's place: follow the end, or put the anchored
  // message back exactly where it was on screen (rows above it may have been added or measured).
  useIsomorphicLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // React can render before the reader's scroll event is handled: if the position changed since we
    // last kept it, the reader scrolled, and where they are now is what to keep, not the old place.
    const moved = anchoredAt.current !== null && movedSince(element, anchoredAt.current);
    if (moved && following.current) following.current = fromBottom(element) <= bottomSlackPx;
    if (!atPresent && following.current) {
      // The list jumped away from the present: the jump places the reader, not the end.
      following.current = false;
      setAtBottom(false);
    }
    if (following.current) {
      if (Math.abs(fromBottom(element)) >= 1) {
        setScrollTop(element, element.scrollHeight);
      } else {
        anchoredAt.current = element.scrollTop;
      }
      return;
    }
    if (anchorStale.current || moved) {
      const seen = visibleAnchor();
      if (seen) {
        anchor.current = seen;
        anchoredAt.current = element.scrollTop;
        anchorStale.current = false;
      } else {
        anchorStale.current = true;
      }
      return;
    }
    const target = anchor.current;
    if (!target || !list.current) return;
    const edge = element.getBoundingClientRect().top;
    for (const row of list.current.children as HTMLCollectionOf<HTMLElement>) {
      if (row.dataset.key !== target.key) continue;
      const drift = row.getBoundingClientRect().top - edge - target.offset;
      if (Math.abs(drift) >= 1) setScrollTop(element, element.scrollTop + drift);
      return;
    }
    // The anchored row is outside the rendered window: place it from the offsets.
    const offset = offsetOf(target.key);
    if (offset === null) {
      // It is gone from the list: the messages held were replaced. Back at the present (the
      // reader sent a message from a window away from it), the newest message is the place.
      if (atPresent) jumpToLatest();
      return;
    }
    setScrollTop(element, offset + list.current.offsetTop - target.offset);
    // Tell the window now rather than on the scroll event: the row is rendered before the next paint.
    onPosition(element);
  });

  // The viewport's size follows the element's (panel resized, widget opened).
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (following.current) setScrollTop(element, element.scrollHeight);
      readPosition();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [scroller, readPosition, setScrollTop]);

  const holdAt = useCallback(
    (key: string) => {
      const element = scroller.current;
      if (!element) return;
      following.current = false;
      anchor.current = { key, offset: 0 };
      anchorStale.current = false;
      anchoredAt.current = element.scrollTop;
      setAtBottom(false);
    },
    [scroller],
  );

  return { atBottom, readPosition, jumpToLatest, holdAt };
}

/** How far the scroller's visible bottom is above the end of its content. */
function fromBottom(element: HTMLElement): number {
  return element.scrollHeight - element.scrollTop - element.clientHeight;
}

/** Whether the scroller is away from the position last recorded (none recorded counts as moved). */
function movedSince(element: HTMLElement, recorded: number | null): boolean {
  return recorded === null || Math.abs(element.scrollTop - recorded) >= 1;
}
