'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * A message to open a conversation at (a search hit): its id, and its seq so that the
 * page around it can be loaded when it is not held.
 */
export interface MessageTarget {
  /** The message's id. */
  id: string;
  /** Its seq, to load the page around it. */
  seq: number;
}

/**
 * Runs `jumpTo` each time a new target arrives (a new object, even for the same message:
 * choosing the same hit twice jumps twice), once the list can jump.
 */
export function useJumpToTarget(
  target: MessageTarget | null | undefined,
  jumpTo: (messageId: string, seq?: number) => unknown,
) {
  const done = useRef<MessageTarget | null>(null);
  useEffect(() => {
    if (!target || done.current === target) return;
    done.current = target;
    void jumpTo(target.id, target.seq);
  }, [target, jumpTo]);
}

/** The target a window shows: the host's (`jumpTarget` prop) or its own header search's, newest wins. */
export function useWindowTarget(fromHost: MessageTarget | null | undefined) {
  const [target, setTarget] = useState<MessageTarget | null>(fromHost ?? null);
  useEffect(() => {
    if (fromHost) setTarget(fromHost);
  }, [fromHost]);
  return [target, setTarget] as const;
}
