import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatWindow } from './ChatWindow';

describe('ChatWindow', () => {
  it('shows the other person, the conversation, who is typing, and sends from the composer', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.seedHistory(id, 4);
    client.fake.presence('bob', true);
    const { container } = renderWithClient(<ChatWindow conversationId={id} />, client);
    expect(await screen.findByRole('heading', { name: 'Bob Ray' })).toBeTruthy();
    expect(screen.getByText('Online')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBeGreaterThan(4));

    act(() => client.fake.typing(id, 'bob', true));
    expect(screen.getByText('Bob Ray is typing…')).toBeTruthy();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Message' }),
      'Is it still available?{Enter}',
    );
    await waitFor(() => expect(client.fake.stored(id).at(-1)?.body).toBe('Is it still available?'));
    expect(screen.getByText('Is it still available?')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('announces new messages from others in a polite log', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    renderWithClient(<ChatWindow conversationId={id} />, client);
    await waitFor(() => expect(client.getSnapshot().timelines[id]?.loaded).toBe(true));
    act(() => {
      client.fake.receive(id, { senderId: 'bob', body: 'Viewing at 5?' });
    });
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    await waitFor(() => expect(log.textContent).toContain('Viewing at 5?'));
  });

  it('says an outage once (in the banner), and shows presence as unknown until it can be known again', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.presence('bob', true);
    const { container } = renderWithClient(<ChatWindow conversationId={id} />, client);
    const header = (await screen.findByRole('heading', { name: 'Bob Ray' })).closest(
      'header',
    ) as HTMLElement;
    const dot = () => header.querySelector('.banter-avatar__presence');
    await waitFor(() => expect(header.textContent).toContain('Online'));
    expect(dot()).toBeTruthy();

    act(() => client.fake.link.blockSocket());
    const banner = container.querySelector('.banter-connection-banner') as HTMLElement;
    await waitFor(() => expect(banner.textContent).toContain('Can’t reach the chat server'));
    // Nothing in the header repeats it, and Bob's green dot is not a guess kept on screen.
    expect(header.querySelector('.banter-chat-header__subtitle')).toBeNull();
    expect(dot()).toBeNull();
    const outage = /offline|reach|connect/i;
    expect(
      [...container.querySelectorAll('*')].filter(
        (el) => el.children.length === 0 && outage.test(el.textContent ?? ''),
      ),
    ).toHaveLength(1);

    act(() => client.fake.link.blockSocket(false));
    await waitFor(() => expect(header.textContent).toContain('Online'));
    expect(dot()).toBeTruthy();
  });

  it('shows queued messages and the offline state, and sends them when the connection returns', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    renderWithClient(<ChatWindow conversationId={id} />, client);
    act(() => client.fake.connection('offline'));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Message' }),
      'written offline{Enter}',
    );
    expect(screen.getByText('1 message waiting to send')).toBeTruthy();
    expect(document.querySelector('[data-status="sending"]')).toBeTruthy();
    act(() => client.fake.connection('connected'));
    await waitFor(() => expect(document.querySelector('[data-status="sending"]')).toBeNull());
    expect(client.fake.stored(id).map((m) => m.body)).toEqual(['written offline']);
  });
});
