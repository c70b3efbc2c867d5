import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { ChatWindow } from '../components/ChatWindow';
import { bobChat, me, withBobChat } from './fixtures';

/** The live example on the Theming page: a few `--banter-*` variables overridden. */
const meta = {
  title: 'Guides/Theming examples',
  component: ChatWindow,
  tags: ['!autodocs'],
  args: { conversationId: bobChat },
  parameters: {
    height: 520,
    client: withBobChat((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'Is this the green shop theme?' });
      client.fake.receive(id, { senderId: me, body: 'Yes: four variables, nothing else.' });
      client.fake.read(id, 'bob', 2);
    }),
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

const greenBrand = {
  '--banter-color-accent': '#0b7a4b',
  '--banter-color-focus': '#0b7a4b',
  '--banter-color-bubble-own': '#0b6b42',
  '--banter-radius-bubble': '0.375rem',
} as CSSProperties;

export const GreenBrand: Story = {
  args: { style: greenBrand, theme: 'light' },
};
