import type { SyntheticEvent } from 'react';

/**
 * Runs the host's handler first, then ours unless the host called
 * `preventDefault()`: a host can always take over a part's behaviour.
 */
export function composeHandlers<E extends SyntheticEvent>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}
