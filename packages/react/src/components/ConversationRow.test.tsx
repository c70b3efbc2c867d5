import type { Conversation } from '@banter/core';
import type { FakeChatClient } from '@banter/core/testing';
import { screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { formatShort } from '../i18n/format';
import { ConversationRow } from './ConversationRow';

/** The conversation as the store holds it now (with lastMessage and unreadCount). */
function current(client: FakeChatClient, id: string): Conversation {
  const conversation = client.getSnapshot().conversations[id];
  if (!conversation) throw new Error(`no conversation ${id}`);
  return conversation;
}

async function direct(given?: FakeChatClient) {
  const client = given ?? (await fakeClient());
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  return { client, id };
}

describe('ConversationRow', () => {
  it('shows the other person, the last message, its time and the unread count', async () => {
    const { client, id } = await direct();
    const message = client.fake.receive(id, { senderId: 'bob', body: 'Hi there' });
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    expect(await screen.findByText('Bob Ray')).toBeTruthy();
    expect(screen.getByText('Hi there')).toBeTruthy();
    const time = container.querySelector('time');
    expect(time?.getAttribute('dateTime')).toBe(message.createdAt);
    expect(time?.textContent).toBe(formatShort(message.createdAt, 'en'));
    expect(screen.getByRole('img', { name: '1 unread message' }).textContent).toBe('1');
    const row = container.firstElementChild as HTMLElement;
    expect(row.dataset).toMatchObject({ unread: 'true', kind: 'direct', muted: 'false' });
    await expectNoAxeViolations(container);
  });

  it('shows whether the other person is online', async () => {
    const { client, id } = await direct();
    client.fake.presence('bob', true);
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    await screen.findByText('Bob Ray');
    expect(screen.getByText('Online')).toBeTruthy();
    expect(container.querySelector('.banter-avatar')?.getAttribute('data-online')).toBe('true');
    await expectNoAxeViolations(container);
  });

  it('prefixes your own last message and shows no unread badge for it', async () => {
    const { client, id } = await direct();
    client.fake.receive(id, { senderId: 'ann', body: 'See you at 8' });
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    expect(await screen.findByText('You: See you at 8')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /unread/ })).toBeNull();
    expect((container.firstElementChild as HTMLElement).dataset.unread).toBe('false');
    await expectNoAxeViolations(container);
  });

  it('says a deleted last message was deleted', async () => {
    const { client, id } = await direct();
    client.fake.receive(id, { senderId: 'bob', body: '', deletedAt: new Date().toISOString() });
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    expect(await screen.findByText('This message was deleted')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('names attachments when a message has no text', async () => {
    const { client, id } = await direct();
    client.fake.receive(id, {
      senderId: 'bob',
      body: '',
      attachments: [{ url: 'https://example.com/a.png', mimeType: 'image/png' }],
    });
    const image = renderWithClient(<ConversationRow conversation={current(client, id)} />, client);
    expect(await screen.findByText('Image')).toBeTruthy();
    image.unmount();
    client.fake.receive(id, {
      senderId: 'bob',
      body: '',
      attachments: [{ url: 'https://example.com/a.pdf', mimeType: 'application/pdf' }],
    });
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    expect(await screen.findByText('Attachment')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('shows markup in a message as text, never as HTML', async () => {
    const { client, id } = await direct();
    client.fake.receive(id, { senderId: 'bob', body: '<b>hi</b>\n<img src=x onerror=alert(1)>' });
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    expect(await screen.findByText('<b>hi</b> <img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('shows a group by its title, with muted and archived indicators', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({
      participantIds: ['ann', 'bob', 'cat'],
      title: 'Trip planning',
      muted: true,
      archived: true,
    });
    client.fake.receive(id, { senderId: 'cat', body: 'Tickets booked' });
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} selected />,
      client,
    );
    expect(screen.getByText('Trip planning')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Muted' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Archived' })).toBeTruthy();
    const row = container.firstElementChild as HTMLElement;
    expect(row.dataset).toMatchObject({
      kind: 'group',
      muted: 'true',
      archived: 'true',
      selected: 'true',
    });
    expect(container.querySelector('.banter-avatar')?.hasAttribute('data-online')).toBe(false);
    await expectNoAxeViolations(container);
  });

  it('lists the other participants when a group has no title', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob', 'cat'] });
    const { container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    expect(await screen.findByText('Bob Ray and Cat Diaz')).toBeTruthy();
    expect(screen.queryByText(/Ann Lee/)).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('takes a ref, a class name and its element’s props', async () => {
    const { client, id } = await direct();
    const ref = createRef<HTMLDivElement>();
    renderWithClient(
      <ConversationRow
        ref={ref}
        conversation={current(client, id)}
        className="mine"
        data-testid="row"
      />,
      client,
    );
    expect(ref.current).toBe(screen.getByTestId('row'));
    expect(ref.current?.className).toBe('banter-conversation-row mine');
  });
});
