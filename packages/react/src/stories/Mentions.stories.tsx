import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { ConversationList } from '../components/ConversationList';
import { me, people } from './fixtures';

/** The group these stories open: Ann (the reader), Bob, Cat, and people with spaces and emoji in their names. */
const team = 'c-team';

const withTeam =
  (setup: (client: FakeChatClient) => void = () => {}) =>
  async () => {
    const client = createFakeChatClient({
      userId: me,
      users: [
        ...people,
        { id: 'zoe', name: 'Zoë 🌸 Park' },
        { id: 'mia', name: 'Mia van der Berg' },
        { id: 'noa', name: 'נועה כהן' },
      ],
    });
    await client.fake.until((state) => state.connection.status === 'connected');
    client.fake.addConversation({
      id: team,
      kind: 'group',
      title: 'Harbour trip',
      participantIds: [me, 'bob', 'cat', 'zoe', 'mia', 'noa'],
    });
    setup(client);
    return client;
  };

const meta = {
  title: 'Features/Mentions',
  component: ChatWindow,
  args: { conversationId: team },
  parameters: {
    height: 560,
    client: withTeam(),
    docs: {
      description: {
        component:
          'Typing `@` in the composer lists the conversation’s participants, filtered by what follows it (names with spaces and emoji included): Up and Down move, Enter or Tab pick, Escape closes, a click picks too. The list’s code is a chunk of its own, fetched at the first `@`. A message shows each mention with the person’s current name; a mention of the reader is highlighted, and the list shows an "@" badge while such messages are unread.',
      },
    },
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

const typeInComposer = async (canvasElement: HTMLElement, text: string) => {
  const box = await within(canvasElement).findByRole('textbox');
  await userEvent.type(box, text);
  return box;
};

/** `@` typed: everyone but the reader, the first highlighted. */
export const AutocompleteOpen: Story = {
  play: async ({ canvasElement }) => {
    await typeInComposer(canvasElement, 'Who brings the kayak, @');
    const list = await within(canvasElement).findByRole('listbox', { name: 'People to mention' });
    await expect(within(list).getAllByRole('option')).toHaveLength(5);
  },
};

/** Nobody’s name matches what follows the `@`. */
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    await typeInComposer(canvasElement, '@xyz');
    const status = await within(canvasElement).findByText('No one by that name');
    await expect(status).toHaveAttribute('role', 'status');
  },
};

/** Names with spaces and emoji match as typed; Enter puts the name in the text as a mention. */
export const NamesWithEmojiAndSpaces: Story = {
  play: async ({ canvasElement }) => {
    const box = await typeInComposer(canvasElement, '@zoë 🌸');
    await within(canvasElement).findByRole('option', { name: 'Zoë 🌸 Park' });
    await userEvent.keyboard('{Enter}');
    await expect(box).toHaveValue('Zoë 🌸 Park ');
    await userEvent.type(box, 'and @mia van');
    await within(canvasElement).findByRole('option', { name: 'Mia van der Berg' });
  },
};

/** A Hebrew interface: the list opens on the right, Hebrew names read right to left. */
export const RightToLeft: Story = {
  globals: { locale: 'he' },
  play: async ({ canvasElement }) => {
    await typeInComposer(canvasElement, '@נו');
    await within(canvasElement).findByRole('option', { name: 'נועה כהן' });
  },
};

/** Received messages with mentions, one of the reader (highlighted), names as they are now. */
export const MessageWithMentions: Story = {
  parameters: {
    client: withTeam(({ fake }) => {
      fake.receive(team, {
        senderId: 'bob',
        body: 'Ann, can you and Zoë 🌸 Park bring the paddles?',
        mentions: [
          { userId: me, start: 0, end: 3 },
          { userId: 'zoe', start: 16, end: 27 },
        ],
      });
      fake.receive(team, {
        senderId: 'cat',
        body: 'Mia van der Berg has the car',
        mentions: [{ userId: 'mia', start: 0, end: 16 }],
      });
    }),
  },
  play: async ({ canvasElement }) => {
    const mine = await within(canvasElement).findByText('Ann Lee');
    await expect(mine).toHaveAttribute('data-self', 'true');
    await within(canvasElement).findByText('Mia van der Berg');
  },
};

/** A conversation row with an unread mention of the reader: the "@" badge beside the count. */
export const RowWithMentionBadge: Story = {
  render: () => <ConversationList />,
  parameters: {
    client: withTeam(({ fake }) => {
      fake.receive(team, {
        senderId: 'bob',
        body: 'Ann, are you coming?',
        mentions: [{ userId: me, start: 0, end: 3 }],
      });
      fake.receive(team, { senderId: 'cat', body: 'I am!' });
    }),
  },
  play: async ({ canvasElement }) => {
    const badge = await within(canvasElement).findByRole('img', {
      name: '1 unread mention of you',
    });
    await expect(badge).toHaveTextContent('@');
  },
};
