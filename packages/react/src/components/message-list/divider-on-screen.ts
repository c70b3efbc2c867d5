/**
 * Whether a row starting `offset` px into the list is within the viewport
 * (its top edge, with `slack` px of the row below it): the jump control shows when it is not.
 * An unknown offset (the row is not held) counts as off screen.
 */
export function rowOnScreen(
  offset: number | null,
  listTop: number,
  viewport: { top: number; height: number },
  slack = 24,
): boolean {
  if (offset === null) return false;
  const top = offset + listTop;
  return top + slack > viewport.top && top < viewport.top + viewport.height;
}
