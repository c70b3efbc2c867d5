import type { MessageView } from '@banter/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { MessageBubble } from '../components/MessageBubble';
import { fixtureUrl, me } from './fixtures';

const message = (change: Partial<MessageView> = {}): MessageView => ({
  key: 'bob:m1',
  id: 'm-1',
  seq: 1,
  conversationId: 'c-bob',
  senderId: 'bob',
  clientId: 'm1',
  kind: 'text',
  body: 'See you at the harbour at six?',
  mentions: [],
  attachments: [],
  replyTo: null,
  createdAt: '2026-11-21T17:45:00.000Z',
  editedAt: null,
  deletedAt: null,
  own: false,
  status: null,
  error: null,
  reactions: [],
  actions: [],
  ...change,
});

const own = (change: Partial<MessageView> = {}) =>
  message({ senderId: me, own: true, status: 'read', body: 'Yes, see you there!', ...change });

const meta = {
  title: 'Parts/MessageBubble',
  component: MessageBubble,
  args: { message: message(), onRetry: fn(), onDiscard: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'One message: text (links become safe anchors), attachments, time, edited or deleted marker and, for your own messages, the status ticks. A failed send shows its reason with Retry and Discard. `MessageList` renders these for you; use it directly in a custom list.',
      },
    },
  },
} satisfies Meta<typeof MessageBubble>;

export default meta;
type Story = StoryObj<typeof meta>;

export const FromSomeoneElse: Story = {};

export const OwnAndRead: Story = { args: { message: own() } };

export const InAGroupWithSenderName: Story = { args: { senderName: 'Bob Marley' } };

export const WithLink: Story = {
  args: { message: message({ body: 'The timetable: https://example.com/ferry?day=sat' }) },
};

export const Edited: Story = {
  args: { message: message({ editedAt: '2026-11-21T17:50:00.000Z' }) },
};

export const Deleted: Story = {
  args: { message: message({ body: '', deletedAt: '2026-11-21T17:50:00.000Z' }) },
};

export const EmojiOnly: Story = { args: { message: message({ body: '🎉🎉' }) } };

export const Image: Story = {
  args: {
    message: message({
      kind: 'image',
      body: '',
      attachments: [
        { url: fixtureUrl('harbour.svg'), name: 'harbour.svg', width: 320, height: 200 },
      ],
    }),
  },
};

export const FailedWithReason: Story = {
  args: {
    message: own({
      id: null,
      seq: null,
      status: 'failed',
      body: 'Two tickets for Saturday',
      error: { code: 'rate_limited', message: 'sending too fast', retryable: true },
    }),
  },
};
