import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { closeFakeClients } from './render';

// jsdom lays nothing out; components that measure (the virtualized list) read these.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= () => {};

afterEach(async () => {
  cleanup();
  await closeFakeClients();
});
