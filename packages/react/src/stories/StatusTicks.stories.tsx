import type { Meta, StoryObj } from '@storybook/react-vite';
import { StatusTicks } from '../components/StatusTicks';

const meta = {
  title: 'Parts/StatusTicks',
  component: StatusTicks,
  args: { status: 'sent' },
  parameters: {
    docs: {
      description: {
        component:
          'The status of your own message as an icon with an accessible name: a clock while sending, one tick once stored, two once delivered, two coloured ones once read, and a warning sign when it failed. `MessageBubble` shows it for you.',
      },
    },
  },
} satisfies Meta<typeof StatusTicks>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Sending: Story = { args: { status: 'sending' } };
export const Sent: Story = { args: { status: 'sent' } };
export const Delivered: Story = { args: { status: 'delivered' } };
export const Read: Story = { args: { status: 'read' } };
export const Failed: Story = { args: { status: 'failed' } };

export const EveryStatus: Story = {
  render: () => (
    <ul style={{ display: 'flex', gap: '1.5rem', listStyle: 'none', padding: 0 }}>
      {(['sending', 'sent', 'delivered', 'read', 'failed'] as const).map((status) => (
        <li key={status} style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
          <StatusTicks status={status} /> {status}
        </li>
      ))}
    </ul>
  ),
};
