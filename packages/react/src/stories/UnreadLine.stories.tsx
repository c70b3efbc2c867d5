import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { bobChat, me, withBobChat } from './fixtures';

const meta = {
  title: 'Drop-in/Unread line',
  component: ChatWindow,
  args: { conversationId: bobChat },
  parameters: {
    height: 560,
    // 40 messages Ann has read, then 30 from Bob she has not.
    client: withBobChat((client, id) => {
      client.fake.seedHistory(id, 40);
      client.fake.read(id, me, 40);
      const { state } = client.fake.server;
      const stored = state.conversations.get(id);
      if (!stored) throw new Error('no conversation');
      for (let i = 1; i <= 30; i++) state.append(stored, { senderId: 'bob', body: `Unread ${i}` });
      client.fake.server.announce(stored);
    }),
    docs: {
      description: {
        component:
          'A conversation with unread messages opens at the first of them, under a “New messages” divider placed by seq (the read watermark when it opened). The divider stays while the messages on screen are marked read; “Jump to first unread” brings it back when it is off screen.',
      },
    },
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Opened at the first unread message, with the divider above it. */
export const Divider: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('New messages')).toBeVisible();
    await expect(canvas.getByText('Unread 1')).toBeVisible();
  },
};

/** Read down past the divider: the jump control offers the way back. */
export const JumpToFirstUnread: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('New messages');
    const scroller = canvas.getByRole('region', { name: 'Messages' });
    scroller.scrollTop = scroller.scrollHeight;
    scroller.dispatchEvent(new Event('scroll'));
    const jump = await canvas.findByRole('button', { name: 'Jump to first unread' });
    await expect(jump).toBeVisible();
    await userEvent.click(jump);
    await waitFor(() => expect(canvas.getByText('New messages')).toBeVisible());
  },
};
