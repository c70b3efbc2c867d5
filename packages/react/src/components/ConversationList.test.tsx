import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useCallback } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, people, renderWithClient } from '../../test/render';
import { ConversationList } from './ConversationList';
import { ConversationRow, type ConversationRowProps } from './ConversationRow';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Ann talks with Bob (most recent), then Cat, then a group titled "Trip". */
async function threeConversations(given?: FakeChatClient) {
  const client = given ?? (await fakeClient());
  const trip = client.fake.addConversation({
    participantIds: ['ann', 'bob', 'cat'],
    title: 'Trip',
    lastActivityAt: minutesAgo(30),
  });
  const cat = client.fake.addConversation({
    participantIds: ['ann', 'cat'],
    lastActivityAt: minutesAgo(20),
  });
  const bob = client.fake.addConversation({
    participantIds: ['ann', 'bob'],
    lastActivityAt: minutesAgo(10),
  });
  return { client, bob: bob.id, cat: cat.id, trip: trip.id };
}

const options = () => screen.getAllByRole('option');
const titles = () =>
  options().map((option) => option.querySelector('.banter-conversation-row__title')?.textContent);
const search = () => screen.getByRole('searchbox', { name: 'Search conversations' });

/** Renders and waits until the rows show people's names, not their ids. */
async function renderList(client: FakeChatClient, ui = <ConversationList />) {
  const result = renderWithClient(ui, client);
  await waitFor(() => expect(titles()).not.toContain('bob'));
  return result;
}

/** A list whose rows report each render, through a stable renderRow. */
function CountingList({ onRow }: { onRow: (conversationId: string) => void }) {
  const renderRow = useCallback(
    (props: ConversationRowProps) => {
      onRow(props.conversation.id);
      return <ConversationRow {...props} />;
    },
    [onRow],
  );
  return <ConversationList renderRow={renderRow} />;
}

describe('ConversationList', () => {
  it('says it is loading, then that there are no conversations', async () => {
    const client = await fakeClient({ latencyMs: 30 });
    const { container } = renderWithClient(<ConversationList />, client);
    expect(screen.getByRole('status').textContent).toBe('Loading conversations…');
    await expectNoAxeViolations(container);
    expect(await screen.findByText('No conversations yet')).toBeTruthy();
    expect(screen.queryByRole('listbox')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('lists conversations as options, most recent activity first', async () => {
    const { client, trip } = await threeConversations();
    const { container } = await renderList(client);
    expect(screen.getByRole('listbox', { name: 'Conversations' })).toBeTruthy();
    expect(titles()).toEqual(['Bob Ray', 'Cat Diaz', 'Trip']);
    act(() => {
      client.fake.receive(trip, { senderId: 'cat', body: 'Flights are cheap' });
    });
    expect(titles()).toEqual(['Trip', 'Bob Ray', 'Cat Diaz']);
    await expectNoAxeViolations(container);
  });

  it('filters by title, names and last message, ignoring case and accents', async () => {
    const client = createFakeChatClient({
      userId: 'ann',
      users: [...people, { id: 'jose', name: 'José Núñez' }],
    });
    await threeConversations(client);
    const { id: jose } = client.fake.addConversation({ participantIds: ['ann', 'jose'] });
    client.fake.receive(jose, { senderId: 'jose', body: 'Pizza tonight?' });
    const user = userEvent.setup();
    const { container } = await renderList(client);
    await waitFor(() => expect(titles()).toContain('José Núñez'));

    await user.type(search(), 'jose');
    expect(titles()).toEqual(['José Núñez']);
    await user.clear(search());
    await user.type(search(), 'NUNEZ');
    expect(titles()).toEqual(['José Núñez']);
    await user.clear(search());
    await user.type(search(), 'pizza');
    expect(titles()).toEqual(['José Núñez']);
    await user.clear(search());
    await user.type(search(), 'bob');
    expect(titles()).toEqual(['Bob Ray', 'Trip']);
    await expectNoAxeViolations(container);

    await user.clear(search());
    await user.type(search(), 'zzz');
    expect(screen.getByRole('status').textContent).toBe('No conversations match your search');
    expect(screen.queryByRole('listbox')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('moves through the options with the arrow keys, Home and End, and selects with Enter or Space', async () => {
    const { client, cat, trip } = await threeConversations();
    const onSelect = vi.fn();
    const user = userEvent.setup();
    const { container } = await renderList(
      client,
      <ConversationList onSelect={onSelect} showNewConversation={false} />,
    );
    const focused = () => document.activeElement?.textContent;
    const tabStops = () => options().filter((option) => option.tabIndex === 0);

    await user.tab();
    expect(document.activeElement).toBe(search());
    await user.tab();
    expect(focused()).toContain('Bob Ray');
    await user.keyboard('{ArrowDown}');
    expect(focused()).toContain('Cat Diaz');
    expect(tabStops()).toEqual([document.activeElement]);
    await user.keyboard('{End}');
    expect(focused()).toContain('Trip');
    await user.keyboard('{ArrowDown}');
    expect(focused()).toContain('Trip');
    await user.keyboard('{Home}');
    expect(focused()).toContain('Bob Ray');
    await user.keyboard('{ArrowUp}');
    expect(focused()).toContain('Bob Ray');

    await user.keyboard('{ArrowDown}{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(cat);
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{End} ');
    expect(onSelect).toHaveBeenLastCalledWith(trip);
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual([
      'false',
      'false',
      'true',
    ]);
    await expectNoAxeViolations(container);

    // ArrowDown in the search box goes to the results.
    await user.click(search());
    await user.keyboard('{ArrowDown}');
    expect(focused()).toContain('Trip');
  });

  it('keeps its own selection when uncontrolled', async () => {
    const { client, bob, cat } = await threeConversations();
    const onSelect = vi.fn();
    const user = userEvent.setup();
    const { container } = await renderList(
      client,
      <ConversationList defaultSelectedId={cat} onSelect={onSelect} />,
    );
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(options()[1]?.tabIndex).toBe(0);
    await user.click(options()[0] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith(bob);
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    expect(options()[1]?.getAttribute('aria-selected')).toBe('false');
    await expectNoAxeViolations(container);
  });

  it('shows the host’s selection when controlled', async () => {
    const { client, bob, cat } = await threeConversations();
    const onSelect = vi.fn();
    const user = userEvent.setup();
    const { rerender } = await renderList(
      client,
      <ConversationList selectedId={cat} onSelect={onSelect} />,
    );
    await user.click(options()[0] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith(bob);
    // Still the host's choice until the host changes it.
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(options()[0]?.getAttribute('aria-selected')).toBe('false');
    rerender(<ConversationList selectedId={bob} onSelect={onSelect} />);
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
  });

  it('lists archived conversations when asked', async () => {
    const client = await fakeClient();
    client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.addConversation({ participantIds: ['ann', 'cat'], archived: true });
    const { container } = renderWithClient(<ConversationList archived />, client);
    await waitFor(() => expect(titles()).toEqual(['Cat Diaz']));
    expect(screen.getByRole('img', { name: 'Archived' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('selects a conversation started from the list', async () => {
    const client = await fakeClient();
    client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const onSelect = vi.fn();
    const user = userEvent.setup();
    await renderList(client, <ConversationList onSelect={onSelect} />);
    await user.click(screen.getByRole('button', { name: 'New conversation' }));
    // The panel's code is a chunk of its own, fetched on this first opening.
    await user.type(await screen.findByRole('searchbox', { name: 'Search people' }), 'cat');
    await user.click(
      await screen.findByRole('button', { name: 'Start a conversation with Cat Diaz' }),
    );
    await waitFor(() => expect(onSelect).toHaveBeenCalledTimes(1));
    const selected = await screen.findByRole('option', { selected: true });
    expect(within(selected).getByText('Cat Diaz')).toBeTruthy();
  });

  it('renders 500 conversations, and re-renders only the row that changed', async () => {
    const client = await fakeClient();
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) {
      const { id } = client.fake.addConversation({
        participantIds: ['ann', `user-${i}`],
        lastActivityAt: minutesAgo(i + 1),
      });
      ids.push(id);
    }
    const rendered = vi.fn();
    renderWithClient(<CountingList onRow={rendered} />, client);
    await waitFor(() => expect(options()).toHaveLength(500));
    await waitFor(() => expect(client.getSnapshot().users['user-499']).toBeDefined());
    rendered.mockClear();
    act(() => {
      client.fake.receive(ids[0] as string, { senderId: 'user-0', body: 'still first' });
    });
    expect(rendered.mock.calls).toEqual([[ids[0]]]);
    expect(within(options()[0] as HTMLElement).getByText('still first')).toBeTruthy();
  }, 90_000); // 500 rows in jsdom: seconds on an idle machine, 20 s on one loaded beside other work.
});
