import type { MessageSearchHit } from '@banter/core';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../../test/axe';
import { fakeClient, renderWithClient } from '../../../test/render';
import { MessageSearch } from './MessageSearch';

async function setup(conversationId?: 'scoped') {
  const client = await fakeClient();
  const withBob = client.fake.addConversation({ participantIds: ['ann', 'bob'], title: 'Trip' });
  const withCat = client.fake.addConversation({ participantIds: ['ann', 'cat'], title: 'Work' });
  const onSelect = vi.fn<(hit: MessageSearchHit) => void>();
  const user = userEvent.setup();
  const view = renderWithClient(
    <MessageSearch conversationId={conversationId && withBob.id} onSelect={onSelect} />,
    client,
  );
  await client.loadConversations();
  return { ...view, client, withBob, withCat, onSelect, user };
}

const box = () => screen.findByRole('combobox');

describe('MessageSearch', () => {
  it('finds messages across conversations and marks the matched words, as text', async () => {
    const { client, withBob, withCat, user, container } = await setup();
    client.fake.receive(withBob.id, { senderId: 'bob', body: 'The <b>lunch</b> plan' });
    client.fake.receive(withCat.id, { senderId: 'cat', body: 'no match here' });
    await user.click(screen.getByRole('button', { name: 'Search all conversations' }));
    await user.type(await box(), 'lunch');
    const option = await screen.findByRole('option');
    expect(option.textContent).toContain('Trip');
    // The sender's profile is fetched when first shown: the name follows the id a moment later.
    await waitFor(() => expect(option.textContent).toContain('Bob Ray'));
    expect(option.querySelector('b')).toBeNull();
    expect([...option.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['lunch']);
    expect(option.textContent).toContain('The <b>lunch</b> plan');
    await expectNoAxeViolations(container);
  });

  it('is driven by the keyboard: arrows move through the hits, Enter chooses, Escape closes', async () => {
    const { client, withBob, onSelect, user } = await setup('scoped');
    client.fake.receive(withBob.id, { senderId: 'bob', body: 'first note' });
    client.fake.receive(withBob.id, { senderId: 'bob', body: 'second note' });
    const trigger = screen.getByRole('button', { name: 'Search messages' });
    await user.click(trigger);
    const input = await box();
    expect(document.activeElement).toBe(input);
    await user.type(input, 'note');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const active = screen.getAllByRole('option')[1];
    expect(input.getAttribute('aria-activedescendant')).toBe(active?.id);
    expect(active?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.objectContaining({ body: 'first note' }) }),
    );
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(document.activeElement).toBe(trigger);
    await user.click(trigger);
    await box();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('says when nothing matches, and when the search failed', async () => {
    const { client, user } = await setup();
    await user.click(screen.getByRole('button', { name: 'Search all conversations' }));
    await user.type(await box(), 'zebra');
    expect(await screen.findByText('No messages found')).toBeTruthy();
    client.fake.link.failNext('message:search', 'unavailable', 'down');
    await user.type(await box(), 's');
    expect((await screen.findByRole('alert')).textContent).toBe('Search failed. Try again.');
  });

  it('loads older hits with Load more', async () => {
    const { client, withBob, user } = await setup();
    for (let i = 1; i <= 25; i++)
      client.fake.receive(withBob.id, { senderId: 'bob', body: `memo ${i}` });
    await user.click(screen.getByRole('button', { name: 'Search all conversations' }));
    await user.type(await box(), 'memo');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(20));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(25));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getAllByRole('option')[24]?.textContent).toContain('memo 1');
  });
});
