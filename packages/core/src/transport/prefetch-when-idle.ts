/**
 * Runs `load` once the page is idle (requestIdleCallback, or a short timeout
 * where there is none), so code needed only in an outage is already there when
 * one comes. Only in a browser: servers and SSR fetch nothing ahead. A failed
 * load is ignored here; the first real need loads again.
 */
export function prefetchWhenIdle(load: () => Promise<unknown>): void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  const run = () => void load().catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 1000);
}
