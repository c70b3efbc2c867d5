import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { ChatProvider, type ChatProviderProps } from '../src/provider/ChatProvider';

export const people = [
  { id: 'ann', name: 'Ann Lee', avatarUrl: null },
  { id: 'bob', name: 'Bob Ray', avatarUrl: null },
  { id: 'cat', name: 'Cat Diaz', avatarUrl: null },
];

/**
 * The real client signed in as Ann, over an in-memory server that knows Bob
 * and Cat, once connected: from here on, what the test seeds on the server
 * (`client.fake.*`) reaches the client's state at once.
 */
export async function fakeClient(options: { latencyMs?: number } = {}): Promise<FakeChatClient> {
  const client = unconnectedClient(options);
  await client.fake.until((state) => state.connection.status === 'connected');
  return client;
}

/** As `fakeClient`, but returned at once, while it is still connecting. */
export function unconnectedClient(options: { latencyMs?: number } = {}): FakeChatClient {
  const client = createFakeChatClient({ userId: 'ann', users: people, ...options });
  clients.push(client);
  return client;
}

const clients: FakeChatClient[] = [];

/** Closes every client the tests made, so no timer outlives its test file. */
export async function closeFakeClients() {
  await Promise.all(clients.splice(0).map((client) => client.close()));
}

/** Renders inside a ChatProvider around the given client; `rerender` keeps the provider. */
export function renderWithClient(
  ui: ReactElement,
  client: FakeChatClient = unconnectedClient(),
  providerProps: Partial<ChatProviderProps> = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ChatProvider client={client} {...providerProps}>
      {children}
    </ChatProvider>
  );
  return { ...render(ui, { wrapper }), client };
}
