import type { Meta, StoryObj } from '@storybook/react-vite';
import { ConnectionBanner } from '../components/ConnectionBanner';

const meta = {
  title: 'Parts/ConnectionBanner',
  component: ConnectionBanner,
  args: { status: 'offline' },
  parameters: {
    docs: {
      description: {
        component:
          'Says when the chat is not connected and how many of your messages wait to go out, so people know they are queued rather than lost. A live region that stays mounted (hidden while connected). Reads the client’s state; `status` and `queuedCount` override it.',
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
/** Connected: the banner is present for screen readers but hidden. */
export const Connected: Story = { args: { status: 'connected' } };
