import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../../test/axe';
import { emojibaseResponse } from '../../../test/emoji-data';
import { fakeClient, people, renderWithClient } from '../../../test/render';
import { longPressMs } from '../../utils/use-long-press';
import { Composer } from '../Composer';
import { MessageList } from '../MessageList';
import { highlightMs } from './use-jump-to-message';

/** Ann's list and composer for a conversation with Bob holding `seed` (Bob's first, then Ann's). */
async function setup(seed: (client: FakeChatClient, id: string) => void) {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob', 'cat'] });
  seed(client, id);
  const result = renderWithClient(
    <>
      <MessageList conversationId={id} />
      <Composer conversationId={id} />
    </>,
    client,
  );
  await waitFor(() => expect(client.getSnapshot().timelines[id]?.loaded).toBe(true));
  const rows = () => within(screen.getByRole('list', { name: 'Messages' }));
  // By the message's own text, not a quote of it in a reply.
  const bubble = (text: string) =>
    rows()
      .getByText(text, { selector: '.banter-message__text > span' })
      .closest<HTMLElement>('.banter-message') as HTMLElement;
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  return { ...result, client, id, rows, bubble, box, user: userEvent.setup() };
}

const stored = (client: FakeChatClient, id: string, body: string) =>
  client.fake.stored(id).find((m) => m.body === body);

/** Bob, signed in on the same in-memory server: reactions from someone else. */
async function bobOn(client: FakeChatClient) {
  const bob = createFakeChatClient({ userId: 'bob', users: people, server: client.fake.server });
  others.push(bob);
  await bob.fake.until((state) => state.connection.status === 'connected');
  return bob;
}
const others: FakeChatClient[] = [];
afterEach(async () => {
  await Promise.all(others.splice(0).map((c) => c.close()));
});

describe('message actions in the list', () => {
  it('makes the messages one tab stop that the arrow keys, Home and End move through', async () => {
    const { bubble, user } = await setup((client, id) => {
      for (const body of ['one', 'two', 'three'])
        client.fake.receive(id, { senderId: 'bob', body });
    });
    const [one, two, three] = ['one', 'two', 'three'].map(bubble) as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    // The newest message holds the tab stop until another is focused.
    expect([one, two, three].map((b) => b.tabIndex)).toEqual([-1, -1, 0]);
    act(() => three.focus());
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(two);
    expect([one, two, three].map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(one);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(one);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(three);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(three);
  });

  it('opens the focused message’s actions with Enter, the context-menu key or Shift+F10; Escape returns to it', async () => {
    const { bubble, user, container } = await setup((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'hello' });
    });
    const hello = bubble('hello');
    act(() => hello.focus());
    for (const keys of ['{Enter}', '{ContextMenu}', '{Shift>}{F10}{/Shift}']) {
      await user.keyboard(keys);
      const menu = screen.getByRole('menu', { name: 'Message actions' });
      expect(menu.contains(document.activeElement)).toBe(true);
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('menu')).toBeNull();
      expect(document.activeElement).toBe(hello);
    }
    await user.keyboard('{Enter}');
    await expectNoAxeViolations(container);
  });

  it('opens the actions on a long press, not on a tap', async () => {
    const { bubble } = await setup((client, id) => {
      client.fake.receive(id, { senderId: 'bob', body: 'press me' });
    });
    vi.useFakeTimers();
    try {
      const target = bubble('press me');
      const touch = { pointerType: 'touch', isPrimary: true, clientX: 5, clientY: 5 };
      fireEvent.pointerDown(target, touch);
      fireEvent.pointerUp(target, touch);
      act(() => vi.advanceTimersByTime(longPressMs));
      expect(screen.queryByRole('menu')).toBeNull();
      fireEvent.pointerDown(target, touch);
      act(() => vi.advanceTimersByTime(longPressMs));
      expect(screen.getByRole('menu', { name: 'Message actions' })).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers Edit and Delete on one’s own messages only, and no Reply on a send still on its way', async () => {
    const { client, id, bubble, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'bob', body: 'theirs' });
      c.fake.receive(conversationId, { senderId: 'ann', body: 'mine' });
    });
    const items = async (text: string) => {
      await user.click(within(bubble(text)).getByRole('button', { name: 'Message actions' }));
      const names = screen
        .getAllByRole('menuitem')
        .map((item) => item.getAttribute('aria-label') ?? item.textContent);
      await user.keyboard('{Escape}');
      return names;
    };
    // In a group, someone else's message also offers blocking its sender.
    expect(await items('theirs')).toEqual(['More reactions', 'Reply', 'Copy text', 'Block']);
    expect(await items('mine')).toEqual(['More reactions', 'Reply', 'Copy text', 'Edit', 'Delete']);
    client.fake.link.hold();
    act(() => {
      client.sendMessage(id, { body: 'on its way' });
    });
    expect(await items('on its way')).toEqual(['More reactions', 'Copy text', 'Edit', 'Delete']);
  });

  it('reacts to and edits a send still on its way: shown at once, applied once it is stored', async () => {
    const { client, id, bubble, box, user } = await setup(() => {});
    const release = client.fake.link.hold();
    await user.type(box, 'see you at 8{Enter}');
    await user.click(
      within(bubble('see you at 8')).getByRole('button', { name: 'Message actions' }),
    );
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'React with 👍' }));
    // Up in the empty composer edits it, although the server has not stored it yet.
    await user.type(box, '{ArrowUp}');
    await user.clear(box);
    await user.type(box, 'see you at 9{Enter}');
    const chip = within(bubble('see you at 9')).getByRole('button', { name: /👍 1 reaction/ });
    expect(chip.dataset.pending).toBe('true');
    expect(client.fake.stored(id)).toEqual([]);
    release();
    await waitFor(() => expect(client.getSnapshot().timelines[id]?.actions).toEqual([]));
    expect(client.fake.stored(id)).toMatchObject([
      { body: 'see you at 9', reactions: [{ emoji: '👍', count: 1 }] },
    ]);
  });

  it('fetches the full picker’s emoji data from where the provider says (a self-hosted copy)', async () => {
    const fetch = vi.fn(
      async (input: RequestInfo | URL) =>
        emojibaseResponse(String(input instanceof Request ? input.url : input)) ??
        new Response(null, { status: 404 }),
    );
    vi.stubGlobal('fetch', fetch);
    // jsdom draws nothing: the picker then offers every emoji version rather than probing fonts.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    try {
      const client = await fakeClient();
      const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
      client.fake.receive(id, { senderId: 'bob', body: 'pick one' });
      renderWithClient(<MessageList conversationId={id} />, client, {
        emojibaseUrl: 'https://chat.example/emoji',
      });
      const user = userEvent.setup();
      const message = (await screen.findByText('pick one')).closest(
        '.banter-message',
      ) as HTMLElement;
      await user.click(within(message).getByRole('button', { name: 'Message actions' }));
      await user.click(screen.getByRole('menuitem', { name: 'More reactions' }));
      // The picker's chunk may be compiled for the first time in this run: seconds when busy.
      const grinning = await screen.findByRole(
        'gridcell',
        { name: 'Grinning face' },
        { timeout: 20_000 },
      );
      expect(grinning).toBeTruthy();
      expect(fetch).toHaveBeenCalledWith(
        'https://chat.example/emoji/en/data.json',
        expect.anything(),
      );
    } finally {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    }
  });

  it('copies the text of a message', async () => {
    const { bubble, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'bob', body: 'copy me' });
    });
    await user.click(within(bubble('copy me')).getByRole('button', { name: 'Message actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Copy text' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('copy me'));
  });

  it('reacts from the menu: the chip shows at once as pending, pressed, then confirmed', async () => {
    const { client, id, bubble, user, container } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'bob', body: 'nice view' });
    });
    const release = client.fake.link.hold();
    await user.click(within(bubble('nice view')).getByRole('button', { name: 'Message actions' }));
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'React with 👍' }));
    const chip = within(bubble('nice view')).getByRole('button', { name: /👍 1 reaction/ });
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(chip.dataset.reacted).toBe('true');
    expect(chip.dataset.pending).toBe('true');
    expect(chip.getAttribute('aria-label')).toBe('👍 1 reaction: You');
    await expectNoAxeViolations(container);
    release();
    await waitFor(() => expect(chip.dataset.pending).toBeUndefined());
    expect(stored(client, id, 'nice view')?.reactions).toMatchObject([{ emoji: '👍', count: 1 }]);
  });

  it('toggles a chip and names who reacted, with "and N others" past the names it knows', async () => {
    const { client, id, bubble, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'cat', body: 'party?' });
    });
    const bob = await bobOn(client);
    const original = stored(client, id, 'party?');
    act(() => {
      bob.addReaction(id, original?.id as string, '🎉');
    });
    const chip = await within(bubble('party?')).findByRole('button', {
      name: /🎉 1 reaction: Bob Ray/,
    });
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    expect(chip.textContent).toContain('Bob Ray');

    await user.click(chip);
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(chip.getAttribute('aria-label')).toMatch(
      /^🎉 2 reactions: (Bob Ray and You|You and Bob Ray)$/,
    );
    await waitFor(() => expect(stored(client, id, 'party?')?.reactions[0]?.count).toBe(2));
    await user.click(chip);
    await waitFor(() => expect(stored(client, id, 'party?')?.reactions[0]?.count).toBe(1));
    expect(chip.getAttribute('aria-pressed')).toBe('false');
  });

  it('shows a failed reaction on its message, with Retry and Discard', async () => {
    const { client, id, bubble, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'bob', body: 'react to me' });
    });
    client.fake.link.failNext('reaction:add', 'forbidden', 'not allowed here');
    await user.click(
      within(bubble('react to me')).getByRole('button', { name: 'Message actions' }),
    );
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'React with 😂' }));
    const failure = await within(bubble('react to me')).findByText(/Couldn’t add the reaction/);
    expect(failure.textContent).toContain('not allowed here');
    await user.click(within(bubble('react to me')).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(stored(client, id, 'react to me')?.reactions).toMatchObject([{ emoji: '😂' }]),
    );
    expect(within(bubble('react to me')).queryByRole('button', { name: 'Retry' })).toBeNull();

    client.fake.link.failNext('reaction:add', 'forbidden', 'not allowed here');
    await user.click(
      within(bubble('react to me')).getByRole('button', { name: 'Message actions' }),
    );
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'React with 🙏' }));
    await user.click(await within(bubble('react to me')).findByRole('button', { name: 'Discard' }));
    expect(within(bubble('react to me')).queryByRole('button', { name: /🙏/ })).toBeNull();
  });

  it('deletes one’s own message after confirming; it keeps its place as deleted', async () => {
    const { client, id, bubble, rows, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'ann', body: 'oops' });
      c.fake.receive(conversationId, { senderId: 'bob', body: 'after' });
    });
    await user.click(within(bubble('oops')).getByRole('button', { name: 'Message actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete for everyone' }));
    expect(rows().queryByText('oops')).toBeNull();
    expect(rows().getByText('This message was deleted')).toBeTruthy();
    await waitFor(() => expect(client.fake.stored(id)[0]?.deletedAt).toEqual(expect.any(String)));
    expect(rows().getAllByRole('listitem').length).toBeGreaterThan(2);
  });
});

describe('replying', () => {
  it('quotes the message above the composer, sends the reply with replyTo, and the reply quotes it', async () => {
    const { client, id, bubble, box, user, container } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'bob', body: 'Saturday at six?\nOr seven' });
    });
    await user.click(
      within(bubble('Saturday at six? Or seven')).getByRole('button', { name: 'Message actions' }),
    );
    await user.click(screen.getByRole('menuitem', { name: 'Reply' }));
    expect(screen.getByText('Replying to Bob Ray')).toBeTruthy();
    expect(document.activeElement).toBe(box);
    await expectNoAxeViolations(container);
    await user.type(box, 'Six works{Enter}');
    expect(screen.queryByText('Replying to Bob Ray')).toBeNull();
    const original = client.fake.stored(id)[0];
    await waitFor(() =>
      expect(client.fake.stored(id).at(-1)).toMatchObject({
        body: 'Six works',
        replyTo: original?.id,
      }),
    );
    const quote = within(bubble('Six works')).getByRole('button', {
      name: 'In reply to Bob Ray: Saturday at six?',
    });
    expect(quote.dataset.state).toBe('loaded');
  });

  it('cancels a reply with Escape or the cancel button', async () => {
    const { bubble, box, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'bob', body: 'question' });
    });
    for (const cancel of [
      () => user.keyboard('{Escape}'),
      () => user.click(screen.getByRole('button', { name: 'Cancel reply' })),
    ]) {
      await user.click(within(bubble('question')).getByRole('button', { name: 'Message actions' }));
      await user.click(screen.getByRole('menuitem', { name: 'Reply' }));
      expect(screen.getByText('Replying to Bob Ray')).toBeTruthy();
      await cancel();
      expect(screen.queryByText('Replying to Bob Ray')).toBeNull();
      expect(document.activeElement).toBe(box);
    }
  });

  it('says when the original was deleted, and jumps to a held original, highlighting it briefly', async () => {
    const { client, id, bubble, user } = await setup((c, conversationId) => {
      const first = c.fake.receive(conversationId, { senderId: 'bob', body: 'the plan' });
      const gone = c.fake.receive(conversationId, {
        senderId: 'bob',
        body: '',
        deletedAt: new Date().toISOString(),
      });
      c.fake.receive(conversationId, {
        senderId: 'ann',
        body: 'about the plan',
        replyTo: first.id,
      });
      c.fake.receive(conversationId, { senderId: 'ann', body: 'about that', replyTo: gone.id });
    });
    expect(
      within(bubble('about that')).getByRole('button', {
        name: 'In reply to Bob Ray: Message deleted',
      }),
    ).toBeTruthy();
    const loadAround = vi.spyOn(client, 'loadAround');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await user.click(
        within(bubble('about the plan')).getByRole('button', {
          name: 'In reply to Bob Ray: the plan',
        }),
      );
      await waitFor(() => expect(bubble('the plan').dataset.highlighted).toBe('true'));
      expect(document.activeElement).toBe(bubble('the plan'));
      expect(loadAround).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(highlightMs));
      expect(bubble('the plan').dataset.highlighted).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
    expect(client.fake.stored(id)).toHaveLength(4);
  });

  it('loads older pages to reach an original that is not held', async () => {
    const { client, id, bubble, user } = await setup((c, conversationId) => {
      // Stored quietly, as history from before this client connected.
      const { state } = c.fake.server;
      const stored = state.conversations.get(conversationId);
      if (!stored) throw new Error('no conversation');
      const first = state.append(stored, { senderId: 'bob', body: 'long ago' });
      c.fake.seedHistory(conversationId, 120);
      c.fake.receive(conversationId, { senderId: 'ann', body: 'back to that', replyTo: first.id });
    });
    const quote = within(bubble('back to that')).getByRole('button', {
      name: 'In reply to: Original message not loaded',
    });
    await user.click(quote);
    // jsdom lays nothing out, so the list cannot scroll there: the Chromium tests check the scroll.
    await waitFor(() =>
      expect(client.getSnapshot().timelines[id]?.messages[0]?.body).toBe('long ago'),
    );
    expect(
      within(bubble('back to that')).getByRole('button', { name: 'In reply to Bob Ray: long ago' }),
    ).toBeTruthy();
  });
});

describe('editing', () => {
  it('puts the message in the composer, saves the edit, then gives the draft back', async () => {
    const { client, id, bubble, box, user, container } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'ann', body: 'See you at 6' });
    });
    await user.type(box, 'my draft');
    await user.click(
      within(bubble('See you at 6')).getByRole('button', { name: 'Message actions' }),
    );
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }));
    expect(screen.getByText('Editing message')).toBeTruthy();
    expect(box.value).toBe('See you at 6');
    expect(document.activeElement).toBe(box);
    await expectNoAxeViolations(container);
    await user.clear(box);
    await user.type(box, 'See you at 7');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByText('Editing message')).toBeNull();
    expect(box.value).toBe('my draft');
    // Shown at once, edited.
    expect(within(bubble('See you at 7')).getByText('edited')).toBeTruthy();
    await waitFor(() => expect(client.fake.stored(id)[0]?.body).toBe('See you at 7'));
  });

  it('edits your last own message on Up in an empty composer, and Escape cancels it', async () => {
    const { client, id, box, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'ann', body: 'older of mine' });
      c.fake.receive(conversationId, { senderId: 'ann', body: 'newest of mine' });
      c.fake.receive(conversationId, { senderId: 'bob', body: 'theirs' });
    });
    await user.click(box);
    await user.keyboard('{ArrowUp}');
    expect(box.value).toBe('newest of mine');
    expect(screen.getByText('Editing message')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByText('Editing message')).toBeNull();
    expect(box.value).toBe('');
    await user.keyboard('{ArrowUp}{End} (fixed){Enter}');
    await waitFor(() => expect(client.fake.stored(id)[1]?.body).toBe('newest of mine (fixed)'));
  });

  it('shows a failed edit on its message; Discard shows the server’s text again', async () => {
    const { client, box, rows, user } = await setup((c, conversationId) => {
      c.fake.receive(conversationId, { senderId: 'ann', body: 'first words' });
    });
    client.fake.link.failNext('message:edit', 'forbidden', 'too late to edit');
    await user.click(box);
    await user.keyboard('{ArrowUp}{End} more{Enter}');
    const failure = await rows().findByText(/Couldn’t edit: too late to edit/);
    const message = failure.closest('.banter-message') as HTMLElement;
    await user.click(within(message).getByRole('button', { name: 'Discard' }));
    expect(rows().getByText('first words')).toBeTruthy();
    expect(rows().queryByText(/Couldn’t edit/)).toBeNull();
  });
});
