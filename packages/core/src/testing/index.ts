export type { FakeChatClient, FakeClientOptions, FakeControls } from './fake-client';
export { createFakeChatClient } from './fake-client';
export type {
  MemoryServerLimits,
  MemoryServerOptions,
} from './memory-server/memory-server';
export { createMemoryServer, MemoryServer } from './memory-server/memory-server';
export type { MemoryLinkOptions } from './memory-server/memory-transport';
export { MemoryTransport } from './memory-server/memory-transport';
