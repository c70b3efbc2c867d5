import type { FakeChatClient } from '@banter/core/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { bobChat, fixtureUrl, me, seededBobChat, withBobChat } from './fixtures';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

const meta = {
  title: 'Drop-in/ChatWindow',
  component: ChatWindow,
  args: { conversationId: bobChat },
  parameters: {
    height: 640,
    client: withBobChat((client, id) => {
      const { fake } = client;
      fake.receive(id, { senderId: 'bob', body: 'Hi Ann! Are we still on for Saturday?' });
      fake.receive(id, { senderId: me, body: 'Yes! Harbour at six?' });
      fake.receive(id, { senderId: 'bob', body: 'Perfect. I will bring the kayak 🛶' });
      fake.receive(id, { senderId: me, body: 'Great, see you there' });
      fake.read(id, 'bob', 4);
      fake.presence('bob', true);
    }),
    docs: {
      description: {
        component:
          'A whole conversation: header, connection banner, virtualized message list, typing indicator and composer. Put it inside `<ChatProvider client={client}>` and give it a `conversationId`. Every story here runs on `createFakeChatClient` from `@banter/core/testing`: no server needed.',
      },
    },
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

const fakeOf = (loaded: Record<string, unknown>) => loaded.client as FakeChatClient;

export const Default: Story = {};

/** Sending (offline, waiting), sent, delivered, read, and failed with its reason. */
export const EveryMessageStatus: Story = {
  parameters: {
    client: withBobChat(async (client, id) => {
      const { fake } = client;
      fake.receive(id, { senderId: me, body: 'This one was read' });
      fake.receive(id, { senderId: me, body: 'This one was delivered' });
      fake.receive(id, { senderId: me, body: 'This one was sent' });
      fake.read(id, 'bob', 1);
      fake.delivered(id, 'bob', 2);
      fake.failNextSend('forbidden', 'not a participant of this conversation');
      const failed = client.sendMessage(id, { body: 'This one failed' });
      await fake.until(
        (state) =>
          state.timelines[id]?.pending.some(
            (p) => p.clientId === failed && p.status === 'failed',
          ) === true,
      );
      // After the refusal: the next one waits for the connection.
      fake.connection('offline');
      client.sendMessage(id, { body: 'This one is still sending' });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('This one is still sending');
    for (const status of ['read', 'delivered', 'sent', 'failed', 'sending'])
      await waitFor(() =>
        expect(
          canvasElement.querySelector(`.banter-message[data-status="${status}"]`),
        ).not.toBeNull(),
      );
  },
};

export const FailedWithRetry: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Did you get the tickets?' });
      // Refused for good (a retryable error would be retried by the outbox on its own).
      client.fake.failNextSend('rejected', 'the server is busy');
      client.sendMessage(id, { body: 'Yes, two for Saturday' });
    }),
  },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/Not sent: the server is busy/);
    await userEvent.click(await canvas.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull());
    await expect(canvas.getByText('Yes, two for Saturday')).toBeVisible();
    await waitFor(() =>
      expect(
        fakeOf(loaded)
          .fake.stored(bobChat)
          .map((m) => m.body),
      ).toContain('Yes, two for Saturday'),
    );
  },
};

export const SendingMessage: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const input = await canvas.findByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'On my way!{Enter}');
    await expect(await canvas.findByText('On my way!')).toBeVisible();
    await expect(input).toHaveValue('');
    await waitFor(() =>
      expect(fakeOf(loaded).fake.stored(bobChat).at(-1)?.body).toBe('On my way!'),
    );
  },
};

export const LongMessages: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      const paragraph =
        'Here is everything about the trip, so nobody has to ask again. We meet at the harbour at six, take the first ferry, and walk the coastal path to the lighthouse. ';
      client.fake.receive(id, { senderId: 'bob', body: paragraph.repeat(5).trim() });
      client.fake.receive(id, {
        senderId: me,
        body: `A long link: https://example.com/${'very-long-path-segment/'.repeat(8)}end and an unbroken word: ${'a'.repeat(120)}`,
      });
      client.fake.receive(id, {
        senderId: 'bob',
        body: 'Line one\nLine two\n\nAfter a blank line',
      });
    }),
  },
};

export const EmojiOnly: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: '🎉' });
      client.fake.receive(id, { senderId: me, body: '👍👍' });
      client.fake.receive(id, { senderId: 'bob', body: '😀😃😄' });
      client.fake.receive(id, { senderId: me, body: 'Not only emoji 🙂' });
    }),
  },
};

export const ImagesAndFiles: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, {
        senderId: 'bob',
        kind: 'image',
        body: 'The harbour this morning',
        attachments: [
          {
            url: fixtureUrl('harbour.svg'),
            name: 'harbour.svg',
            mimeType: 'image/svg+xml',
            width: 320,
            height: 200,
          },
        ],
      });
      client.fake.receive(id, {
        senderId: me,
        kind: 'image',
        attachments: [
          {
            url: fixtureUrl('meadow.svg'),
            name: 'meadow.svg',
            mimeType: 'image/svg+xml',
            width: 320,
            height: 200,
          },
        ],
      });
      client.fake.receive(id, {
        senderId: 'bob',
        kind: 'file',
        attachments: [
          {
            url: fixtureUrl('notes.txt'),
            name: 'packing-list.txt',
            mimeType: 'text/plain',
            size: 18_432,
          },
        ],
      });
    }),
  },
};

export const EditedAndDeleted: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, {
        senderId: 'bob',
        body: 'Meet at seven (edited from six)',
        editedAt: new Date().toISOString(),
      });
      client.fake.receive(id, { senderId: me, body: '', deletedAt: new Date().toISOString() });
      client.fake.receive(id, { senderId: 'bob', body: 'Ok, see you then' });
    }),
  },
};

export const DaySeparators: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Three days ago', createdAt: hoursAgo(72) });
      client.fake.receive(id, { senderId: me, body: 'Two days ago', createdAt: hoursAgo(48) });
      client.fake.receive(id, { senderId: 'bob', body: 'Yesterday', createdAt: hoursAgo(24) });
      client.fake.receive(id, { senderId: me, body: 'Today', createdAt: hoursAgo(0) });
    }),
  },
};

export const Typing: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: me, body: 'What time works for you?' });
      client.fake.typing(id, 'bob', true);
    }),
  },
};

export const OfflineWithQueuedMessages: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Are you there?' });
      client.fake.connection('offline');
      client.sendMessage(id, { body: 'Yes, on the train' });
      client.sendMessage(id, { body: 'These wait until I am back online' });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('2 messages waiting to send', { exact: false }),
    ).toBeVisible();
  },
};

export const Reconnecting: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Hello?' });
      client.fake.connection('reconnecting');
    }),
  },
};

export const Empty: Story = {
  parameters: { client: withBobChat() },
};

/** Scrolled to the top while the (slow) fake server returns the earlier page. */
export const LoadingOlder: Story = {
  parameters: {
    client: withBobChat(
      (c, id) => {
        c.fake.seedHistory(id, 200);
        // Read history: an unread conversation would open at its first unread message.
        c.fake.read(id, me, 200);
      },
      { latencyMs: 800 },
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Each trip to this slow server takes 800 ms each way.
    await canvas.findByText('Message 200', {}, { timeout: 10_000 });
    const scroller = canvasElement.querySelector<HTMLElement>('.banter-message-list__scroller');
    if (!scroller) throw new Error('no message list');
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await expect(await canvas.findByText('Loading earlier messages…')).toBeVisible();
    await canvas.findByText('Message 150', {}, { timeout: 10_000 });
  },
};

export const TenThousandMessages: Story = {
  parameters: { client: seededBobChat(10_000, 30_000) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Message 10000')).toBeVisible();
    // Virtualized: a page of rows in the DOM, not ten thousand.
    await expect(canvasElement.querySelectorAll('.banter-message').length).toBeLessThan(100);
  },
};
