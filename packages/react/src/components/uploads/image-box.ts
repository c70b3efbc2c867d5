import type { CSSProperties } from 'react';

/** Largest side of an image in a bubble, in CSS pixels: the grid's cells are at most this. */
const maxSide = 280;

/**
 * The fixed box an image takes in a bubble before and after it loads: its
 * aspect ratio from the width and height the server measured, filled with its
 * placeholder colour, so the list never jumps when the image arrives.
 */
export function imageBoxStyle(
  width: number | null | undefined,
  height: number | null | undefined,
  placeholder: string | null | undefined,
): CSSProperties & Record<'--banter-image-width', string> {
  const known = !!width && width > 0 && !!height && height > 0;
  const w = known ? (width as number) : 4;
  const h = known ? (height as number) : 3;
  // A small image keeps its own size; an unknown one takes the largest box.
  const scale = known ? Math.min(1, maxSide / Math.max(w, h)) : maxSide / Math.max(w, h);
  return {
    // A variable, not `width`: in a grid of several the cell decides the width (uploads.css).
    '--banter-image-width': `${Math.round(w * scale)}px`,
    aspectRatio: `${w} / ${h}`,
    background: placeholder && /^#[0-9a-f]{6}$/i.test(placeholder) ? placeholder : undefined,
  };
}
