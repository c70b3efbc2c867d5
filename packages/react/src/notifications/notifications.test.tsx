import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../test/render';
import { ChatProvider } from '../provider/ChatProvider';
import { useBrowserNotifications } from './use-browser-notifications';
import { useNotificationPermission } from './use-notification-permission';
import { useNotificationSound } from './use-notification-sound';
import { usePushOpenRequests } from './use-push-open-requests';
import { useUnreadTitle } from './use-unread-title';

/** The browser's Notification API as a page sees it, recording what the page asked for. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = vi.fn(async (): Promise<NotificationPermission> => {
    FakeNotification.permission = 'granted';
    return 'granted';
  });
  static shown: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
}

function setPage(view: 'hidden' | 'unfocused' | 'in view') {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(
    view === 'hidden' ? 'hidden' : 'visible',
  );
  vi.spyOn(document, 'hasFocus').mockReturnValue(view === 'in view');
}

beforeEach(() => {
  FakeNotification.permission = 'granted';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
  setPage('hidden');
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function setup() {
  const client = await fakeClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ChatProvider client={client}>{children}</ChatProvider>
  );
  const loaded = () =>
    client.fake.until((state) => state.conversationsStatus === 'loaded' || false);
  return { client, wrapper, loaded };
}

describe('useBrowserNotifications', () => {
  it('notifies someone else’s message while the tab is hidden, one per conversation, and opens it on click', async () => {
    const { client, wrapper } = await setup();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const onOpen = vi.fn();
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => {});
    renderHook(() => useBrowserNotifications({ onOpen }), { wrapper });
    await client.loadConversations();

    act(() => void client.fake.receive(id, { senderId: 'bob', body: 'Are you there?' }));
    act(() => void client.fake.receive(id, { senderId: 'bob', body: 'Hello?' }));
    act(() => void client.fake.receive(id, { senderId: 'ann', body: 'my own' }));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(2));
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body, n.options.tag])).toEqual([
      ['Bob Ray', 'Are you there?', `banter:${id}`],
      ['Bob Ray', 'Hello?', `banter:${id}`],
    ]);
    const last = FakeNotification.shown[1] as FakeNotification;
    act(() => last.onclick?.());
    expect(focus).toHaveBeenCalled();
    expect(onOpen).toHaveBeenCalledWith(id);
    expect(last.closed).toBe(true);
  });

  it('stays quiet in view, for muted conversations, the one on screen, without permission, and for history', async () => {
    const { client, wrapper } = await setup();
    const open = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const muted = client.fake.addConversation({ participantIds: ['ann', 'cat'], muted: true });
    const other = client.fake.addConversation({
      participantIds: ['ann', 'cat', 'bob'],
      title: 'Team',
    });
    client.fake.seedHistory(other.id, 5);
    renderHook(
      () => useBrowserNotifications({ onOpen: () => {}, isOnScreen: (id) => id === open.id }),
      { wrapper },
    );
    await client.loadConversations();
    expect(FakeNotification.shown).toEqual([]);

    setPage('in view');
    act(() => void client.fake.receive(other.id, { senderId: 'bob', body: 'in view' }));
    setPage('unfocused');
    act(() => void client.fake.receive(open.id, { senderId: 'bob', body: 'on screen' }));
    act(() => void client.fake.receive(muted.id, { senderId: 'cat', body: 'muted' }));
    FakeNotification.permission = 'default';
    act(() => void client.fake.receive(other.id, { senderId: 'bob', body: 'no permission' }));
    expect(FakeNotification.shown).toEqual([]);

    FakeNotification.permission = 'granted';
    act(() => void client.fake.receive(other.id, { senderId: 'cat', body: 'now' }));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    expect(FakeNotification.shown.map((n) => n.title)).toEqual(['Cat Diaz · Team']);
  });

  it("shows no text with preview 'sender' and a generic title with 'none'", async () => {
    const { client, wrapper } = await setup();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const { rerender } = renderHook(
      ({ preview }: { preview: 'sender' | 'none' }) =>
        useBrowserNotifications({ onOpen: () => {}, preview }),
      { wrapper, initialProps: { preview: 'sender' } },
    );
    await client.loadConversations();
    act(() => void client.fake.receive(id, { senderId: 'bob', body: 'secret' }));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    rerender({ preview: 'none' });
    act(() => void client.fake.receive(id, { senderId: 'bob', body: 'secret' }));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(2));
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([
      ['Bob Ray', ''],
      ['1 new message', ''],
    ]);
  });
});

function Ask() {
  const { permission, request } = useNotificationPermission();
  return (
    <button type="button" onClick={() => void request()}>
      {permission}
    </button>
  );
}

describe('useNotificationPermission', () => {
  it('asks only when the person clicks, and reports the answer', async () => {
    FakeNotification.permission = 'default';
    render(<Ask />);
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'default' }));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await screen.findByRole('button', { name: 'granted' });
  });

  it('says unsupported where there is no Notification API', () => {
    vi.stubGlobal('Notification', undefined);
    render(<Ask />);
    expect(screen.getByRole('button').textContent).toBe('unsupported');
  });
});

describe('useUnreadTitle', () => {
  it('shows the unread count in the title and restores the title on unmount', async () => {
    const { client, wrapper } = await setup();
    document.title = 'Shop';
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const { unmount } = renderHook(() => useUnreadTitle(), { wrapper });
    await client.loadConversations();
    expect(document.title).toBe('Shop');
    act(() => void client.fake.receive(id, { senderId: 'bob', body: 'one' }));
    act(() => void client.fake.receive(id, { senderId: 'bob', body: 'two' }));
    await waitFor(() => expect(document.title).toBe('(2) Shop'));
    unmount();
    expect(document.title).toBe('Shop');
  });
});

describe('useNotificationSound', () => {
  it('plays the host’s sound for unmuted conversations, and a refused play logs nothing', async () => {
    const { client, wrapper } = await setup();
    const played: string[] = [];
    vi.stubGlobal(
      'Audio',
      class {
        volume = 1;
        constructor(readonly src: string) {}
        play() {
          played.push(this.src);
          return Promise.reject(new DOMException('no gesture yet', 'NotAllowedError'));
        }
      },
    );
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    const loud = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const muted = client.fake.addConversation({ participantIds: ['ann', 'cat'], muted: true });
    renderHook(() => useNotificationSound({ src: '/ping.mp3' }), { wrapper });
    await client.loadConversations();
    act(() => void client.fake.receive(loud.id, { senderId: 'bob', body: 'hi' }));
    act(() => void client.fake.receive(muted.id, { senderId: 'cat', body: 'hi' }));
    await Promise.resolve();
    expect(played).toEqual(['/ping.mp3']);
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
  });
});

describe('usePushOpenRequests', () => {
  it('opens the conversation named by the service worker, in the URL or in a message', () => {
    const worker = new EventTarget();
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { serviceWorker: worker }));
    window.history.replaceState(null, '', '/inbox?tab=1&banterConversation=c-1');
    const onOpen = vi.fn();
    renderHook(() => usePushOpenRequests(onOpen));
    expect(onOpen).toHaveBeenCalledWith('c-1');
    expect(window.location.search).toBe('?tab=1');
    worker.dispatchEvent(
      new MessageEvent('message', {
        data: { type: 'banter:open-conversation', conversationId: 'c-2' },
      }),
    );
    worker.dispatchEvent(new MessageEvent('message', { data: { type: 'other' } }));
    expect(onOpen.mock.calls).toEqual([['c-1'], ['c-2']]);
  });
});
