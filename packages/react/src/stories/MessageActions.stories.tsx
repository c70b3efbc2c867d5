import type { FakeChatClient } from '@banter/core/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { delay, HttpResponse, http } from 'msw';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { emojibaseResponse } from '../../test/emoji-data';
import { ChatWindow } from '../components/ChatWindow';
import { MessageActionsMenu } from '../components/MessageActionsMenu';
import { bobChat, me, reactAs, serverHas, withBobChat } from './fixtures';

/** The trip group: reactions from several people read better there. */
const trip = 'c-trip';

/** A group with Bob, Cat and Dan, after `setup` has played the others' part. */
function withTrip(setup: (client: FakeChatClient, id: string) => Promise<void> | void) {
  return withBobChat(async (client) => {
    client.fake.addConversation({
      id: trip,
      title: 'Weekend trip',
      participantIds: [me, 'bob', 'cat', 'dan', 'eve'],
    });
    await setup(client, trip);
  });
}

const meta = {
  title: 'Drop-in/ChatWindow/Message actions',
  component: ChatWindow,
  args: { conversationId: trip },
  parameters: {
    height: 640,
    docs: {
      description: {
        component:
          'Reactions, replies, editing and deleting. Hover or focus a message for its actions button; on touch, press and hold; from the keyboard, arrow keys move between messages and Enter (or the context-menu key, or Shift+F10) opens the menu. "More reactions" (the last button of the emoji row) opens the full picker, whose code loads on first use; its emoji data comes from Emojibase, played here by msw.',
      },
    },
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

const fakeOf = (loaded: Record<string, unknown>) => loaded.client as FakeChatClient;
const bubbleOf = (canvasElement: HTMLElement, text: string) =>
  within(canvasElement)
    .getByText(text, { selector: '.banter-message__text > span' })
    .closest('.banter-message') as HTMLElement;

/** Many reactions, some the reader's own (pressed), one still on its way (dashed). */
export const Reactions: Story = {
  parameters: {
    client: withTrip(async (client, id) => {
      const tent = client.fake.receive(id, { senderId: 'dan', body: 'I booked the campsite ⛺' });
      const ferry = client.fake.receive(id, { senderId: 'cat', body: 'Ferry leaves at 7:10' });
      for (const [user, emoji] of [
        ['bob', '🎉'],
        ['cat', '🎉'],
        ['eve', '🎉'],
        ['bob', '❤'],
        ['cat', '👍'],
        ['eve', '😮'],
        ['bob', '🙏'],
      ] as const)
        await reactAs(client, user, id, tent.id, emoji);
      await reactAs(client, 'dan', id, ferry.id, '👍');
      client.addReaction(id, tent.id, '🎉');
      await serverHas(client, id, (messages) => messages[0]?.reactions[0]?.count === 4);
      // The next reaction waits for an answer that is held back: it stays pending.
      client.fake.link.hold();
      client.addReaction(id, ferry.id, '😂');
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const party = await canvas.findByRole('button', { name: /🎉 4 reactions/ });
    await expect(party).toHaveAttribute('aria-pressed', 'true');
    const pending = await canvas.findByRole('button', { name: /😂 1 reaction/ });
    await expect(pending).toHaveAttribute('data-pending', 'true');
  },
};

export const ActionsMenuOpen: Story = {
  parameters: {
    client: withTrip((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Who brings the stove?' });
      client.fake.receive(id, { senderId: me, body: 'I can bring mine' });
    }),
  },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('I can bring mine');
    const mine = bubbleOf(canvasElement, 'I can bring mine');
    await userEvent.click(within(mine).getByRole('button', { name: 'Message actions' }));
    await expect(await within(canvasElement).findByRole('menu')).toBeVisible();
  },
};

export const ConfirmingDelete: Story = {
  parameters: ActionsMenuOpen.parameters,
  play: async (context) => {
    await ActionsMenuOpen.play?.(context);
    await userEvent.click(within(context.canvasElement).getByRole('menuitem', { name: 'Delete' }));
    await expect(
      within(context.canvasElement).getByRole('menuitem', { name: 'Delete for everyone' }),
    ).toBeVisible();
  },
};

export const ReplyBeingComposed: Story = {
  parameters: ActionsMenuOpen.parameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Who brings the stove?');
    const theirs = bubbleOf(canvasElement, 'Who brings the stove?');
    await userEvent.click(within(theirs).getByRole('button', { name: 'Message actions' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Reply' }));
    await expect(canvas.getByText('Replying to Bob Marley')).toBeVisible();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Not me this time');
  },
};

/** Replies whose original is held, deleted, or older than what is loaded. */
export const ReplyBubbles: Story = {
  parameters: {
    client: withBobChat(async (client, id) => {
      const { state } = client.fake.server;
      const stored = state.conversations.get(id);
      if (!stored) throw new Error('no conversation');
      // From long ago, before the newest page: not loaded when the story opens.
      const old = state.append(stored, { senderId: 'bob', body: 'The cabin code is 4711' });
      client.fake.seedHistory(id, 60);
      // Read so far: the list opens at the newest message, not at the first unread.
      client.fake.read(id, client.getSnapshot().userId, 61);
      const question = client.fake.receive(id, {
        senderId: 'bob',
        body: 'Are we taking the early ferry?\nThe late one is full',
      });
      const photo = client.fake.receive(id, {
        senderId: 'bob',
        kind: 'image',
        attachments: [
          { url: 'https://example.com/x.png', name: 'tickets.png', mimeType: 'image/png' },
        ],
      });
      const gone = client.fake.receive(id, {
        senderId: 'bob',
        body: '',
        deletedAt: new Date().toISOString(),
      });
      client.fake.receive(id, { senderId: me, body: 'Yes, the early one', replyTo: question.id });
      client.fake.receive(id, { senderId: me, body: 'Got them, thanks', replyTo: photo.id });
      client.fake.receive(id, { senderId: me, body: 'No worries', replyTo: gone.id });
      client.fake.receive(id, { senderId: me, body: 'What was the code again?', replyTo: old.id });
    }),
  },
  args: { conversationId: bobChat },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('button', {
        name: 'In reply to Bob Marley: Are we taking the early ferry?',
      }),
    ).toBeVisible();
    await expect(
      canvas.getByRole('button', { name: 'In reply to Bob Marley: Image: tickets.png' }),
    ).toBeVisible();
    const missing = canvas.getByRole('button', {
      name: 'In reply to: Original message not loaded',
    });
    await userEvent.click(missing);
    await waitFor(
      () =>
        expect(bubbleOf(canvasElement, 'The cabin code is 4711')).toHaveAttribute(
          'data-highlighted',
          'true',
        ),
      { timeout: 5_000 },
    );
  },
};

export const Editing: Story = {
  parameters: {
    client: withTrip((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'When do we meet?' });
      client.fake.receive(id, { senderId: me, body: 'Harbour at six' });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Harbour at six');
    const box = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.click(box);
    await userEvent.keyboard('{ArrowUp}');
    // The quote comes with the menus chunk, which may still be on its way.
    await expect(await canvas.findByText('Editing message')).toBeVisible();
    await expect(box).toHaveValue('Harbour at six');
  },
};

export const EditedAndDeletedByMe: Story = {
  parameters: {
    client: withTrip(async (client, id) => {
      const a = client.fake.receive(id, { senderId: me, body: 'Meet at six' });
      const b = client.fake.receive(id, { senderId: me, body: 'Bring the red tent' });
      client.fake.receive(id, { senderId: 'cat', body: 'Noted!' });
      client.editMessage(id, a.id, 'Meet at seven');
      client.deleteMessage(id, b.id);
      await serverHas(client, id, (messages) => messages[1]?.deletedAt != null);
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Meet at seven')).toBeVisible();
    await expect(canvas.getByText('This message was deleted')).toBeVisible();
  },
};

/**
 * Offline, the reader sends a message, edits it and reacts to it before the
 * server has stored it: all shown at once, and delivered in order (the send,
 * then the edit and the reaction) once the connection returns.
 */
export const ActionsOnASendStillOnItsWay: Story = {
  parameters: {
    client: withTrip((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Who brings the stove?' });
      client.fake.connection('offline');
      const clientId = client.sendMessage(id, { body: 'I will, an the gas' });
      client.editMessage(id, clientId, 'I will, and the gas');
      client.addReaction(id, clientId, '👍');
    }),
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const bubble = await waitFor(() => bubbleOf(canvasElement, 'I will, and the gas'));
    const chip = within(bubble).getByRole('button', { name: /👍 1 reaction/ });
    await expect(chip.dataset.pending).toBe('true');
    await expect(canvas.getByText(/You’re offline/)).toBeVisible();
    const fake = fakeOf(loaded);
    await expect(fake.fake.stored(trip).map((m) => m.body)).toEqual(['Who brings the stove?']);
    fake.fake.connection('connected');
    await waitFor(() =>
      expect(fake.fake.stored(trip)[1]).toMatchObject({
        body: 'I will, and the gas',
        reactions: [{ emoji: '👍', count: 1 }],
      }),
    );
    await waitFor(() => expect(chip.dataset.pending).toBeUndefined());
  },
};

export const FailedActionWithRetry: Story = {
  parameters: {
    client: withTrip(async (client, id) => {
      const msg = client.fake.receive(id, { senderId: 'eve', body: 'Photos are up!' });
      client.fake.link.failNext('reaction:add', 'forbidden', 'reactions are turned off here');
      client.addReaction(id, msg.id, '❤️');
    }),
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/Couldn’t add the reaction/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(fakeOf(loaded).fake.stored(trip)[0]?.reactions[0]?.emoji).toBe('❤'));
  },
};

/** Emojibase's files, wherever the picker asks for them (frimousse's CDN by default), from the fixture. */
const emojibase = http.all(
  /\/[\w-]+\/(data|messages)\.json$/,
  ({ request }) => emojibaseResponse(request.url) ?? HttpResponse.json(null, { status: 404 }),
);

/** "More reactions" on a message: the full picker, searchable, the reader's own reaction marked. */
export const MoreReactionsPicker: Story = {
  parameters: {
    msw: { handlers: [emojibase] },
    client: withTrip(async (client, id) => {
      client.fake.receive(id, { senderId: 'cat', body: 'Who is up for the night hike?' });
      const tent = client.fake.receive(id, { senderId: 'dan', body: 'Tents are packed ⛺' });
      client.addReaction(id, tent.id, '👍');
      await serverHas(client, id, (messages) => messages[1]?.reactions[0]?.count === 1);
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Tents are packed ⛺');
    const tent = bubbleOf(canvasElement, 'Tents are packed ⛺');
    await userEvent.click(within(tent).getByRole('button', { name: 'Message actions' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'More reactions' }));
    const picker = await canvas.findByRole('dialog', { name: 'Choose a reaction' });
    const search = await within(picker).findByRole('searchbox', { name: 'Search emoji' });
    await waitFor(() => expect(search).toHaveFocus());
    await expect(
      await within(picker).findByRole('gridcell', { name: 'Thumbs up, your reaction' }),
    ).toBeVisible();
  },
};

/** A message with its actions, outside a list: the loading story holds its data back. */
function MessageWithActions({ emojibaseUrl }: { emojibaseUrl: string }) {
  const [open, setOpen] = useState(false);
  const [reacted, setReacted] = useState<string[]>([]);
  const none = () => {};
  return (
    <div className="banter-message" style={{ minHeight: '24rem', maxWidth: '22rem' }}>
      <div className="banter-message__bubble">Ferry leaves at 7:10</div>
      <MessageActionsMenu
        open={open}
        onOpenChange={setOpen}
        reacted={reacted}
        canCopy
        canEdit={false}
        canDelete={false}
        onReply={none}
        onCopy={none}
        onEdit={none}
        onDelete={none}
        onReact={(emoji, add) =>
          setReacted((list) => (add ? [...list, emoji] : list.filter((e) => e !== emoji)))
        }
        emojibaseUrl={emojibaseUrl}
      />
    </div>
  );
}

/** What a reader sees while the picker's code or its emoji data is on its way (here the data never comes). */
export const MoreReactionsLoading: Story = {
  parameters: {
    msw: {
      handlers: [
        http.all('https://emoji.example/held/*', async () => {
          await delay('infinite');
          return HttpResponse.json([]);
        }),
      ],
    },
  },
  render: () => <MessageWithActions emojibaseUrl="https://emoji.example/held" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Message actions' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'More reactions' }));
    const picker = canvas.getByRole('dialog', { name: 'Choose a reaction' });
    await expect(await within(picker).findByRole('status')).toHaveTextContent('Loading emoji…');
  },
};
