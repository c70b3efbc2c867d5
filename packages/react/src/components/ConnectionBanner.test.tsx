import type { ConnectionStatus } from '@banter/core';
import { act, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ConnectionBanner } from './ConnectionBanner';

const texts: [Exclude<ConnectionStatus, 'connected'>, string][] = [
  ['connecting', 'Connecting…'],
  ['reconnecting', 'Reconnecting…'],
  ['offline', 'Offline: messages will be sent when the connection returns'],
  ['closed', 'Disconnected'],
];

describe('ConnectionBanner', () => {
  it('stays mounted but hidden and empty while connected, so later changes are announced', () => {
    const { container } = renderWithClient(<ConnectionBanner />);
    const banner = container.querySelector('.banter-connection-banner') as HTMLElement;
    expect(banner.hidden).toBe(true);
    expect(banner.textContent).toBe('');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it.each(texts)('says so when %s', async (status, text) => {
    const client = fakeClient();
    const { container } = renderWithClient(<ConnectionBanner />, client);
    act(() => client.fake.connection(status));
    const banner = screen.getByRole('status');
    expect(banner.textContent).toBe(text);
    expect(banner.dataset.state).toBe(status);
    await expectNoAxeViolations(container);
  });

  it('counts messages waiting to send across conversations, and hides when back', async () => {
    const client = fakeClient();
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
    expect(screen.queryByRole('status')).toBeNull();
    expect(container.textContent).toBe('');
  });

  it('leaves the count out when nothing waits', () => {
    const client = fakeClient();
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
});
