import type { Conversation, MessageView } from '@banter/core';
import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../../test/axe';
import { fakeClient, people, renderWithClient } from '../../../test/render';
import { Composer } from '../Composer';
import { ConversationRow } from '../ConversationRow';
import { MessageBubble } from '../MessageBubble';
import { MessageText } from '../MessageText';

const current = (client: FakeChatClient, id: string) =>
  client.getSnapshot().conversations[id] as Conversation;

/** A group of Ann (the reader), Bob, Cat and two people whose names have spaces and emoji. */
async function group() {
  const client = createFakeChatClient({
    userId: 'ann',
    users: [
      ...people,
      { id: 'zoe', name: 'Zoë 🌸 Park', avatarUrl: null },
      { id: 'dan', name: 'Dan the 🦊', avatarUrl: null },
    ],
  });
  await client.fake.until((state) => state.connection.status === 'connected');
  const { id } = client.fake.addConversation({
    kind: 'group',
    participantIds: ['ann', 'bob', 'cat', 'zoe', 'dan'],
  });
  renderWithClient(<Composer conversationId={id} />, client);
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  return { client, id, box, user: userEvent.setup() };
}

const stored = (client: FakeChatClient, id: string) =>
  client.fake.stored(id).map(({ body, mentions }) => ({ body, mentions }));

describe('mentions in a message', () => {
  it('shows each mention as a span (not a link) with the person’s current name, the reader’s highlighted', async () => {
    const client = await fakeClient();
    const { container } = renderWithClient(
      <MessageText
        body="Bob and Ann, see https://example.com"
        mentions={[
          { userId: 'bob', start: 0, end: 3 },
          { userId: 'ann', start: 8, end: 11 },
        ]}
      />,
      client,
    );
    const bob = await screen.findByText('Bob Ray');
    const ann = await screen.findByText('Ann Lee');
    expect([bob.tagName, bob.className, bob.dataset.self]).toEqual([
      'SPAN',
      'banter-mention',
      undefined,
    ]);
    expect(ann.dataset.self).toBe('true');
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com',
    ]);
    await expectNoAxeViolations(container);
  });

  it('shows the new name after a rename, and the written text until a name is known', async () => {
    const client = await fakeClient();
    renderWithClient(
      <MessageText
        body="Bob and Robin"
        mentions={[
          { userId: 'bob', start: 0, end: 3 },
          { userId: 'rob', start: 8, end: 13 },
        ]}
      />,
      client,
    );
    expect(await screen.findByText('Bob Ray')).toBeTruthy();
    // Nobody by that id yet: the name as it was written.
    expect(screen.getByText('Robin').className).toBe('banter-mention');
    client.fake.server.state.users.set('bob', { id: 'bob', name: 'Robert Ray', avatarUrl: null });
    client.fake.server.state.users.set('rob', { id: 'rob', name: 'Rob Stone', avatarUrl: null });
    await act(() => client.fetchUsers(['rob', 'bob']));
    expect(await screen.findByText('Robert Ray')).toBeTruthy();
    expect(screen.getByText('Rob Stone')).toBeTruthy();
    expect(screen.queryByText('Bob Ray')).toBeNull();
  });

  it('renders the current name inside a bubble, and a range that does not fit as plain text', async () => {
    const client = await fakeClient();
    const view = {
      key: 'k',
      id: 'm1',
      seq: 1,
      conversationId: 'c1',
      senderId: 'cat',
      clientId: 'k',
      kind: 'text',
      body: 'Bob <b>x</b>',
      mentions: [
        { userId: 'bob', start: 0, end: 3 },
        { userId: 'ann', start: 4, end: 99 },
      ],
      attachments: [],
      replyTo: null,
      createdAt: '2026-03-01T10:15:00.000Z',
      editedAt: null,
      deletedAt: null,
      own: false,
      status: null,
      error: null,
      reactions: [],
      actions: [],
    } satisfies MessageView;
    const { container } = renderWithClient(<MessageBubble message={view} />, client);
    expect(await screen.findByText('Bob Ray')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelectorAll('.banter-mention')).toHaveLength(1);
  });
});

describe('the "@" badge on a conversation row', () => {
  it('appears with an accessible count while messages mentioning me are unread', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const { rerender, container } = renderWithClient(
      <ConversationRow conversation={current(client, id)} />,
      client,
    );
    expect(screen.queryByRole('img', { name: /mention/ })).toBeNull();
    client.fake.receive(id, {
      senderId: 'bob',
      body: 'Ann?',
      mentions: [{ userId: 'ann', start: 0, end: 3 }],
    });
    client.fake.receive(id, { senderId: 'bob', body: 'hello' });
    await client.fake.until((state) => state.conversations[id]?.unreadCount === 2);
    rerender(<ConversationRow conversation={current(client, id)} />);
    expect(screen.getByRole('img', { name: '1 unread mention of you' }).textContent).toBe('@');
    await expectNoAxeViolations(container);
  });
});

describe('the composer’s @ autocomplete', () => {
  it('lists the participants matching what follows @, and is used with the keyboard alone', async () => {
    const { client, id, box, user } = await group();
    await user.type(box, 'Hi @');
    const list = await screen.findByRole('listbox', { name: 'People to mention' });
    // Everyone but the reader.
    expect(within(list).getAllByRole('option')).toHaveLength(4);
    await user.type(box, 'ca');
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['CDCat Diaz']),
    );
    const option = within(list).getByRole('option');
    expect(box.getAttribute('aria-activedescendant')).toBe(option.id);
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    expect(option.getAttribute('aria-selected')).toBe('true');
    await expectNoAxeViolations(document.body);

    await user.keyboard('{Enter}');
    expect(box.value).toBe('Hi Cat Diaz ');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.hasAttribute('aria-activedescendant')).toBe(false);
    await user.type(box, 'and @b');
    await screen.findByRole('option', { name: 'Bob Ray' });
    await user.keyboard('{Tab}');
    expect(box.value).toBe('Hi Cat Diaz and Bob Ray ');
    expect(document.activeElement).toBe(box);
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(stored(client, id)).toEqual([
        {
          body: 'Hi Cat Diaz and Bob Ray',
          mentions: [
            { userId: 'cat', start: 3, end: 11 },
            { userId: 'bob', start: 16, end: 23 },
          ],
        },
      ]),
    );
  });

  it('keeps a draft’s mentions with its text across a reload, and drops them once the text is cleared', async () => {
    const client = createFakeChatClient({ userId: 'ann', users: people });
    await client.fake.until((state) => state.connection.status === 'connected');
    const { id } = client.fake.addConversation({
      kind: 'group',
      participantIds: ['ann', 'bob', 'cat'],
    });
    const saved = new Map<string, string>();
    const draftStorage = {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
      removeItem: (key: string) => void saved.delete(key),
    };
    const user = userEvent.setup();
    const first = renderWithClient(<Composer conversationId={id} />, client, { draftStorage });
    const box = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    await user.type(box(), 'Ask @b');
    await user.click(await screen.findByRole('option', { name: 'Bob Ray' }));
    await user.type(box(), 'about it');
    first.unmount();

    // A reload: a new provider reading the same storage.
    renderWithClient(<Composer conversationId={id} />, client, { draftStorage });
    expect(box().value).toBe('Ask Bob Ray about it');
    await user.click(box());
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(stored(client, id)).toEqual([
        { body: 'Ask Bob Ray about it', mentions: [{ userId: 'bob', start: 4, end: 11 }] },
      ]),
    );
    // Sent: the draft is gone, mentions and all.
    expect(saved.size).toBe(0);
  });

  it('sends only the stored mentions that fit the draft’s text', async () => {
    const client = createFakeChatClient({ userId: 'ann', users: people });
    await client.fake.until((state) => state.connection.status === 'connected');
    const { id } = client.fake.addConversation({ kind: 'group', participantIds: ['ann', 'bob'] });
    const bad = [{ userId: 'bob', start: 3, end: 60 }, { userId: 7, start: 0, end: 2 }, null];
    const draft = { text: 'hi Bob', mentions: [{ userId: 'bob', start: 3, end: 6 }, ...bad] };
    const draftStorage = {
      getItem: (key: string) => (key.endsWith(id) ? JSON.stringify(draft) : null),
      setItem: () => {},
      removeItem: () => {},
    };
    renderWithClient(<Composer conversationId={id} />, client, { draftStorage });
    const user = userEvent.setup();
    await user.click(screen.getByRole('textbox', { name: 'Message' }));
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(stored(client, id)).toEqual([
        { body: 'hi Bob', mentions: [{ userId: 'bob', start: 3, end: 6 }] },
      ]),
    );
  });

  it('matches names with spaces and emoji, moves with the arrows, and picks with a click too', async () => {
    const { client, id, box, user } = await group();
    await user.type(box, '@zoë 🌸');
    expect(await screen.findByRole('option', { name: 'Zoë 🌸 Park' })).toBeTruthy();
    await user.clear(box);
    await user.type(box, '@d');
    const list = await screen.findByRole('listbox');
    const names = () =>
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent?.slice(2));
    // "Dan the 🦊" starts with it; "Cat Diaz" has a word starting with it.
    await waitFor(() => expect(names()).toEqual(['Dan the 🦊', 'Cat Diaz']));
    await user.keyboard('{ArrowDown}');
    expect(within(list).getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(within(list).getAllByRole('option')[0]?.getAttribute('aria-selected')).toBe('true');
    await user.click(screen.getByRole('option', { name: 'Dan the 🦊' }));
    expect(box.value).toBe('Dan the 🦊 ');
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(stored(client, id)[0]?.mentions).toEqual([{ userId: 'dan', start: 0, end: 10 }]),
    );
  });

  it('says when nobody matches, and Escape closes the list without leaving the box', async () => {
    const { box, user } = await group();
    await user.type(box, '@xyz');
    expect((await screen.findByRole('status')).textContent).toBe('No one by that name');
    expect(box.hasAttribute('aria-activedescendant')).toBe(false);
    await user.clear(box);
    await user.type(box, '@bo');
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('@bo');
    expect(document.activeElement).toBe(box);
  });

  it('keeps ranges right while the text around them changes, and Backspace removes a mention whole', async () => {
    const { client, id, box, user } = await group();
    await user.type(box, '@bob');
    await screen.findByRole('option', { name: 'Bob Ray' });
    await user.keyboard('{Enter}');
    await user.type(box, '@cat');
    await screen.findByRole('option', { name: 'Cat Diaz' });
    await user.keyboard('{Enter}');
    expect(box.value).toBe('Bob Ray Cat Diaz ');
    // Text typed before the mentions shifts them.
    box.setSelectionRange(0, 0);
    await user.type(box, 'Hey ', { initialSelectionStart: 0, initialSelectionEnd: 0 });
    expect(box.value).toBe('Hey Bob Ray Cat Diaz ');
    // Backspace right after "Cat Diaz" takes the whole name, not its last letter.
    const afterCat = 'Hey Bob Ray Cat Diaz'.length;
    await user.type(box, '{Backspace}', {
      initialSelectionStart: afterCat,
      initialSelectionEnd: afterCat,
    });
    expect(box.value).toBe('Hey Bob Ray  ');
    await user.keyboard('{End}{Enter}');
    await waitFor(() =>
      expect(stored(client, id)).toEqual([
        { body: 'Hey Bob Ray', mentions: [{ userId: 'bob', start: 4, end: 11 }] },
      ]),
    );
  });
});
