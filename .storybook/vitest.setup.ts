import { afterEach, beforeEach, expect, vi } from 'vitest';

// A story that logs an error or a warning fails: "renders without console errors" is checked, not hoped.
let logged: unknown[][] = [];
beforeEach(() => {
  logged = [];
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push([level, ...args]);
      original(...args);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(logged, 'console.error / console.warn during the story').toEqual([]);
});
