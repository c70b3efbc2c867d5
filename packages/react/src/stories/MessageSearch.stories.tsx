import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { MessageSearch } from '../components/search/MessageSearch';
import { bobChat, withBobChat } from './fixtures';

const meta = {
  title: 'Parts/MessageSearch',
  component: MessageSearch,
  args: { onSelect: () => {} },
  parameters: {
    height: 480,
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Shall we meet for lunch on Friday?' });
      client.fake.receive(id, { senderId: 'ann', body: 'Lunch works. The usual place?' });
      client.fake.receive(id, { senderId: 'bob', body: 'Yes, the lunchroom by the station 🚉' });
    }),
    docs: {
      description: {
        component:
          'Message search: a button that opens a search box (a combobox) over its results, newest first. Each hit shows its conversation, sender and time, with the matched words marked from the offsets the server sends (never HTML). Arrow keys move through the hits, Enter opens one, Escape closes. With `conversationId` it searches one conversation (ChatWindow puts it in the header); without, all of them (ConversationList shows it with `onOpenMessage`).',
      },
    },
  },
} satisfies Meta<typeof MessageSearch>;

export default meta;
type Story = StoryObj<typeof meta>;

async function search(canvasElement: HTMLElement, text: string) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('button', { name: /^Search/ }));
  await userEvent.type(await canvas.findByRole('combobox'), text);
  return canvas;
}

/** Closed: only the button. */
export const Default: Story = {};

/** Hits across conversations, the matched words marked; the second one active. */
export const Results: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await search(canvasElement, 'lunch');
    await waitFor(() => expect(canvas.getAllByRole('option')).toHaveLength(3));
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect(canvas.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
  },
};

/** Nothing matches. */
export const NoResults: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await search(canvasElement, 'zebra');
    await expect(await canvas.findByText('No messages found')).toBeVisible();
  },
};

/** The answer is on its way. */
export const Loading: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await search(canvasElement, 'lunch');
    await expect(canvas.getByRole('status')).toHaveTextContent('Searching…');
  },
  parameters: {
    client: withBobChat((client) => {
      client.fake.link.hold();
    }),
  },
};

/** The server could not search. */
export const Failed: Story = {
  parameters: {
    client: withBobChat((client) => {
      client.fake.link.failNext('message:search', 'unavailable', 'the database is away');
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = await search(canvasElement, 'lunch');
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Search failed. Try again.');
  },
};

/** More hits than a page: Load more fetches older ones. */
export const LoadMore: Story = {
  parameters: {
    client: withBobChat((client, id) => {
      for (let i = 1; i <= 30; i++)
        client.fake.receive(id, { senderId: 'bob', body: `Invoice ${i} is ready` });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = await search(canvasElement, 'invoice');
    await waitFor(() => expect(canvas.getAllByRole('option')).toHaveLength(20));
    await expect(canvas.getByRole('button', { name: 'Load more' })).toBeVisible();
  },
};

const longHistory = {
  height: 640,
  client: withBobChat((client, id) => {
    client.fake.seedHistory(id, 400, { intervalMs: 60_000 });
    // Read history: an unread conversation would open at its first unread message.
    client.fake.read(id, client.getSnapshot().userId, 400);
  }),
};

async function jumpToMessage7(canvasElement: HTMLElement) {
  const canvas = await search(canvasElement, '"Message 7"');
  await userEvent.click(await canvas.findByRole('option'));
  await waitFor(() => {
    const highlighted = canvasElement.querySelector('.banter-message[data-highlighted]');
    expect(highlighted?.textContent).toContain('Message 7');
  });
  return canvas;
}

/**
 * In a conversation's header: choosing an old hit loads the page around it (not every page on
 * the way), scrolls to it and highlights it. The list now holds a window away from the present:
 * scrolling down loads the messages after it, and "Jump to latest" goes back.
 */
export const JumpInChatWindow: Story = {
  render: () => <ChatWindow conversationId={bobChat} />,
  parameters: longHistory,
  play: async ({ canvasElement }) => {
    const canvas = await jumpToMessage7(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  },
};

/** After a jump, "Jump to latest" brings back the newest messages, at the bottom. */
export const BackToLatest: Story = {
  render: () => <ChatWindow conversationId={bobChat} />,
  parameters: longHistory,
  play: async ({ canvasElement }) => {
    const canvas = await jumpToMessage7(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Jump to latest' }));
    const rows = within(canvas.getByRole('list', { name: 'Messages' }));
    await expect(await rows.findByText('Message 400')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  },
};
