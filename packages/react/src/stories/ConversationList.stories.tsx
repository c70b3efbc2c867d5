import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ConversationList } from '../components/ConversationList';
import { fakeClient, manyConversations, me, withConversations } from './fixtures';

const meta = {
  title: 'Drop-in/ConversationList',
  component: ConversationList,
  parameters: {
    height: 560,
    client: withConversations(),
    docs: {
      description: {
        component:
          'The signed-in person’s conversations, most recent first: search, unread badges, presence, muted and archived markers, and a “new conversation” action. It is a listbox: arrows, Home and End move, Enter opens. Pass `selectedId` and `onSelect` to own the selection, or `defaultSelectedId` to let the list keep it.',
      },
    },
  },
} satisfies Meta<typeof ConversationList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const Unread: Story = {
  parameters: {
    client: withConversations(({ fake }) => {
      fake.receive('c-cat', { senderId: 'cat', body: 'Did you see this?' });
      fake.receive('c-cat', { senderId: 'cat', body: 'And this one!' });
      for (let i = 1; i <= 12; i++) fake.receive('c-trip', { senderId: 'bob', body: `Idea ${i}` });
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[role="option"][data-unread="true"]').length).toBe(4),
    );
    await expect(canvas.getAllByRole('option').length).toBe(4);
  },
};

/** Muted conversations stay in the list with a marker; archived ones live in their own list. */
export const MutedAndArchived: Story = {
  parameters: {
    client: withConversations(({ fake }) => {
      fake.addConversation({ id: 'c-muted', participantIds: [me, 'eve'], muted: true });
      fake.receive('c-muted', { senderId: 'eve', body: 'Weekly newsletter' });
      fake.addConversation({
        id: 'c-old',
        title: 'Last year’s trip',
        participantIds: [me, 'bob', 'dan'],
        archived: true,
      });
      fake.receive('c-old', { senderId: 'dan', body: 'Photos are up' });
    }),
  },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <ConversationList {...args} aria-label="Current conversations" />
      <ConversationList archived showNewConversation={false} aria-label="Archived conversations" />
    </div>
  ),
};

export const Presence: Story = {
  parameters: {
    client: withConversations(({ fake }) => {
      fake.presence('bob', true);
      fake.presence('cat', false, new Date(Date.now() - 2 * 3_600_000).toISOString());
      fake.presence('jose', true);
    }),
  },
};

export const Search: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const search = await canvas.findByRole('searchbox', { name: 'Search conversations' });
    await waitFor(() => expect(canvas.getAllByRole('option').length).toBe(4));
    // Accent-insensitive: "jose" finds José.
    await userEvent.type(search, 'jose');
    await waitFor(() => expect(canvas.getAllByRole('option').length).toBe(1));
    await expect(canvas.getByRole('option')).toHaveTextContent('José Álvarez');
    await userEvent.clear(search);
    await userEvent.type(search, 'nobody here');
    await expect(
      await canvas.findByText('No conversations match your search', { exact: false }),
    ).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { client: () => fakeClient() },
};

/** The fake server takes a minute to answer, so the list stays in its loading state. */
export const Loading: Story = {
  parameters: { client: () => fakeClient({ latencyMs: 60_000 }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading conversations…')).toBeVisible();
  },
};

export const FiveHundredConversations: Story = {
  parameters: { client: manyConversations(500) },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(within(canvasElement).getAllByRole('option').length).toBe(500), {
      timeout: 10_000,
    });
  },
};
