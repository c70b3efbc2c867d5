import type { ChatClient } from '@banter/core';
import { createMemoryServer, type MemoryServer } from '@banter/core/testing';
import { act, render, screen, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { useChatClient, useChatState } from '../hooks/use-chat-state';
import { ChatProvider } from './ChatProvider';
import { type ChatSessionOptions, useChatSession } from './use-session-client';

/** An in-memory server that counts the sockets connected to it at once. */
function countingServer() {
  const server = createMemoryServer({
    users: [
      { id: 'ann', name: 'Ann' },
      { id: 'bob', name: 'Bob' },
    ],
  });
  const live = new Map<string, string>();
  let mostAtOnce = 0;
  const { connected, disconnected } = server;
  server.connected = (socket) => {
    live.set(socket.id, socket.userId);
    mostAtOnce = Math.max(mostAtOnce, live.size);
    connected.call(server, socket);
  };
  server.disconnected = (socketId) => {
    live.delete(socketId);
    disconnected.call(server, socketId);
  };
  return {
    server,
    live: () => [...live.values()],
    mostAtOnce: () => mostAtOnce,
  };
}

/** The session form as a host writes it, over the in-memory server; tokens are user ids. */
function sessionProps(server: MemoryServer, userId: string | null, tokens: string[] = []) {
  const link = server.transport();
  return {
    userId,
    getToken: () => {
      tokens.push(userId ?? '');
      return userId ?? '';
    },
    clientOptions: { transport: link, environment: link.environment },
  } satisfies ChatSessionOptions;
}

/** The session hook and the provider, as a host writes them. */
function Session({ children, ...options }: ChatSessionOptions & { children?: ReactNode }) {
  const client = useChatSession(options);
  return <ChatProvider client={client}>{children}</ChatProvider>;
}

const clients: ChatClient[] = [];

function Status() {
  const client = useChatClient();
  const status = useChatState((state) => state.connection.status);
  if (!clients.includes(client)) clients.push(client);
  return <p>{`${client.userId}: ${status}`}</p>;
}

describe('useChatSession with <ChatProvider client>', () => {
  it('connects one client for the signed-in user and closes it on unmount', async () => {
    const { server, live } = countingServer();
    const view = render(
      <Session {...sessionProps(server, 'ann')}>
        <Status />
      </Session>,
    );
    await screen.findByText('ann: connected');
    expect(live()).toEqual(['ann']);
    view.unmount();
    await waitFor(() => expect(live()).toEqual([]));
  });

  it('survives StrictMode: one client, never two live sockets', async () => {
    const { server, live, mostAtOnce } = countingServer();
    clients.length = 0;
    const view = render(
      <StrictMode>
        <Session {...sessionProps(server, 'ann')}>
          <Status />
        </Session>
      </StrictMode>,
    );
    await screen.findByText('ann: connected');
    // Let any close StrictMode's extra unmount scheduled run: the client must stay connected.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.getByText('ann: connected')).toBeTruthy();
    expect(clients).toHaveLength(1);
    expect(live()).toEqual(['ann']);
    expect(mostAtOnce()).toBe(1);
    view.unmount();
    await waitFor(() => expect(live()).toEqual([]));
  });

  it('renders its children without a client while nobody is signed in', () => {
    const { server, live } = countingServer();
    render(
      <Session {...sessionProps(server, null)}>
        <p>the host's page</p>
      </Session>,
    );
    expect(screen.getByText("the host's page")).toBeTruthy();
    expect(live()).toEqual([]);
  });

  it('connects on sign-in and closes the client on sign-out', async () => {
    const { server, live } = countingServer();
    const page = (userId: string | null) => (
      <StrictMode>
        <Session {...sessionProps(server, userId)}>
          {userId ? <Status /> : <p>signed out</p>}
        </Session>
      </StrictMode>
    );
    const view = render(page(null));
    view.rerender(page('ann'));
    await screen.findByText('ann: connected');
    view.rerender(page(null));
    await screen.findByText('signed out');
    await waitFor(() => expect(live()).toEqual([]));
  });

  it('switches users: the old client is closed, the new one asks for its own token', async () => {
    const { server, live, mostAtOnce } = countingServer();
    const tokens: string[] = [];
    const page = (userId: string) => (
      <StrictMode>
        <Session {...sessionProps(server, userId, tokens)}>
          <Status />
        </Session>
      </StrictMode>
    );
    const view = render(page('ann'));
    await screen.findByText('ann: connected');
    view.rerender(page('bob'));
    await screen.findByText('bob: connected');
    await waitFor(() => expect(live()).toEqual(['bob']));
    expect(mostAtOnce()).toBeLessThanOrEqual(2);
    expect(new Set(tokens)).toEqual(new Set(['ann', 'bob']));
  });

  it('keeps the connection when the host passes a new getToken on every render', async () => {
    const { server, mostAtOnce } = countingServer();
    const props = sessionProps(server, 'ann');
    const view = render(
      <Session {...props}>
        <Status />
      </Session>,
    );
    await screen.findByText('ann: connected');
    for (let i = 0; i < 3; i += 1) {
      view.rerender(
        <Session {...props} getToken={() => 'ann'}>
          <Status />
        </Session>,
      );
    }
    expect(screen.getByText('ann: connected')).toBeTruthy();
    expect(mostAtOnce()).toBe(1);
    view.unmount();
  });

  it('says what is wrong when a Banter hook renders while nobody is signed in', () => {
    const { server } = countingServer();
    // React logs the error it rethrows; the test only needs the message.
    const original = console.error;
    console.error = () => {};
    try {
      expect(() =>
        render(
          <Session {...sessionProps(server, null)}>
            <Status />
          </Session>,
        ),
      ).toThrow(/non-null client/);
    } finally {
      console.error = original;
    }
  });
});
