'use client';
import {
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useIsomorphicLayoutEffect } from '../../utils/use-isomorphic-layout-effect';
import type { ListItem } from './list-items';

export interface RovingFocusOptions {
  items: ListItem[];
  /** Keys of the rows rendered now (the virtual window). */
  renderedKeys: string[];
  scroller: RefObject<HTMLElement | null>;
  list: RefObject<HTMLElement | null>;
  offsetOf: (key: string) => number | null;
}

/** The rendered row element with this key, if it is in the window. */
function rowOf(list: HTMLElement | null, key: string): HTMLElement | null {
  for (const row of (list?.children ?? []) as HTMLCollectionOf<HTMLElement>) {
    if (row.dataset.key === key) return row;
  }
  return null;
}

/**
 * A roving tabindex over the messages: one message is in the tab order (the
 * last one focused, else the newest); Up and Down move between messages,
 * Home and End go to the first and last held. A message outside the
 * rendered window is scrolled to first, then focused once it renders.
 */
export function useRovingFocus({
  items,
  renderedKeys,
  scroller,
  list,
  offsetOf,
}: RovingFocusOptions) {
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [request, setRequest] = useState(0);
  const pending = useRef<{ key: string; block: ScrollLogicalPosition } | null>(null);
  const messageKeys = useMemo(
    () => items.filter((item) => item.kind === 'message').map((item) => item.key),
    [items],
  );
  const position = useMemo(() => new Map(messageKeys.map((key, i) => [key, i])), [messageKeys]);

  const active =
    activeKey !== null && position.has(activeKey) ? activeKey : (messageKeys.at(-1) ?? null);
  // The active message scrolled out of the window: the nearest rendered one takes its tab stop.
  const rendered = renderedKeys.filter((key) => position.has(key));
  const tabbableKey =
    active !== null && rendered.includes(active) ? active : (rendered.at(-1) ?? null);

  /** Moves focus to a message, scrolling it into view (`block` as for scrollIntoView). */
  const focusMessage = useCallback((key: string, block: ScrollLogicalPosition = 'nearest') => {
    pending.current = { key, block };
    setActiveKey(key);
    setRequest((n) => n + 1);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each render that may have brought the row in
  useIsomorphicLayoutEffect(() => {
    const target = pending.current;
    if (!target) return;
    const message = rowOf(list.current, target.key)?.querySelector<HTMLElement>('.banter-message');
    if (message) {
      pending.current = null;
      message.focus({ preventScroll: true });
      message.scrollIntoView({ block: target.block });
      return;
    }
    const offset = offsetOf(target.key);
    const element = scroller.current;
    if (offset === null || !element || !list.current) {
      pending.current = null;
      return;
    }
    // Bring the row's place on screen; the scroll moves the window, and the next render focuses it.
    element.scrollTop = offset + list.current.offsetTop - element.clientHeight / 2;
  }, [request, renderedKeys]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('banter-message')) return;
    const key = target.closest<HTMLElement>('[data-key]')?.dataset.key;
    const at = key === undefined ? undefined : position.get(key);
    if (at === undefined) return;
    const last = messageKeys.length - 1;
    const next =
      event.key === 'ArrowUp'
        ? Math.max(0, at - 1)
        : event.key === 'ArrowDown'
          ? Math.min(last, at + 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    focusMessage(messageKeys[next] as string);
  };

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('banter-message')) return;
    const key = target.closest<HTMLElement>('[data-key]')?.dataset.key;
    if (key !== undefined && key !== activeKey) setActiveKey(key);
  };

  return { tabbableKey, focusMessage, onKeyDown, onFocus };
}
