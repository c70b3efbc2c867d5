import '../styles/banter.css';
import type { FakeChatClient } from '@banter/core/testing';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../test/render';
import { ChatProvider } from '../provider/ChatProvider';
import { MessageList } from './MessageList';

async function setup(history: number, latencyMs = 0) {
  const client = await fakeClient({ latencyMs });
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  client.fake.seedHistory(id, history);
  await readAll(client, id, history);
  render(
    <ChatProvider client={client}>
      <div className="banter-root" style={{ height: 420, width: 380, display: 'flex' }}>
        <MessageList conversationId={id} />
      </div>
    </ChatProvider>,
  );
  const scroller = () => screen.getByRole('region', { name: 'Messages' });
  // Rows only: the hidden announcer repeats new messages' text.
  const fromBottom = () => scroller().scrollHeight - scroller().scrollTop - scroller().clientHeight;
  return { client, id, scroller, fromBottom };
}

/**
 * Ann has read the seeded history: these tests are about a list that opens at
 * the newest message (one with unread messages opens at the first unread: unread-line.browser.test.tsx).
 */
async function readAll(client: FakeChatClient, id: string, seq: number) {
  client.fake.server.advance({ conversationId: id, seq }, 'ann', 'read');
  await client.fake.until((state) => state.conversations[id]?.unreadCount === 0);
}

/** The visible rows, not the announcer that repeats new messages. */
const rows = () => within(screen.getByRole('list', { name: 'Messages' }));

const frame = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function scrollTo(element: HTMLElement, top: number) {
  element.scrollTop = top;
  element.dispatchEvent(new Event('scroll'));
  await frame();
}

describe('the message list in a browser', () => {
  it('opens at the newest message', async () => {
    const { fromBottom } = await setup(80);
    await waitFor(() => expect(rows().getByText('Message 80')).toBeTruthy());
    await frame();
    expect(fromBottom()).toBeLessThan(2);
  });

  it('sticks to the bottom when new messages arrive while the reader is there', async () => {
    const { client, id, fromBottom } = await setup(60);
    await waitFor(() => rows().getByText('Message 60'));
    await frame();
    for (let i = 0; i < 5; i++) {
      act(() => {
        client.fake.receive(id, { senderId: 'bob', body: `live ${i}\nwith a second line` });
      });
      await frame();
    }
    await waitFor(() => expect(rows().getByText(/live 4/)).toBeTruthy());
    await frame();
    expect(fromBottom()).toBeLessThan(2);
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
  });

  it('keeps the reader’s place when they have scrolled up, and offers the new messages with a count', async () => {
    const { client, id, scroller } = await setup(60);
    await waitFor(() => rows().getByText('Message 60'));
    await frame();
    await scrollTo(scroller(), scroller().scrollHeight / 2);
    const before = scroller().scrollTop;
    act(() => {
      client.fake.receive(id, { senderId: 'bob', body: 'while reading 1' });
      client.fake.receive(id, { senderId: 'bob', body: 'while reading 2' });
    });
    await frame();
    expect(Math.abs(scroller().scrollTop - before)).toBeLessThan(2);
    const jump = await screen.findByRole('button', { name: '2 new messages' });
    jump.click();
    await frame();
    await waitFor(() => expect(rows().getByText('while reading 2')).toBeTruthy());
    expect(scroller().scrollHeight - scroller().scrollTop - scroller().clientHeight).toBeLessThan(
      2,
    );
  });

  it('loads older messages at the top without moving what the reader sees', async () => {
    // A slow server, so the position can be read before the older page arrives.
    const { scroller } = await setup(200, 200);
    await waitFor(() => rows().getByText('Message 200'));
    await frame();
    // The newest page holds 151..200; scroll to its top so the next page loads.
    await scrollTo(scroller(), 0);
    const anchor = rows().getByText('Message 151');
    const topBefore = anchor.getBoundingClientRect().top;
    await waitFor(() => expect(rows().getByText('Message 150')).toBeTruthy(), { timeout: 5_000 });
    await frame();
    await frame();
    expect(
      Math.abs(rows().getByText('Message 151').getBoundingClientRect().top - topBefore),
    ).toBeLessThan(3);
  });

  it('jumps to a message far back with one page around it, loads newer ones below it, and returns to the latest', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.seedHistory(id, 2_000);
    await readAll(client, id, 2_000);
    const stored = client.fake.server.state.conversations.get(id)?.messages[299];
    if (!stored) throw new Error('no message 300');
    const handle = vi.spyOn(client.fake.server, 'handle');
    const requests = () =>
      handle.mock.calls.filter(([name]) => name === 'message:list').map(([, payload]) => payload);
    const view = (target: { id: string; seq: number } | null) => (
      <ChatProvider client={client}>
        <div className="banter-root" style={{ height: 420, width: 380, display: 'flex' }}>
          <MessageList conversationId={id} jumpTarget={target} />
        </div>
      </ChatProvider>
    );
    const { rerender } = render(view(null));
    await waitFor(() => rows().getByText('Message 2000'));
    handle.mockClear();
    rerender(view({ id: stored.id, seq: 300 }));

    // The page around it, not a walk back through 1,700 messages; the message is on screen.
    await waitFor(() => expect(rows().getByText('Message 300')).toBeTruthy());
    await frame();
    expect(requests()[0]).toMatchObject({ around: 300 });
    expect(requests().filter((payload) => 'before' in (payload as object))).toEqual([]);
    const scroller = screen.getByRole('region', { name: 'Messages' });
    const box = scroller.getBoundingClientRect();
    const hit = rows().getByText('Message 300').getBoundingClientRect();
    expect(hit.top).toBeGreaterThanOrEqual(box.top);
    expect(hit.bottom).toBeLessThanOrEqual(box.bottom);
    expect(rows().queryByText('Message 2000')).toBeNull();
    const latest = screen.getByRole('button', { name: 'Jump to latest' });

    // Scrolling down to the end of the window loads the messages after it, without moving the reader.
    const last = client.getSnapshot().timelines[id]?.messages.at(-1)?.seq as number;
    await scrollTo(scroller, scroller.scrollHeight);
    await waitFor(() => expect(rows().getByText(`Message ${last + 1}`)).toBeTruthy());
    expect(requests().at(-1)).toMatchObject({ after: last });

    latest.click();
    await waitFor(() => expect(rows().getByText('Message 2000')).toBeTruthy());
    await frame();
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).toBeLessThan(2);
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    expect(rows().queryByText('Message 300')).toBeNull();
    // What the jump and the pages brought is history: not announced, not counted as new.
    const log = screen.getByRole('log');
    expect(log.textContent).toBe('');
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
    act(() => {
      client.fake.receive(id, { senderId: 'bob', body: 'back in time for this' });
    });
    await waitFor(() => expect(log.textContent).toContain('back in time for this'));
  });

  it('keeps what the reader sees in place when reactions or an edit make a bubble above it taller', async () => {
    const { client, id, scroller } = await setup(60);
    await waitFor(() => rows().getByText('Message 60'));
    await frame();
    await scrollTo(scroller(), scroller().scrollHeight / 2);
    await frame();
    // What the reader looks at: the first message whose top is on screen, and the one cut off above it.
    const edge = scroller().getBoundingClientRect().top;
    const bubbles = [...document.querySelectorAll<HTMLElement>('.banter-message')];
    const seen = bubbles.findIndex((b) => b.getBoundingClientRect().top >= edge);
    const watched = bubbles[seen] as HTMLElement;
    const cut = bubbles[seen - 1] as HTMLElement;
    const above = bubbles[seen - 3] as HTMLElement;
    const before = watched.getBoundingClientRect().top;
    const message = (bubble: HTMLElement) => {
      const text = bubble.querySelector('.banter-message__text')?.textContent;
      return client.getSnapshot().timelines[id]?.messages.find((m) => m.body === text);
    };
    const ownAbove = [cut, above, bubbles[seen - 2] as HTMLElement]
      .map(message)
      .find((m) => m?.senderId === 'ann');
    act(() => {
      for (const emoji of ['👍', '❤️', '😂', '😮', '😢', '🙏']) {
        client.addReaction(id, message(cut)?.id as string, emoji);
        client.addReaction(id, message(above)?.id as string, emoji);
      }
      client.editMessage(id, ownAbove?.id as string, 'Edited\ninto\nfour\nlines');
    });
    await frame();
    await frame();
    expect(cut.querySelectorAll('.banter-reactions__chip')).toHaveLength(6);
    expect(Math.abs(watched.getBoundingClientRect().top - before)).toBeLessThan(2);
    // And once the server has answered (counts confirmed, rows measured again).
    await waitFor(() =>
      expect(client.fake.stored(id).find((m) => m.id === ownAbove?.id)?.body).toMatch(/^Edited/),
    );
    await frame();
    await frame();
    expect(Math.abs(watched.getBoundingClientRect().top - before)).toBeLessThan(2);
  });

  it('stays at the bottom when a reaction makes the newest bubble taller', async () => {
    const { client, id, fromBottom } = await setup(30);
    await waitFor(() => rows().getByText('Message 30'));
    await frame();
    const newest = client.getSnapshot().timelines[id]?.messages.at(-1);
    act(() => {
      client.addReaction(id, newest?.id as string, '🎉');
    });
    await frame();
    await frame();
    expect(fromBottom()).toBeLessThan(2);
  });

  it('marks read only what is on screen', async () => {
    const { client, id, scroller } = await setup(60);
    const marks = vi.spyOn(client, 'markRead');
    await waitFor(() => rows().getByText('Message 60'));
    const mine = () =>
      client.getSnapshot().conversations[id]?.participants.find((p) => p.userId === 'ann');
    await waitFor(() => expect(mine()?.lastReadSeq).toBe(60), { timeout: 3_000 });
    await scrollTo(scroller(), 0);
    const before = marks.mock.calls.length;
    act(() => {
      client.fake.receive(id, { senderId: 'bob', body: 'not seen yet' });
    });
    // The list marks what the top of the history shows once it has stayed on screen: wait for
    // that mark, not for an amount of time, then check that it stopped short of the new message.
    await waitFor(() => expect(marks.mock.calls.length).toBeGreaterThan(before), {
      timeout: 3_000,
    });
    const marked = marks.mock.calls.slice(before).map(([, seq]) => seq ?? 0);
    expect(Math.max(...marked)).toBeLessThan(61);
    expect(mine()?.lastReadSeq).toBe(60);
  });

  it('never pulls the reader back while they scroll up through a long history', async () => {
    const { client, id, scroller } = await setup(1_000);
    await waitFor(() => rows().getByText('Message 1000'));
    // All twenty pages loaded, so the scroll crosses rows that were never measured.
    await act(async () => {
      while (client.getSnapshot().timelines[id]?.hasMoreBefore) await client.loadOlderMessages(id);
    });
    await frame();
    const positions: number[] = [];
    for (let step = 0; step < 8; step++) {
      const target = Math.max(0, scroller().scrollTop - 900);
      // The browser's own scroll event only (no synthetic one): it can arrive after React has rendered.
      scroller().scrollTop = target;
      await frame();
      await frame();
      positions.push(scroller().scrollTop);
      // Measured rows can be shorter than their estimate, which moves the view further up to keep
      // the row the reader sees in place; it must never be pulled back down toward where they were.
      expect(scroller().scrollTop - target, `positions: ${positions.join(', ')}`).toBeLessThan(2);
    }
  });

  it('opens a 10,000-message conversation with only a window of rows in the page', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.seedHistory(id, 10_000);
    await readAll(client, id, 10_000);
    render(
      <ChatProvider client={client}>
        <div className="banter-root" style={{ height: 420, width: 380, display: 'flex' }}>
          <MessageList conversationId={id} />
        </div>
      </ChatProvider>,
    );
    await waitFor(() => rows().getByText('Message 10000'));
    // Load every page, as a reader scrolling all the way up would.
    for (let page = 0; page < 200 && client.getSnapshot().timelines[id]?.hasMoreBefore; page++) {
      await act(() => client.loadOlderMessages(id));
    }
    expect(client.getSnapshot().timelines[id]?.messages).toHaveLength(10_000);
    await frame();
    const rendered = document.querySelectorAll('.banter-message').length;
    const scrollerHeight = screen.getByRole('region', { name: 'Messages' }).clientHeight;
    console.log(
      `[virtualization] 10,000 messages held, ${rendered} rendered for a ${scrollerHeight}px viewport`,
    );
    expect(rendered).toBeLessThan(200);
    const scroller = screen.getByRole('region', { name: 'Messages' });
    await scrollTo(scroller, scroller.scrollHeight / 2);
    await frame();
    await waitFor(() =>
      expect(document.querySelectorAll('.banter-message').length).toBeGreaterThan(0),
    );
    const shown = [...document.querySelectorAll('.banter-message__text')].map(
      (el) => el.textContent,
    );
    expect(shown.some((text) => /Message (4|5|6)\d{3}/.test(text ?? ''))).toBe(true);
    // 200 pages rendered one after another: 15-20 s alone here, more beside other work.
  }, 120_000);
});
