import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { withBobChat } from './fixtures';

const meta = {
  title: 'Parts/ConnectionBanner',
  component: ConnectionBanner,
  args: { status: 'offline' },
  parameters: {
    docs: {
      description: {
        component:
          'Says when the chat is not connected (the device offline, the server out of reach, or the server refusing this page) and how many of your messages wait to go out, so people know they are queued rather than lost. A live region that stays mounted (hidden while connected). Reads the client’s state; `status` and `queuedCount` override it.',
      },
    },
  },
} satisfies Meta<typeof ConnectionBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Connecting: Story = { args: { status: 'connecting' } };
export const Reconnecting: Story = { args: { status: 'reconnecting' } };
export const Offline: Story = { args: { status: 'offline' } };
export const OfflineWithQueuedMessages: Story = { args: { status: 'offline', queuedCount: 3 } };
export const Closed: Story = { args: { status: 'closed' } };

/** The device has network but no connection gets through: the server is what cannot be reached. */
export const ServerUnreachable: Story = {
  args: { status: undefined },
  parameters: {
    client: withBobChat((client) => {
      client.fake.link.blockSocket();
    }),
  },
  play: async ({ canvasElement }) => {
    const banner = within(canvasElement).getByRole('status', { hidden: true });
    await waitFor(() => expect(banner).toHaveTextContent('Can’t reach the chat server'));
  },
};

/**
 * The server turned this page away for good (its origin is not allowed, its tokens are refused,
 * or nothing serves Banter at the url): nothing more is tried, and the console says what to fix.
 */
export const Refused: Story = { args: { status: 'refused' } };
/** Connected: the banner is present for screen readers but hidden. */
export const Connected: Story = { args: { status: 'connected' } };
