import '../../styles/banter.css';
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../../test/render';
import { ChatProvider } from '../../provider/ChatProvider';
import { MessageList } from '../MessageList';

/**
 * Ann's conversation with Bob: `read` messages she has read, then `unread`
 * from Bob she has not, stored on the in-memory server as history.
 */
async function setup(read: number, unread: number) {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  const { server } = client.fake;
  const stored = server.state.conversations.get(id);
  if (!stored) throw new Error('no conversation');
  const start = Date.now() - (read + unread) * 1_000;
  for (let i = 0; i < read + unread; i++) {
    server.state.append(stored, {
      senderId: i < read ? (i % 2 ? 'ann' : 'bob') : 'bob',
      body: i < read ? `Read ${i + 1}` : `Unread ${i - read + 1}`,
      createdAt: new Date(start + i * 1_000).toISOString(),
    });
  }
  server.advance({ conversationId: id, seq: read }, 'ann', 'read');
  server.announce(stored);
  await client.fake.until((state) => state.conversations[id]?.unreadCount === unread);
  return { client, id };
}

/** Where the row of `text` is relative to the scroller's top edge, or null when it is not rendered. */
function topOf(text: string): number | null {
  const scroller = screen.queryByRole('region', { name: 'Messages' });
  const list = scroller?.querySelector('ul');
  if (!scroller || !list) return null;
  const match = [...list.querySelectorAll('.banter-message__text > span')].find(
    (span) => span.textContent === text,
  );
  const row = match?.closest('li');
  return row ? row.getBoundingClientRect().top - scroller.getBoundingClientRect().top : null;
}

/** Whether the list is painted (not held out of sight while it loads down to the first unread). */
function painted(): boolean {
  const scroller = screen.queryByRole('region', { name: 'Messages' });
  return !!scroller && getComputedStyle(scroller).visibility !== 'hidden';
}

/**
 * Samples, at every animation frame from the render on, where the first
 * unread message is: the frames before the list is painted are skipped, then
 * `frames` frames are kept, starting with the first painted one.
 */
function sampleFrames(frames: number): Promise<Array<number | null>> {
  return new Promise((resolve) => {
    const samples: Array<number | null> = [];
    const tick = () => {
      if (painted()) samples.push(topOf('Unread 1'));
      if (samples.length >= frames) resolve(samples);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

describe('the unread line in a browser', () => {
  it('opens 5,000 unread messages at the first unread, on the first paint, and it stays put', async () => {
    const { client, id } = await setup(200, 5_000);
    const handle = vi.spyOn(client.fake.server, 'handle');
    // Started before the render, so no frame after the list becomes visible is missed.
    const frames = sampleFrames(40);
    render(
      <ChatProvider client={client}>
        <div className="banter-root" style={{ height: 420, width: 380, display: 'flex' }}>
          <MessageList conversationId={id} />
        </div>
      </ChatProvider>,
    );
    const samples = await frames;
    const [first] = samples;
    const height = screen.getByRole('region', { name: 'Messages' }).clientHeight;
    // The first painted frame already shows the first unread message, near the top of the view…
    expect(first).not.toBeNull();
    expect(first as number).toBeGreaterThanOrEqual(0);
    expect(first as number).toBeLessThan(height / 2);
    // …and it does not move in the frames after, while rows are measured and messages marked read.
    for (const top of samples)
      expect(Math.abs((top as number) - (first as number))).toBeLessThan(1);
    const list = within(screen.getByRole('list', { name: 'Messages' }));
    expect(list.getByText('New messages')).toBeTruthy();
    expect(list.queryByText('Unread 5000')).toBeNull();
    // Two requests got it there: the newest page, then the page around the first unread.
    const pages = handle.mock.calls.filter(([name]) => name === 'message:list');
    expect(pages.map(([, payload]) => payload)).toEqual([
      expect.not.objectContaining({ around: expect.anything() }),
      expect.objectContaining({ around: 201 }),
    ]);
    // Seeing them marks them read; the divider stays where it was.
    await waitFor(() =>
      expect(client.getSnapshot().conversations[id]?.unreadCount).toBeLessThan(5_000),
    );
    expect(topOf('Unread 1')).toBeCloseTo(first as number, 0);
    expect(list.getByText('New messages')).toBeTruthy();
  });
});
