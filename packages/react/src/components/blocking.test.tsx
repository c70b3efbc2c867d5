import { isBlocked } from '@banter/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatWindow } from './ChatWindow';

describe('blocking from a direct conversation', () => {
  it('blocks from the header menu after a confirmation, then offers Unblock in place of the composer', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const user = userEvent.setup();
    const { container } = renderWithClient(<ChatWindow conversationId={id} />, client);
    await screen.findByRole('heading', { name: 'Bob Ray' });

    await user.click(screen.getByRole('button', { name: 'Conversation options' }));
    await user.click(screen.getByRole('menuitem', { name: 'Block' }));
    // Nothing happens before the confirmation.
    expect(isBlocked(client.getSnapshot(), 'bob')).toBe(false);
    expect(screen.getByRole('menu', { name: /^Block this person\?/ })).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(isBlocked(client.getSnapshot(), 'bob')).toBe(true);
    expect(screen.getByText('You blocked this person')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    await waitFor(() => expect(client.fake.server.state.blocks.get('ann')).toEqual(['bob']));
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Unblock' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    await waitFor(() => expect(client.fake.server.state.blocks.get('ann')).toEqual([]));
  });
});

describe('someone blocked, in a group', () => {
  it('collapses their messages with Show, and blocks from a message’s menu after a confirmation', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob', 'cat'] });
    client.fake.receive(id, { senderId: 'bob', body: 'Hi all' });
    client.fake.receive(id, { senderId: 'cat', body: 'Buy my course' });
    const user = userEvent.setup();
    const { container } = renderWithClient(<ChatWindow conversationId={id} />, client);
    const cats = (await screen.findByText('Buy my course')).closest(
      '.banter-message',
    ) as HTMLElement;

    await user.click(within(cats).getByRole('button', { name: 'Message actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Block' }));
    await user.click(screen.getByRole('menuitem', { name: 'Block' }));
    expect(screen.queryByText('Buy my course')).toBeNull();
    expect(screen.getByText('Message from someone you blocked')).toBeTruthy();
    expect(screen.getByText('Hi all')).toBeTruthy();
    // The composer stays: groups are not closed by a block.
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByText('Buy my course')).toBeTruthy();
    await waitFor(() => expect(client.fake.server.state.blocks.get('ann')).toEqual(['cat']));
  });
});
