import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { NewConversation } from '../components/NewConversation';
import { fakeClient } from './fixtures';

const meta = {
  title: 'Parts/NewConversation',
  component: NewConversation,
  args: { onOpen: () => {} },
  parameters: {
    height: 420,
    client: () => fakeClient(),
    docs: {
      description: {
        component:
          'A “new conversation” button with an inline people search. Choosing a person opens the direct conversation; in group mode (“New group”) people found are toggled into the group, shown as removable chips, the group can be named, and “Create group” opens it. Escape or Cancel closes it and gives the focus back to the button.',
      },
    },
  },
} satisfies Meta<typeof NewConversation>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

async function openGroupMode(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('button', { name: 'New conversation' }));
  await userEvent.click(await canvas.findByRole('button', { name: 'New group' }));
  return canvas;
}

async function pick(canvas: ReturnType<typeof within>, query: string, name: string) {
  const search = canvas.getByRole('searchbox', { name: 'Search people' });
  await userEvent.clear(search);
  await userEvent.type(search, query);
  await userEvent.click(await canvas.findByRole('button', { name, pressed: false }));
}

/** Group mode before anyone is picked: Create waits for a first person. */
export const GroupMode: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await openGroupMode(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Create group' })).toBeDisabled();
  },
};

/** Two people picked and a name given: chips above the search, the picked results pressed. */
export const GroupPicked: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await openGroupMode(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Group name (optional)' }),
      'Saturday viewing',
    );
    await pick(canvas, 'bob', 'Bob Marley');
    await pick(canvas, 'cat', 'Cat Stevens');
    await expect(canvas.getByRole('button', { name: 'Remove Bob Marley' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Create group' })).toBeEnabled();
  },
};

/** The server refuses the group: the reason is shown and the picks are kept for another try. */
export const GroupRefused: Story = {
  parameters: {
    client: () => {
      const client = fakeClient();
      client.fake.link.failNext(
        'conversation:create',
        'forbidden',
        'unable to create conversation: groups are turned off',
      );
      return client;
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = await openGroupMode(canvasElement);
    await pick(canvas, 'dan', 'Dan Brown');
    await userEvent.click(canvas.getByRole('button', { name: 'Create group' }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('groups are turned off'),
    );
    await expect(canvas.getByRole('button', { name: 'Remove Dan Brown' })).toBeVisible();
  },
};
