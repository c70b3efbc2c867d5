import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Composer } from '../components/Composer';
import { bobChat, withBobChat } from './fixtures';

const meta = {
  title: 'Parts/Composer',
  component: Composer,
  args: { conversationId: bobChat, onSend: fn() },
  parameters: {
    client: withBobChat(),
    docs: {
      description: {
        component:
          'Where a message is written: Enter sends, Shift+Enter starts a new line, the draft is kept per conversation, and a counter appears near `maxLength`. It sends through the client in `ChatProvider`; `onSend` receives the new message’s `clientId`.',
      },
    },
  },
} satisfies Meta<typeof Composer>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const SendsOnEnter: Story = {
  play: async ({ args, canvasElement }) => {
    const input = await within(canvasElement).findByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'First line{Shift>}{Enter}{/Shift}second line');
    await expect(input).toHaveValue('First line\nsecond line');
    await userEvent.keyboard('{Enter}');
    await expect(input).toHaveValue('');
    await expect(args.onSend).toHaveBeenCalledTimes(1);
  },
};

export const NearTheLengthLimit: Story = {
  args: { maxLength: 40 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = await canvas.findByRole('textbox', { name: 'Message' });
    await userEvent.type(input, 'This message is getting rather long');
    await expect(await canvas.findByText(/\/ 40/)).toBeVisible();
  },
};

export const Disabled: Story = { args: { disabled: true } };
