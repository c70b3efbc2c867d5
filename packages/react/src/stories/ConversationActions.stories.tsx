import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { ConversationList } from '../components/ConversationList';
import { me, withConversations } from './fixtures';

const meta = {
  title: 'Drop-in/Conversation actions',
  component: ConversationList,
  parameters: {
    height: 560,
    client: withConversations(),
    docs: {
      description: {
        component:
          'Mute, archive and leave a group from a row’s menu (the dots beside it, or Shift+F10 / the context-menu key on the focused row) or the conversation header’s menu button. Muted rows show an icon; the Archived toggle lists archived conversations (a new message does not unarchive one); leaving asks first.',
      },
    },
  },
} satisfies Meta<typeof ConversationList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A muted conversation keeps its place in the list, with the muted icon. */
export const MutedRow: Story = {
  parameters: {
    client: withConversations(({ fake }) => {
      fake.addConversation({ id: 'c-muted', participantIds: [me, 'eve'], muted: true });
      fake.receive('c-muted', { senderId: 'eve', body: 'Weekly newsletter' });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('img', { name: 'Muted' })).toBeVisible();
  },
};

/** Muting from the row's menu, by keyboard: Shift+F10 on the focused row opens it. */
export const MuteFromRowMenu: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole('option').length).toBe(4));
    const first = canvas.getAllByRole('option')[0] as HTMLElement;
    first.focus();
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    await userEvent.click(await canvas.findByRole('menuitem', { name: 'Mute' }));
    await expect(await canvas.findByRole('img', { name: 'Muted' })).toBeVisible();
  },
};

/** The archived view with nothing in it. */
export const ArchivedViewEmpty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Archived' }));
    await expect(await canvas.findByText('No archived conversations')).toBeVisible();
  },
};

/** The archived view listing what was archived. */
export const ArchivedViewWithItems: Story = {
  parameters: {
    client: withConversations(({ fake }) => {
      fake.addConversation({
        id: 'c-old',
        title: 'Last year’s trip',
        participantIds: [me, 'bob', 'dan'],
        archived: true,
      });
      fake.receive('c-old', { senderId: 'dan', body: 'Photos are up' });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('button', { name: 'Archived' });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(await canvas.findByRole('option', { name: /Last year’s trip/ })).toBeVisible();
  },
};

/** Leaving a group asks first, with focus on Cancel. */
export const LeaveConfirmation: Story = {
  render: () => <ChatWindow conversationId="c-trip" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Conversation options' }));
    await userEvent.click(await canvas.findByRole('menuitem', { name: 'Leave group' }));
    await expect(
      await canvas.findByText('Leave this group? You won’t get its messages any more.'),
    ).toBeVisible();
    await waitFor(() =>
      expect(canvas.getByRole('menuitem', { name: 'Cancel' })).toBe(document.activeElement),
    );
  },
};
