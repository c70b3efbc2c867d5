import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, renderWithClient } from '../../../test/render';
import { MessageList } from '../MessageList';

/** Ann and Bob: two messages Ann has read, then two from Bob she has not. */
async function setup() {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  client.fake.receive(id, { senderId: 'bob', body: 'read one' });
  client.fake.receive(id, { senderId: 'ann', body: 'read two' });
  client.fake.read(id, 'ann', 2);
  client.fake.receive(id, { senderId: 'bob', body: 'unread one' });
  client.fake.receive(id, { senderId: 'bob', body: 'unread two' });
  await client.fake.until((state) => state.conversations[id]?.unreadCount === 2);
  return { client, id };
}

const rows = () => within(screen.getByRole('list', { name: 'Messages' }));
/** The text of the row the divider is in, or null without one. */
const dividerRow = () =>
  rows().queryByText('New messages')?.closest('li')?.querySelector('.banter-message__text')
    ?.textContent ?? null;

describe('the unread divider', () => {
  it('sits above the first unread message by seq and stays there as messages are read', async () => {
    const { client, id } = await setup();
    const view = renderWithClient(<MessageList conversationId={id} />, client);
    await waitFor(() => expect(dividerRow()).toBe('unread one'));
    await act(() => client.markRead(id));
    await waitFor(() => expect(client.getSnapshot().conversations[id]?.unreadCount).toBe(0));
    expect(dividerRow()).toBe('unread one');
    // A new message while it is open does not move it either.
    act(() => {
      client.fake.receive(id, { senderId: 'bob', body: 'one more' });
    });
    await waitFor(() => expect(rows().getByText('one more')).toBeTruthy());
    expect(dividerRow()).toBe('unread one');
    // Closed and opened again with nothing unread: no divider.
    await act(() => client.markRead(id));
    await waitFor(() => expect(client.getSnapshot().conversations[id]?.unreadCount).toBe(0));
    view.unmount();
    renderWithClient(<MessageList conversationId={id} />, client);
    await waitFor(() => expect(rows().getByText('one more')).toBeTruthy());
    expect(dividerRow()).toBeNull();
  });

  it('opens at the first unread far back once: leaving for the latest messages does not bring the list back', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.seedHistory(id, 1_000);
    client.fake.read(id, 'ann', 100);
    await client.fake.until(
      (state) => state.conversations[id]?.participants[0]?.lastReadSeq === 100,
    );
    const handle = vi.spyOn(client.fake.server, 'handle');
    const arounds = () =>
      handle.mock.calls.filter(
        ([name, payload]) => name === 'message:list' && 'around' in (payload as object),
      ).length;
    renderWithClient(<MessageList conversationId={id} />, client);
    const held = () => client.getSnapshot().timelines[id]?.messages.map((m) => m.seq) ?? [];
    await waitFor(() => expect(held()).toContain(101), { timeout: 5_000 });
    expect(arounds()).toBe(1);

    act(() => screen.getByRole('button', { name: 'Jump to latest' }).click());
    await waitFor(() => expect(held().at(-1)).toBe(1_000));
    // Give a bounce every chance to happen: it would ask for the page around 101 again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(arounds()).toBe(1);
    expect(held()).not.toContain(101);
    expect(client.getSnapshot().timelines[id]?.hasMoreAfter).toBe(false);
  });

  it('shows none when nothing is unread', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.receive(id, { senderId: 'ann', body: 'mine' });
    renderWithClient(<MessageList conversationId={id} />, client);
    await waitFor(() => expect(rows().getByText('mine')).toBeTruthy());
    expect(dividerRow()).toBeNull();
  });
});
