import type { Conversation } from '@banter/core';
import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { bobChat, fixtureUrl, me, people, withBobChat } from './fixtures';

/** The group most stories here open: Ann, Bob, Cat and Dan. */
const trip = 'c-trip';

const listing = {
  title: 'Kayak, two seats, with paddles',
  subtitle: '€320 · Harbour district',
  imageUrl: fixtureUrl('harbour.svg'),
  url: 'https://shop.example/listings/42',
};

/** Ann's direct conversation with Bob, carrying the host's `metadata`, with one message from Bob. */
function bobChatAbout(metadata: Record<string, unknown>, body: string) {
  return async () => {
    const client = createFakeChatClient({ userId: me, users: people });
    await client.fake.until((state) => state.connection.status === 'connected');
    client.fake.addConversation({ id: bobChat, participantIds: [me, 'bob'], metadata });
    client.fake.receive(bobChat, { senderId: 'bob', body });
    return client;
  };
}

/** Ann in the group with Bob, Cat and Dan, once connected, after `setup`. */
function withTrip(setup: (client: FakeChatClient) => void | Promise<void> = () => {}) {
  return async () => {
    const client = createFakeChatClient({ userId: me, users: people });
    await client.fake.until((state) => state.connection.status === 'connected');
    client.fake.addConversation({
      id: trip,
      title: 'Weekend trip',
      participantIds: [me, 'bob', 'cat', 'dan'],
    });
    await setup(client);
    return client;
  };
}

const meta = {
  title: 'Host control/ChatWindow',
  component: ChatWindow,
  args: { conversationId: bobChat },
  parameters: {
    height: 560,
    docs: {
      description: {
        component:
          'What a person meets of host control: notices the host posts as `system` messages, the conversation context from `metadata.context` (or `renderContext`), blocking from the header and the message menu, reporting a message, and a banned account. Every story runs on the in-memory server of `@banter/core/testing`.',
      },
    },
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

const fakeOf = (loaded: Record<string, unknown>) => loaded.client as FakeChatClient;

/** A notice the host posted between two messages: centred, no bubble, no actions. */
export const SystemNotice: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Is the kayak still for sale?' });
      client.fake.receive(id, {
        senderId: 'system',
        kind: 'system',
        body: 'Ann marked the kayak as reserved for Bob',
      });
      client.fake.receive(id, { senderId: 'bob', body: 'Great, thank you!' });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const notice = await canvas.findByText('Ann marked the kayak as reserved for Bob');
    const row = notice.closest('.banter-message') as HTMLElement;
    expect(row.dataset.kind).toBe('system');
    expect(within(row).queryByRole('button')).toBeNull();
  },
};

/** `metadata.context` drawn by default: the listing's picture, title (a link) and price. */
export const ContextDefault: Story = {
  parameters: {
    client: bobChatAbout({ context: listing }, 'Can I see it on Saturday?'),
  },
  play: async ({ canvasElement }) => {
    const link = await within(canvasElement).findByRole('link', { name: listing.title });
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(link.getAttribute('target')).toBe('_blank');
  },
};

/** The host draws the context itself with `renderContext`, from the conversation's metadata. */
export const ContextCustom: Story = {
  args: {
    renderContext: (conversation: Conversation) => (
      <div className="banter-context">
        <strong>Order {String(conversation.metadata?.orderId)}</strong>
        <span>· delivered on Tuesday</span>
      </div>
    ),
  },
  parameters: {
    client: bobChatAbout({ orderId: 'A-1042' }, 'The parcel arrived open.'),
  },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Order A-1042');
  },
};

/** Ann blocked Bob: the composer gives way to "You blocked this person" and Unblock. */
export const BlockedDirectConversation: Story = {
  parameters: {
    client: withBobChat(async (client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Answer me!!' });
      client.blockUser('bob');
      await client.fake.until((state) => state.blocks.pending.length === 0);
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('You blocked this person');
    expect(canvas.getByRole('button', { name: 'Unblock' })).toBeTruthy();
    expect(canvas.queryByRole('textbox', { name: 'Message' })).toBeNull();
  },
};

/** In a group, Cat's messages are collapsed for Ann, who blocked her; Show reveals one. */
export const CollapsedBlockedMessage: Story = {
  args: { conversationId: trip },
  parameters: {
    client: withTrip(async (client) => {
      client.fake.receive(trip, { senderId: 'bob', body: 'Who brings the tent?' });
      client.fake.receive(trip, { senderId: 'cat', body: 'Buy my camping course, 50% off!' });
      client.fake.receive(trip, { senderId: 'dan', body: 'I will, and the stove.' });
      client.blockUser('cat');
      await client.fake.until((state) => state.blocks.pending.length === 0);
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const show = await canvas.findByRole('button', { name: 'Show' });
    expect(canvas.getByText('Message from someone you blocked')).toBeTruthy();
    expect(canvas.queryByText('Buy my camping course, 50% off!')).toBeNull();
    await userEvent.click(show);
    await canvas.findByText('Buy my camping course, 50% off!');
  },
};

/** Opens the report dialog on Bob's message, as a reader does from its actions menu. */
async function openReport(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const message = (await canvas.findByText('Cheap watches, click here')).closest(
    '.banter-message',
  ) as HTMLElement;
  await userEvent.click(within(message).getByRole('button', { name: 'Message actions' }));
  await userEvent.click(await canvas.findByRole('menuitem', { name: 'Report' }));
  return canvas.findByRole('dialog', { name: 'Report message' });
}

const spamChat = withBobChat((client, id) => {
  client.fake.receive(id, { senderId: 'bob', body: 'Cheap watches, click here' });
});

/** The report dialog as it opens: preset reasons and optional details. */
export const ReportDialog: Story = {
  parameters: { client: spamChat },
  play: async ({ canvasElement }) => {
    const dialog = await openReport(canvasElement);
    expect(within(dialog).getByRole('radio', { name: 'Spam' })).toBeTruthy();
  },
};

/** The report on its way: the form is disabled until the server answers. */
export const ReportSending: Story = {
  parameters: { client: spamChat },
  play: async ({ canvasElement, loaded }) => {
    const dialog = await openReport(canvasElement);
    // The story keeps the request from reaching the server, so the dialog stays as it is meanwhile.
    fakeOf(loaded).fake.link.hold();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(
        (within(dialog).getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled,
      ).toBe(true),
    );
  },
};

/** The report went through. */
export const ReportSent: Story = {
  parameters: { client: spamChat },
  play: async ({ canvasElement, loaded }) => {
    const dialog = await openReport(canvasElement);
    await userEvent.type(within(dialog).getByRole('textbox'), 'Same link in every group');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByText('Report sent. Thank you.');
    expect(fakeOf(loaded).fake.server.state.reports).toHaveLength(1);
  },
};

/** The report failed: the reason, what was typed kept, and Retry. */
export const ReportFailed: Story = {
  parameters: { client: spamChat },
  play: async ({ canvasElement, loaded }) => {
    const dialog = await openReport(canvasElement);
    fakeOf(loaded).fake.link.failNext(
      'message:report',
      'unavailable',
      'the moderation service is not answering',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('alert');
    expect(within(dialog).getByRole('button', { name: 'Retry' })).toBeTruthy();
  },
};

/** The host banned Ann: the banner says so with the server's reason, and nothing reconnects. */
export const Banned: Story = {
  parameters: {
    client: async () => {
      // The client logs a refusal once for developers; the story keeps the console clean.
      const client = createFakeChatClient({
        userId: me,
        users: people,
        clientOptions: { logger: null },
      });
      await client.fake.until((state) => state.connection.status === 'connected');
      client.fake.addConversation({ id: bobChat, participantIds: [me, 'bob'] });
      client.fake.receive(bobChat, { senderId: 'bob', body: 'Hello?' });
      client.fake.server.ban(me, 'suspended for sending spam, until 1 December');
      return client;
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const banner = await canvas.findByText('This account can’t use the chat');
    expect(banner.closest('[data-reason="banned"]')).not.toBeNull();
    await canvas.findByText('suspended for sending spam, until 1 December', { exact: false });
  },
};
