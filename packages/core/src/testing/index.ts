export type { FakeChatClient, FakeClientOptions, FakeControls } from './fake-client';
export { createFakeChatClient } from './fake-client';
