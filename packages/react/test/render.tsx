import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { ChatProvider, type ChatProviderProps } from '../src/provider/ChatProvider';

export const people = [
  { id: 'ann', name: 'Ann Lee', avatarUrl: null },
  { id: 'bob', name: 'Bob Ray', avatarUrl: null },
  { id: 'cat', name: 'Cat Diaz', avatarUrl: null },
];

/** A fake client signed in as Ann, with Bob and Cat as known people. */
export function fakeClient(options: { latencyMs?: number } = {}): FakeChatClient {
  return createFakeChatClient({ userId: 'ann', users: people, ...options });
}

/** Renders inside a ChatProvider around the given client; `rerender` keeps the provider. */
export function renderWithClient(
  ui: ReactElement,
  client: FakeChatClient = fakeClient(),
  providerProps: Partial<ChatProviderProps> = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ChatProvider client={client} {...providerProps}>
      {children}
    </ChatProvider>
  );
  return { ...render(ui, { wrapper }), client };
}
