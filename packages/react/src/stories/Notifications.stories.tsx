import type { FakeChatClient } from '@banter/core/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ConversationList } from '../components/ConversationList';
import { useChatClient } from '../hooks/use-chat-state';
import { useUnreadTotal } from '../hooks/use-unread-total';
import { useBrowserNotifications } from '../notifications/use-browser-notifications';
import { useNotificationPermission } from '../notifications/use-notification-permission';
import { useNotificationSound } from '../notifications/use-notification-sound';
import { useUnreadTitle } from '../notifications/use-unread-title';
import { withConversations } from './fixtures';

interface Shown {
  title: string;
  body: string;
  tag: string;
}

/**
 * The browser's Notification API, recording instead of showing, so the story works the same in
 * any browser and never asks the real permission: a notification replaces the one with its tag.
 */
function useRecordedNotifications(): Shown[] {
  const [shown, setShown] = useState<Shown[]>([]);
  useEffect(() => {
    const real = globalThis.Notification;
    class Recorded {
      static permission: NotificationPermission = 'default';
      static async requestPermission() {
        Recorded.permission = 'granted';
        return Recorded.permission;
      }
      onclick: (() => void) | null = null;
      onclose: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        const entry = { title, body: options.body ?? '', tag: options.tag ?? '' };
        setShown((list) => [...list.filter((n) => n.tag !== entry.tag), entry]);
      }
      close() {}
    }
    Object.defineProperty(globalThis, 'Notification', { value: Recorded, configurable: true });
    return () => {
      Object.defineProperty(globalThis, 'Notification', { value: real, configurable: true });
    };
  }, []);
  return shown;
}

function NotificationsDemo({ pageInView }: { pageInView: boolean }) {
  const client = useChatClient() as FakeChatClient;
  const [openId, setOpenId] = useState<string | null>(null);
  const shown = useRecordedNotifications();
  const { permission, request } = useNotificationPermission();
  const unread = useUnreadTotal();
  const [title, setTitle] = useState('');
  useUnreadTitle();
  useNotificationSound({ isOnScreen: (id) => id === openId });
  useBrowserNotifications({
    onOpen: setOpenId,
    isOnScreen: (id) => id === openId,
    // The story cannot hide its own tab: it says whether the page is in view through the arg.
    isPageInView: () => pageInView,
  });
  // The title is written by useUnreadTitle's effect (declared above, so run first) when unread changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read the title when the count changes
  useEffect(() => setTitle(document.title), [unread]);

  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem' }}>
      <ConversationList selectedId={openId ?? undefined} onSelect={setOpenId} />
      <section aria-label="What the page did">
        <p>
          Document title: <output aria-label="Document title">{title}</output>
        </p>
        <p>Permission: {permission}</p>
        {permission === 'default' && (
          <button type="button" onClick={() => void request()}>
            Turn on notifications
          </button>
        )}
        <button
          type="button"
          onClick={() => client.fake.receive('c-cat', { senderId: 'cat', body: 'Are you coming?' })}
        >
          Cat writes
        </button>
        <ul aria-label="Notifications shown">
          {shown.map((n) => (
            <li key={n.tag}>
              {n.title}: {n.body}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

const meta = {
  title: 'Notifications/In the page',
  component: NotificationsDemo,
  args: { pageInView: false },
  parameters: {
    height: 560,
    client: withConversations(),
    docs: {
      description: {
        component:
          'The opt-in notification hooks together: `useUnreadTitle` puts the unread count in the document title, `useNotificationPermission` asks only from the button, `useBrowserNotifications` shows one notification per conversation (here recorded instead of shown) while the page is out of view, and `useNotificationSound` chimes (after a first click, as browsers require).',
      },
    },
  },
} satisfies Meta<typeof NotificationsDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The tab is out of view: after permission, each message replaces its conversation's notification. */
export const TabHidden: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const title = await canvas.findByLabelText('Document title');
    await waitFor(() => expect(title.textContent).toMatch(/^\(\d+\) /));
    await userEvent.click(canvas.getByRole('button', { name: 'Turn on notifications' }));
    await canvas.findByText('Permission: granted');
    await userEvent.click(canvas.getByRole('button', { name: 'Cat writes' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Cat writes' }));
    const list = canvas.getByRole('list', { name: 'Notifications shown' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    await expect(list.textContent).toBe('Cat Stevens: Are you coming?');
  },
};

/** The page is in view: the title counts, but no notification is shown. */
export const PageInView: Story = {
  args: { pageInView: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Turn on notifications' }));
    await canvas.findByText('Permission: granted');
    const title = canvas.getByLabelText('Document title');
    const before = Number(/^\((\d+)\)/.exec(title.textContent ?? '')?.[1] ?? 0);
    await userEvent.click(canvas.getByRole('button', { name: 'Cat writes' }));
    await waitFor(() => expect(title.textContent).toMatch(new RegExp(`^\\(${before + 1}\\) `)));
    await expect(canvas.queryAllByRole('listitem')).toHaveLength(0);
  },
};
