import type { Meta, StoryObj } from '@storybook/react-vite';
import { Avatar } from '../components/Avatar';
import { fixtureUrl } from './fixtures';

const meta = {
  title: 'Parts/Avatar',
  component: Avatar,
  args: { name: 'Ann Lee' },
  parameters: {
    docs: {
      description: {
        component:
          'A person’s picture, or their initials when there is none or it fails to load, with an optional presence dot. It has an accessible name (with presence); next to a visible name pass `aria-hidden`.',
      },
    },
  },
} satisfies Meta<typeof Avatar>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Initials: Story = {};
export const Picture: Story = { args: { src: fixtureUrl('meadow.svg') } };
export const BrokenPictureFallsBackToInitials: Story = {
  args: { src: fixtureUrl('missing.svg') },
};
export const Online: Story = { args: { online: true } };
export const Offline: Story = { args: { online: false } };
export const Sizes: Story = {
  render: (args) => (
    <div style={{ display: 'flex', gap: '1rem', alignItems: 'center' }}>
      <Avatar {...args} size="small" />
      <Avatar {...args} size="medium" />
      <Avatar {...args} size="large" />
    </div>
  ),
};
