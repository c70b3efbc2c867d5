import type { ConnectionStatus } from '@banter/core';
import type { FakeChatClient } from '@banter/core/testing';
import { act, screen, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient, unconnectedClient } from '../../test/render';
import { ConnectionBanner } from './ConnectionBanner';

const texts: [Exclude<ConnectionStatus, 'connected'>, string][] = [
  ['connecting', 'Connecting…'],
  ['reconnecting', 'Reconnecting…'],
  ['offline', 'You’re offline: messages will be sent when you’re back online'],
  ['refused', 'Can’t connect to the chat'],
  ['closed', 'Disconnected'],
];

describe('ConnectionBanner', () => {
  it('stays mounted but hidden and empty while connected, so later changes are announced', async () => {
    const { container } = renderWithClient(<ConnectionBanner />, await fakeClient());
    const banner = container.querySelector('.banter-connection-banner') as HTMLElement;
    expect(banner.hidden).toBe(true);
    expect(banner.textContent).toBe('');
    expect(screen.queryByRole('status')).toBeNull();
  });

  /** Brings a real client to each state the way it happens: never answered, network gone, closed. */
  const reach: Record<(typeof texts)[number][0], (client: FakeChatClient) => Promise<void>> = {
    async connecting(client) {
      client.fake.connection('reconnecting');
    },
    async reconnecting(client) {
      client.fake.connection('reconnecting');
    },
    async offline(client) {
      client.fake.connection('offline');
    },
    async refused(client) {
      // A page whose origin the server does not allow: the client gives up and says so.
      client.fake.link.refuseConnections({
        code: 'origin_not_allowed',
        message: 'unable to connect: origin https://shop.example is not allowed',
        retryable: false,
      });
      client.fake.link.blockSocket();
      client.fake.link.blockSocket(false);
    },
    async closed(client) {
      await client.close();
    },
  };

  it.each(texts)('says so when %s', async (status, text) => {
    // Stalled before its first answer, a new client is still `connecting`.
    const client = status === 'connecting' ? unconnectedClient() : await fakeClient();
    const { container } = renderWithClient(<ConnectionBanner />, client);
    await act(() => reach[status](client));
    const banner = await screen.findByRole('status');
    await waitFor(() => expect(banner.textContent).toBe(text));
    expect(banner.dataset.state).toBe(status);
    await expectNoAxeViolations(container);
  });

  it('tells a server out of reach from a device without network', async () => {
    const client = await fakeClient();
    renderWithClient(<ConnectionBanner />, client);
    // The device has network, but no connection attempt gets through: REST carries on meanwhile.
    act(() => client.fake.link.blockSocket());
    const banner = await screen.findByRole('status');
    await waitFor(() =>
      expect(banner.textContent).toBe(
        'Can’t reach the chat server: messages will be sent when it’s back',
      ),
    );
    expect(banner.dataset.state).toBe('offline');
  });

  it('counts messages waiting to send across conversations, and hides when back', async () => {
    const client = await fakeClient();
    const a = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const b = client.fake.addConversation({ participantIds: ['ann', 'cat'] });
    const { container } = renderWithClient(<ConnectionBanner />, client);
    act(() => {
      client.fake.connection('offline');
      client.sendMessage(a.id, { body: 'one' });
      client.sendMessage(b.id, { body: 'two' });
    });
    expect(screen.getByRole('status').textContent).toContain('2 messages waiting to send');
    await expectNoAxeViolations(container);

    act(() => client.fake.connection('connected'));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(container.textContent).toBe('');
  });

  it('leaves the count out when nothing waits', async () => {
    const client = await fakeClient();
    renderWithClient(<ConnectionBanner />, client);
    act(() => client.fake.connection('offline'));
    expect(screen.getByRole('status').textContent).not.toContain('waiting');
  });

  it('takes status and count from props when given', () => {
    renderWithClient(<ConnectionBanner status="reconnecting" queuedCount={1} />);
    const banner = screen.getByRole('status');
    expect(banner.dataset.state).toBe('reconnecting');
    expect(screen.getByText('Reconnecting…')).toBeTruthy();
    expect(screen.getByText('1 message waiting to send')).toBeTruthy();
  });

  it('forwards its ref and merges className', () => {
    const ref = createRef<HTMLDivElement>();
    renderWithClient(<ConnectionBanner ref={ref} status="offline" className="mine" />);
    expect(ref.current).toBe(screen.getByRole('status'));
    expect(ref.current?.className).toBe('banter-connection-banner mine');
  });

  it('says a banned account cannot use the chat, with the server’s reason, and shows no reconnecting', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const { container } = renderWithClient(<ConnectionBanner />, client);
    act(() => {
      client.fake.server.ban('ann', 'suspended for spam until 1 December');
    });
    const banner = await screen.findByRole('status');
    await waitFor(() => expect(banner.textContent).toContain('This account can’t use the chat'));
    expect(banner.textContent).toContain('suspended for spam until 1 December');
    expect(banner.dataset.state).toBe('refused');
    expect(banner.dataset.reason).toBe('banned');
    // A message written now fails with the reason; the banner counts nothing as waiting.
    act(() => {
      client.sendMessage(id, { body: 'hello?' });
    });
    expect(banner.textContent).not.toMatch(/Reconnecting|waiting/);
    await expectNoAxeViolations(container);
  });
});
