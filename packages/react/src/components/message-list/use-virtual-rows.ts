'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import { type RowOffsets, rowAt } from './row-offsets';

export interface VirtualRow {
  index: number;
  key: string;
  top: number;
}

interface Options {
  keys: string[];
  estimate: (index: number) => number;
  scrollTop: number;
  viewportHeight: number;
  /** Pixels rendered beyond the viewport on each side, so fast scrolling shows no gaps. */
  overscan?: number;
}

/**
 * Windowing for rows of unknown height: heights are measured as rows render
 * (ResizeObserver) and remembered by key, unmeasured rows use an estimate,
 * and only the rows near the viewport are rendered between two spacers.
 * Keys, not indexes, carry the measurements, so prepending rows keeps them.
 */
export function useVirtualRows({
  keys,
  estimate,
  scrollTop,
  viewportHeight,
  overscan = 600,
}: Options) {
  const heights = useRef(new Map<string, number>());
  const [version, setVersion] = useState(0);

  // Offsets of every row: recomputed when rows or measurements change, O(rows).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal that a measurement changed
  const offsets = useMemo(() => {
    const result: RowOffsets = new Float64Array(keys.length + 1);
    for (let i = 0; i < keys.length; i++) {
      result[i + 1] =
        (result[i] as number) + (heights.current.get(keys[i] as string) ?? estimate(i));
    }
    return result;
  }, [keys, estimate, version]);
  const totalHeight = offsets[keys.length] as number;

  // Before the list is laid out (server render, tests without layout) show the newest rows.
  const height = viewportHeight > 0 ? viewportHeight : 800;
  const top = viewportHeight > 0 ? scrollTop : Math.max(0, totalHeight - height);
  const first = rowAt(offsets, top - overscan);
  const last = Math.min(keys.length - 1, rowAt(offsets, top + height + overscan));
  const rows: VirtualRow[] = [];
  for (let i = first; i <= last && keys.length > 0; i++) {
    rows.push({ index: i, key: keys[i] as string, top: offsets[i] as number });
  }

  const pendingMeasure = useRef(false);
  const measure = useCallback((key: string, size: number) => {
    if (size <= 0 || heights.current.get(key) === size) return;
    heights.current.set(key, size);
    // Many rows report at once (first paint, a resize): one re-render for all of them.
    if (pendingMeasure.current) return;
    pendingMeasure.current = true;
    queueMicrotask(() => {
      pendingMeasure.current = false;
      setVersion((v) => v + 1);
    });
  }, []);

  const offsetOf = useCallback(
    (key: string) => {
      const index = keys.indexOf(key);
      return index === -1 ? null : (offsets[index] as number);
    },
    [keys, offsets],
  );

  return {
    rows,
    totalHeight,
    paddingTop: rows.length > 0 ? (rows[0] as VirtualRow).top : 0,
    paddingBottom:
      rows.length > 0
        ? totalHeight - (offsets[(rows.at(-1) as VirtualRow).index + 1] as number)
        : 0,
    offsets,
    offsetOf,
    measure,
  };
}
