import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { NewConversation, panelChunk } from './NewConversation';

const trigger = () => screen.getByRole('button', { name: 'New conversation' });

async function openAndSearch(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.click(trigger());
  await user.type(screen.getByRole('searchbox', { name: 'Search people' }), text);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('NewConversation', () => {
  it('starts closed, and opens a people search with the focus in it', async () => {
    const user = userEvent.setup();
    const { container } = renderWithClient(<NewConversation onOpen={() => {}} />);
    expect(trigger().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('searchbox')).toBeNull();
    await expectNoAxeViolations(container);
    await user.click(trigger());
    expect(trigger().getAttribute('aria-expanded')).toBe('true');
    // The panel's code is its own chunk, fetched on this first opening.
    const search = await screen.findByRole('searchbox', { name: 'Search people' });
    // The panel focuses it in an effect, which may run just after the search is in the page.
    await waitFor(() => expect(document.activeElement).toBe(search));
    await expectNoAxeViolations(container);
  });

  it('offers Retry when the panel’s code cannot be fetched, and says so while it loads', async () => {
    const user = userEvent.setup();
    panelChunk.loaded = undefined;
    const load = panelChunk.load;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.spyOn(panelChunk, 'load')
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockImplementationOnce(() => held.then(load));
    const { container } = renderWithClient(<NewConversation onOpen={() => {}} />);
    await user.click(trigger());
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Couldn’t load this part of the chat.',
    );
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    release();
    expect(await screen.findByRole('searchbox', { name: 'Search people' })).toBeTruthy();
  });

  it('opens the direct conversation with the person chosen, the same one each time', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const { client, container } = renderWithClient(<NewConversation onOpen={onOpen} />);
    await openAndSearch(user, 'bob');
    const bob = await screen.findByRole('button', { name: 'Start a conversation with Bob Ray' });
    expect(screen.queryByRole('button', { name: /Cat Diaz/ })).toBeNull();
    await expectNoAxeViolations(container);
    await user.click(bob);
    await vi.waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    const id = onOpen.mock.calls[0]?.[0] as string;
    expect(client.getSnapshot().conversations[id]?.kind).toBe('direct');
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(document.activeElement).toBe(trigger());

    await openAndSearch(user, 'Bob');
    await user.click(
      await screen.findByRole('button', { name: 'Start a conversation with Bob Ray' }),
    );
    await vi.waitFor(() => expect(onOpen).toHaveBeenCalledTimes(2));
    expect(onOpen).toHaveBeenLastCalledWith(id);
  });

  it('searches once typing pauses, not on every keystroke', async () => {
    // fireEvent rather than user-event: Testing Library's async wrapper waits on
    // a real timeout, which never fires under Vitest's fake timers.
    vi.useFakeTimers();
    const client = await fakeClient();
    const search = vi.spyOn(client, 'searchUsers');
    renderWithClient(<NewConversation onOpen={() => {}} />, client);
    fireEvent.click(trigger());
    const box = screen.getByRole('searchbox', { name: 'Search people' });
    for (const text of ['c', 'ca', 'cat']) {
      fireEvent.change(box, { target: { value: text } });
      await act(() => vi.advanceTimersByTimeAsync(200));
    }
    expect(search).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith('cat');
    await act(() => vi.advanceTimersByTimeAsync(10));
    expect(screen.getByRole('button', { name: 'Start a conversation with Cat Diaz' })).toBeTruthy();
  });

  it('says when nobody matches', async () => {
    const user = userEvent.setup();
    const { container } = renderWithClient(<NewConversation onOpen={() => {}} />);
    await openAndSearch(user, 'zed');
    expect((await screen.findByRole('status')).textContent).toBe('Nobody found');
    await expectNoAxeViolations(container);
  });

  it('closes on Escape or Cancel and gives the focus back to the button', async () => {
    const user = userEvent.setup();
    const { container } = renderWithClient(<NewConversation onOpen={() => {}} />);
    await openAndSearch(user, 'bo');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(document.activeElement).toBe(trigger());
    await user.click(trigger());
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(document.activeElement).toBe(trigger());
    await expectNoAxeViolations(container);
  });

  it('lets the host’s key handler run first and take over Escape', async () => {
    const user = userEvent.setup();
    renderWithClient(
      <NewConversation onOpen={() => {}} onKeyDown={(event) => event.preventDefault()} />,
    );
    await user.click(trigger());
    await user.keyboard('{Escape}');
    expect(screen.getByRole('searchbox')).toBeTruthy();
  });

  it('shows why a search failed', async () => {
    const user = userEvent.setup();
    const client = await fakeClient();
    vi.spyOn(client, 'searchUsers').mockRejectedValue(new Error('search is unavailable'));
    const { container } = renderWithClient(<NewConversation onOpen={() => {}} />, client);
    await openAndSearch(user, 'bob');
    expect((await screen.findByRole('alert')).textContent).toBe('search is unavailable');
    await expectNoAxeViolations(container);
  });

  it('shows why a conversation could not be started, and stays open', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const client = await fakeClient();
    vi.spyOn(client, 'createDirectConversation').mockRejectedValue(
      new Error('unable to create conversation: blocked'),
    );
    const { container } = renderWithClient(<NewConversation onOpen={onOpen} />, client);
    await openAndSearch(user, 'bob');
    await user.click(
      await screen.findByRole('button', { name: 'Start a conversation with Bob Ray' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'unable to create conversation: blocked',
    );
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByRole('searchbox')).toBeTruthy();
    await expectNoAxeViolations(container);
  });
  describe('group mode', () => {
    /** Moves the focus with Tab (or Shift+Tab) until it reaches `target`, as a keyboard user would. */
    async function tabTo(
      user: ReturnType<typeof userEvent.setup>,
      target: HTMLElement,
      back = false,
    ) {
      for (let i = 0; i < 20 && document.activeElement !== target; i++) {
        await user.tab({ shift: back });
      }
      expect(document.activeElement).toBe(target);
    }

    it('picks several people and a name with the keyboard alone, and opens the new group', async () => {
      const user = userEvent.setup();
      const onOpen = vi.fn();
      const { client, container } = renderWithClient(<NewConversation onOpen={onOpen} />);
      await user.tab();
      await user.keyboard('{Enter}');
      const search = screen.getByRole('searchbox', { name: 'Search people' });
      const groupToggle = screen.getByRole('button', { name: 'New group', pressed: false });
      await tabTo(user, groupToggle, true);
      await user.keyboard('{Enter}');
      expect(groupToggle.getAttribute('aria-pressed')).toBe('true');
      const create = screen.getByRole('button', { name: 'Create group' }) as HTMLButtonElement;
      expect(create.disabled).toBe(true);
      await user.tab();
      await user.keyboard('Trip to Oslo');
      await tabTo(user, search);
      await user.keyboard('bob');
      // A result is a toggle named by the person: Enter picks, Enter again would unpick.
      await tabTo(user, await screen.findByRole('button', { name: 'Bob Ray', pressed: false }));
      await user.keyboard('{Enter}');
      expect(screen.getByRole('button', { name: 'Bob Ray', pressed: true })).toBeTruthy();
      await tabTo(user, search, true);
      await user.clear(search);
      await user.keyboard('cat');
      await tabTo(user, await screen.findByRole('button', { name: 'Cat Diaz', pressed: false }));
      await user.keyboard('{Enter}');
      const chipNames = () =>
        screen
          .queryAllByRole('button', { name: /^Remove / })
          .map((b) => b.getAttribute('aria-label'));
      expect(chipNames()).toEqual(['Remove Bob Ray', 'Remove Cat Diaz']);
      await expectNoAxeViolations(container);

      // Removing a chip keeps the focus in the panel: it goes on to the search.
      await tabTo(user, screen.getByRole('button', { name: 'Remove Bob Ray' }), true);
      await user.keyboard('{Enter}');
      expect(chipNames()).toEqual(['Remove Cat Diaz']);
      expect(document.activeElement).toBe(search);

      expect(create.disabled).toBe(false);
      await tabTo(user, create);
      await user.keyboard('{Enter}');
      await vi.waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
      const id = onOpen.mock.calls[0]?.[0] as string;
      const group = client.getSnapshot().conversations[id];
      expect(group).toMatchObject({ kind: 'group', title: 'Trip to Oslo' });
      expect(group?.participants.map((p) => p.userId).sort()).toEqual(['ann', 'cat']);
      expect(screen.queryByRole('searchbox')).toBeNull();
      expect(document.activeElement).toBe(trigger());
    });

    it('creates an unnamed group, and leaves group mode when toggled off or closed', async () => {
      const user = userEvent.setup();
      const onOpen = vi.fn();
      const { client } = renderWithClient(<NewConversation onOpen={onOpen} />);
      const create = vi.spyOn(client, 'createGroupConversation');
      await user.click(trigger());
      await user.click(screen.getByRole('button', { name: 'New group' }));
      await user.type(screen.getByRole('textbox', { name: 'Group name (optional)' }), '   ');
      await user.type(screen.getByRole('searchbox'), 'bob');
      await user.click(await screen.findByRole('button', { name: 'Bob Ray', pressed: false }));
      await user.click(screen.getByRole('button', { name: 'New group' }));
      expect(screen.queryByRole('button', { name: 'Create group' })).toBeNull();
      expect(
        screen.getByRole('button', { name: 'Start a conversation with Bob Ray' }),
      ).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'New group' }));
      expect(screen.queryByRole('button', { name: /^Remove / })).toBeNull();
      await user.click(screen.getByRole('button', { name: 'Bob Ray', pressed: false }));
      await user.click(screen.getByRole('button', { name: 'Create group' }));
      await vi.waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
      expect(create).toHaveBeenCalledWith({ participantIds: ['bob'], title: '   ' });
      expect(client.getSnapshot().conversations[onOpen.mock.calls[0]?.[0]]?.title).toBeNull();
      await user.click(trigger());
      expect(screen.getByRole('button', { name: 'New group', pressed: false })).toBeTruthy();
    });

    it('shows why a group could not be created, and keeps what was picked', async () => {
      const user = userEvent.setup();
      const client = await fakeClient();
      vi.spyOn(client, 'createGroupConversation').mockRejectedValue(
        new Error('unable to create conversation: too many people'),
      );
      const { container } = renderWithClient(<NewConversation onOpen={() => {}} />, client);
      await user.click(trigger());
      await user.click(screen.getByRole('button', { name: 'New group' }));
      await user.type(screen.getByRole('searchbox'), 'cat');
      await user.click(await screen.findByRole('button', { name: 'Cat Diaz' }));
      await user.click(screen.getByRole('button', { name: 'Create group' }));
      expect((await screen.findByRole('alert')).textContent).toBe(
        'unable to create conversation: too many people',
      );
      expect(screen.getByRole('button', { name: 'Remove Cat Diaz' })).toBeTruthy();
      await expectNoAxeViolations(container);
    });
  });
});
