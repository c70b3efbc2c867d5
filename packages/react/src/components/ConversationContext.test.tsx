import type { Conversation } from '@banter/core';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatWindow } from './ChatWindow';
import { contextOf } from './conversation-context';

const listing = {
  title: 'Road bike, 54 cm',
  subtitle: '€320',
  imageUrl: 'https://img.example/bike.jpg',
  url: 'https://shop.example/listings/42',
};

async function windowWith(metadata: Record<string, unknown> | null, props = {}) {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'], metadata });
  const result = renderWithClient(<ChatWindow conversationId={id} {...props} />, client);
  await screen.findByRole('heading', { name: 'Bob Ray' });
  return result;
}

describe('the conversation context slot', () => {
  it('draws metadata.context by default: fixed-size picture, a link that opens safely, text only', async () => {
    const { container } = await windowWith({ context: { ...listing, title: '<b>Road bike</b>' } });
    // The drawing's code is a chunk of its own: an empty strip of the same height holds its place.
    const link = await screen.findByRole('link', { name: '<b>Road bike</b>' });
    const region = link.closest('.banter-context') as HTMLElement;
    expect(link.getAttribute('href')).toBe(listing.url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(region.querySelector('b')).toBeNull();
    const image = region.querySelector('img') as HTMLImageElement;
    expect([image.getAttribute('width'), image.getAttribute('height')]).toEqual(['40', '40']);
    expect(screen.getByText('€320')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('draws nothing for a shape it does not know, a script link or a non-web picture', async () => {
    for (const context of [
      { ...listing, url: 'javascript:alert(1)' },
      { ...listing, imageUrl: 'data:image/svg+xml,<svg/>' },
      { title: 42 },
      { title: '' },
      'Road bike',
    ]) {
      expect(contextOf({ context })).toBeNull();
    }
    const { container } = await windowWith({ context: { ...listing, url: 'javascript:alert(1)' } });
    await waitFor(() => expect(container.querySelector('.banter-context')).toBeNull());
    expect(contextOf(null)).toBeNull();
    expect(contextOf({ context: { title: 'Order 7' } })).toEqual({ title: 'Order 7' });
  });

  it('uses renderContext instead when given, with the conversation', async () => {
    const seen: Conversation[] = [];
    await windowWith(
      { context: listing, orderId: 'A-7' },
      {
        renderContext: (conversation: Conversation) => {
          seen.push(conversation);
          return <p>Order {String(conversation.metadata?.orderId)}</p>;
        },
      },
    );
    expect(screen.getByText('Order A-7')).toBeTruthy();
    expect(screen.queryByRole('link', { name: listing.title })).toBeNull();
    expect(seen.at(-1)?.metadata).toMatchObject({ orderId: 'A-7' });
  });
});
