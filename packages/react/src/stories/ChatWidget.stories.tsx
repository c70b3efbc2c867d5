import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { ChatWidget } from '../components/ChatWidget';
import { withConversations } from './fixtures';

const meta = {
  title: 'Drop-in/ChatWidget',
  component: ChatWidget,
  args: { title: 'Messages' },
  parameters: {
    layout: 'fullscreen',
    width: 'none',
    client: withConversations(({ fake }) => {
      fake.receive('c-cat', { senderId: 'cat', body: 'Are you around later?' });
      fake.presence('bob', true);
    }),
    docs: {
      description: {
        component:
          'An Intercom-style bubble: a floating launcher showing the unread count, which opens a panel with the conversation list and the open conversation. Focus moves into the panel on open and back to the launcher on close; Escape closes it. Controlled (`open`, `conversationId`) or uncontrolled (`defaultOpen`, `defaultConversationId`).',
      },
      story: { inline: false, height: '640px' },
    },
  },
} satisfies Meta<typeof ChatWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ClosedWithUnreadBadge: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // One unread message in each of the four conversations.
    await waitFor(() => expect(canvas.getByRole('button', { name: /4/ })).toBeVisible());
  },
};

export const OpenOnList: Story = {
  args: { defaultOpen: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('dialog', { name: 'Messages' })).toBeVisible();
    await waitFor(() => expect(canvas.getAllByRole('option').length).toBe(4));
  },
};

export const OpenOnConversation: Story = {
  args: { defaultOpen: true, defaultConversationId: 'c-bob' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('See you at the harbour at six?')).toBeVisible();
  },
};
