import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatHeader } from './ChatHeader';
import { ChatWindow } from './ChatWindow';
import { ConversationList } from './ConversationList';

/** Ann's list: a direct conversation with Bob and a group, each with a message. */
async function setup() {
  const client = await fakeClient();
  const bob = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  client.fake.receive(bob.id, { senderId: 'bob', body: 'hi' });
  const group = client.fake.addConversation({
    participantIds: ['ann', 'bob', 'cat'],
    title: 'Trip',
  });
  client.fake.receive(group.id, { senderId: 'cat', body: 'tent?' });
  const result = renderWithClient(
    <>
      <ConversationList />
      <ChatHeader conversationId={group.id} />
    </>,
    client,
  );
  const list = () => within(screen.getByRole('listbox', { name: 'Conversations' }));
  await waitFor(() => expect(list().getAllByRole('option')).toHaveLength(2));
  return { ...result, client, bobId: bob.id, groupId: group.id, list, user: userEvent.setup() };
}

const header = () => within(screen.getByRole('banner'));

describe('conversation actions', () => {
  it('mutes and unmutes from the header menu; the row shows the muted icon', async () => {
    const { client, groupId, list, user } = await setup();
    await user.click(header().getByRole('button', { name: 'Conversation options', hidden: true }));
    await user.click(await screen.findByRole('menuitem', { name: 'Mute' }));
    await waitFor(() => expect(client.getSnapshot().conversations[groupId]?.muted).toBe(true));
    const row = list().getByRole('option', { name: /Trip/ });
    expect(within(row).getByRole('img', { name: 'Muted' })).toBeTruthy();
    await user.click(header().getByRole('button', { name: 'Conversation options', hidden: true }));
    await user.click(await screen.findByRole('menuitem', { name: 'Unmute' }));
    await waitFor(() => expect(client.getSnapshot().conversations[groupId]?.muted).toBe(false));
    expect(within(row).queryByRole('img', { name: 'Muted' })).toBeNull();
  });

  it('opens a row’s menu from the focused row with Shift+F10 or the context-menu key; Escape returns', async () => {
    const { list, user, container } = await setup();
    const [first] = list().getAllByRole('option') as [HTMLElement];
    for (const keys of ['{Shift>}{F10}{/Shift}', '{ContextMenu}']) {
      act(() => first.focus());
      await user.keyboard(keys);
      const menu = await screen.findByRole('menu', { name: 'Conversation options' });
      await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('menu')).toBeNull();
      expect(document.activeElement).toBe(first);
    }
    // The pointer's button beside each row is neither announced nor a tab stop.
    await expectNoAxeViolations(container);
  });

  it('archives from the row menu into the Archived view, where a new message leaves it', async () => {
    const { client, bobId, list, user } = await setup();
    const row = list().getByRole('option', { name: /Bob Ray/ });
    const entry = row.parentElement as HTMLElement;
    await user.click(
      within(entry).getByRole('button', { name: 'Conversation options', hidden: true }),
    );
    await user.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    await waitFor(() => expect(list().getAllByRole('option')).toHaveLength(1));
    const toggle = screen.getByRole('button', { name: 'Archived' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(list().getAllByRole('option')).toHaveLength(1));
    expect(list().getByRole('option', { name: /Bob Ray/ })).toBeTruthy();
    // The documented rule: a new message does not unarchive a conversation.
    act(() => {
      client.fake.receive(bobId, { senderId: 'bob', body: 'still there?' });
    });
    await waitFor(() =>
      expect(client.getSnapshot().conversations[bobId]?.lastMessage?.body).toBe('still there?'),
    );
    expect(client.getSnapshot().conversations[bobId]?.archived).toBe(true);
    expect(list().getByRole('option', { name: /Bob Ray/ })).toBeTruthy();
    // Unarchive brings it back to the current list.
    const archivedEntry = list().getByRole('option', { name: /Bob Ray/ })
      .parentElement as HTMLElement;
    await user.click(
      within(archivedEntry).getByRole('button', { name: 'Conversation options', hidden: true }),
    );
    await user.click(await screen.findByRole('menuitem', { name: 'Unarchive' }));
    await waitFor(() => expect(screen.getByText('No archived conversations')).toBeTruthy());
    await user.click(toggle);
    await waitFor(() => expect(list().getAllByRole('option')).toHaveLength(2));
  });

  it('asks before leaving a group, focusing Cancel; Leave takes it off the list', async () => {
    const { client, groupId, list, user } = await setup();
    const trigger = header().getByRole('button', { name: 'Conversation options', hidden: true });
    await user.click(trigger);
    await user.click(await screen.findByRole('menuitem', { name: 'Leave group' }));
    const question = 'Leave this group? You won’t get its messages any more.';
    expect(screen.getByRole('menu', { name: question })).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Cancel' })),
    );
    await user.click(screen.getByRole('menuitem', { name: 'Cancel' }));
    expect(screen.getByRole('menu', { name: 'Conversation options' })).toBeTruthy();
    await user.click(screen.getByRole('menuitem', { name: 'Leave group' }));
    await user.click(screen.getByRole('menuitem', { name: 'Leave' }));
    await waitFor(() => expect(client.getSnapshot().conversations[groupId]).toBeUndefined());
    expect(list().getAllByRole('option')).toHaveLength(1);
    expect(list().queryByRole('option', { name: /Trip/ })).toBeNull();
  });

  it('offers no Leave in a direct conversation, and says when an action failed', async () => {
    const { client, list, user } = await setup();
    const entry = list().getByRole('option', { name: /Bob Ray/ }).parentElement as HTMLElement;
    await user.click(
      within(entry).getByRole('button', { name: 'Conversation options', hidden: true }),
    );
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent);
    expect(items).toEqual(['Mute', 'Archive', 'Block']);
    client.fake.link.failNext('conversation:mute', 'forbidden', 'no');
    await user.click(screen.getByRole('menuitem', { name: 'Mute' }));
    expect((await within(entry).findByRole('alert')).textContent).toBe(
      'Couldn’t do that. Try again.',
    );
  });

  it('shows the window as left after leaving from its header: no composer, a status instead', async () => {
    const client = await fakeClient();
    const group = client.fake.addConversation({
      participantIds: ['ann', 'bob', 'cat'],
      title: 'Trip',
    });
    client.fake.receive(group.id, { senderId: 'cat', body: 'tent?' });
    const user = userEvent.setup();
    renderWithClient(<ChatWindow conversationId={group.id} />, client);
    await screen.findByRole('heading', { name: 'Trip' });
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Conversation options' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Leave group' }));
    await user.click(screen.getByRole('menuitem', { name: 'Leave' }));
    await screen.findByText('You’re no longer in this conversation.');
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
  });
});
