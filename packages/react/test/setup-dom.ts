import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { menuChunk } from '../src/components/menu-chunk';
import { closeFakeClients } from './render';

// jsdom lays nothing out; components that measure (the virtualized list) read these.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= () => {};

// The menus' code is a chunk fetched when a first menu opens: tests of what is in the menus
// find it at hand, as a reader does from the second menu on (MenuButton.test covers the wait).
beforeAll(async () => {
  menuChunk.loaded ??= await menuChunk.load();
});

afterEach(async () => {
  cleanup();
  // Drafts persist in localStorage: one test's draft must not appear in the next.
  localStorage.clear();
  await closeFakeClients();
});
