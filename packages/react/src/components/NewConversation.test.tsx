import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { NewConversation } from './NewConversation';

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
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search people' }));
    await expectNoAxeViolations(container);
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
});
