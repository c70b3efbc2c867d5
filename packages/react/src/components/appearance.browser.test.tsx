import '../styles/banter.css';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient } from '../../test/render';
import { ChatProvider } from '../provider/ChatProvider';
import { ChatWidget } from './ChatWidget';
import { ChatWindow } from './ChatWindow';

/** The visible rows, not the announcer that repeats new messages. */
const rows = () => within(screen.getByRole('list', { name: 'Messages' }));

const frame = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('right-to-left pages', () => {
  it('mirrors the layout: own messages on the left, the text aligned to the start', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.receive(id, { senderId: 'bob', body: 'مرحبا' });
    client.fake.receive(id, { senderId: 'ann', body: 'أهلا' });
    render(
      <ChatProvider client={client} locale="ar">
        <div dir="rtl" style={{ height: 500, width: 420 }}>
          <ChatWindow conversationId={id} />
        </div>
      </ChatProvider>,
    );
    const own = await waitFor(() => rows().getByText('أهلا'));
    const other = rows().getByText('مرحبا');
    const ownBubble = own.closest('.banter-message__bubble') as HTMLElement;
    const otherBubble = other.closest('.banter-message__bubble') as HTMLElement;
    expect(ownBubble.getBoundingClientRect().left).toBeLessThan(
      otherBubble.getBoundingClientRect().left,
    );
    expect(getComputedStyle(ownBubble).direction).toBe('rtl');
  });
});

describe('colour contrast', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`meets WCAG AA in the ${theme} theme for the widget and its conversation list`, async () => {
      const client = await fakeClient();
      const a = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
      client.fake.addConversation({ participantIds: ['ann', 'cat'], muted: true });
      client.fake.receive(a.id, { senderId: 'bob', body: 'Are you still looking for a flat?' });
      client.fake.presence('bob', true);
      const { container } = render(
        <ChatProvider client={client}>
          <ChatWidget title="Messages" defaultOpen theme={theme} />
        </ChatProvider>,
      );
      await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
      await frame();
      await expectNoAxeViolations(container, { contrast: true });
    });

    it(`meets WCAG AA in the ${theme} theme`, async () => {
      const client = await fakeClient();
      const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
      client.fake.seedHistory(id, 6);
      client.fake.receive(id, {
        senderId: 'ann',
        body: 'own message with a link https://example.com',
      });
      const { container } = render(
        <ChatProvider client={client}>
          <div style={{ height: 600, width: 420 }}>
            <ChatWindow conversationId={id} theme={theme} />
          </div>
        </ChatProvider>,
      );
      await waitFor(() => rows().getByText('Message 6'));
      act(() => client.fake.connection('offline'));
      await frame();
      await expectNoAxeViolations(container, { contrast: true });
    });
  }
});
