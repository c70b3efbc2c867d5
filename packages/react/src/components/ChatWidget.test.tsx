import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatWidget } from './ChatWidget';

async function setup() {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  client.fake.receive(id, { senderId: 'bob', body: 'Hi Ann' });
  client.fake.receive(id, { senderId: 'bob', body: 'Still interested?' });
  return { client, id };
}

describe('ChatWidget', () => {
  it('is a launcher with the unread count while closed', async () => {
    const { client } = await setup();
    const { container } = renderWithClient(<ChatWidget title="Messages" />, client);
    const launcher = screen.getByRole('button', { name: 'Open chat, 2 unread messages' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.banter-widget__badge')?.textContent).toBe('2');
    expect(screen.queryByRole('dialog')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('opens on the list, moves focus in, opens a conversation, goes back, and closes with Escape', async () => {
    const { client } = await setup();
    const { container } = renderWithClient(<ChatWidget title="Messages" />, client);
    await userEvent.click(screen.getByRole('button', { name: /Open chat/ }));
    const dialog = screen.getByRole('dialog', { name: 'Messages' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await waitFor(() => expect(screen.getAllByRole('option').length).toBe(1));
    await expectNoAxeViolations(container);

    await userEvent.click(screen.getByRole('option'));
    expect(await screen.findByRole('heading', { name: 'Bob Ray' })).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' })),
    );
    await expectNoAxeViolations(container);

    await userEvent.click(screen.getByRole('button', { name: 'Back to conversations' }));
    expect(await screen.findByRole('listbox')).toBeTruthy();

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Open chat/ }));
  });

  it('opens a message found by searching all conversations, in its conversation, highlighted', async () => {
    const client = await fakeClient();
    const trip = client.fake.addConversation({ participantIds: ['ann', 'bob'], title: 'Trip' });
    client.fake.addConversation({ participantIds: ['ann', 'cat'], title: 'Work' });
    client.fake.receive(trip.id, { senderId: 'bob', body: 'The train leaves at nine' });
    client.fake.receive(trip.id, { senderId: 'bob', body: 'See you there' });
    const user = userEvent.setup();
    renderWithClient(<ChatWidget title="Messages" defaultOpen />, client);
    await user.click(await screen.findByRole('button', { name: 'Search all conversations' }));
    await user.type(await screen.findByRole('combobox'), 'train');
    await user.click(await screen.findByRole('option', { name: /train leaves/ }));
    expect(await screen.findByRole('heading', { name: 'Trip' })).toBeTruthy();
    await waitFor(() => {
      const found = [...document.querySelectorAll('[data-highlighted="true"]')];
      expect(found.map((element) => element.textContent)).toEqual([
        expect.stringContaining('The train leaves at nine'),
      ]);
    });
  });

  it('can be controlled by the host and placed on the left', async () => {
    const { client, id } = await setup();
    const { container, rerender } = renderWithClient(
      <ChatWidget open conversationId={id} position="bottom-left" />,
      client,
    );
    expect(container.querySelector('.banter-widget')?.getAttribute('data-position')).toBe(
      'bottom-left',
    );
    expect(await screen.findByRole('heading', { name: 'Bob Ray' })).toBeTruthy();
    rerender(<ChatWidget open={false} conversationId={id} position="bottom-left" />);
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => {
      client.fake.receive(id, { senderId: 'bob', body: 'one more' });
    });
  });
});
