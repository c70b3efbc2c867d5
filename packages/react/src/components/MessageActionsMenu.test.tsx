import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { emojibaseResponse } from '../../test/emoji-data';
import { MessageActionsMenu, type MessageActionsMenuProps } from './MessageActionsMenu';
import { pickerChunk } from './ReactionPicker';

type Handlers = Pick<
  MessageActionsMenuProps,
  'onReply' | 'onReact' | 'onCopy' | 'onEdit' | 'onDelete'
>;

function Harness(props: Partial<MessageActionsMenuProps> & Handlers) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <MessageActionsMenu
        open={open}
        onOpenChange={setOpen}
        reacted={['❤']}
        canCopy
        canEdit
        canDelete
        {...props}
      />
      <button type="button">elsewhere</button>
    </>
  );
}

const nameOf = (element: Element) => element.getAttribute('aria-label') ?? element.textContent;

function setup(props: Partial<MessageActionsMenuProps> = {}) {
  const handlers = {
    onReply: vi.fn(),
    onReact: vi.fn(),
    onCopy: vi.fn(),
    onEdit: vi.fn(),
    onDelete: vi.fn(),
  };
  const result = render(<Harness {...handlers} {...props} />);
  const trigger = screen.getByRole('button', { name: 'Message actions' });
  return { ...result, ...handlers, trigger, user: userEvent.setup() };
}

describe('MessageActionsMenu', () => {
  it('opens a menu from its button with focus on Reply, and closes on Escape back to the button', async () => {
    const { trigger, user, container } = setup();
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    await user.click(trigger);
    const menu = screen.getByRole('menu', { name: 'Message actions' });
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(trigger.getAttribute('aria-controls')).toBe(menu.id);
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Reply' }));
    await expectNoAxeViolations(container);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('moves through every item with the arrow keys, Home and End, wrapping around', async () => {
    const { trigger, user } = setup();
    await user.click(trigger);
    const names = () =>
      (document.activeElement as HTMLElement).getAttribute('aria-label') ??
      document.activeElement?.textContent;
    await user.keyboard('{ArrowDown}');
    expect(names()).toBe('Copy text');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(names()).toBe('Delete');
    await user.keyboard('{ArrowDown}');
    expect(names()).toBe('React with 👍');
    await user.keyboard('{ArrowUp}');
    expect(names()).toBe('Delete');
    await user.keyboard('{Home}');
    expect(names()).toBe('React with 👍');
    await user.keyboard('{End}');
    expect(names()).toBe('Delete');
  });

  it('offers the six quick reactions, checked where the reader reacted, and toggles them', async () => {
    const { trigger, user, onReact } = setup();
    await user.click(trigger);
    const emoji = screen.getAllByRole('menuitemcheckbox');
    expect(emoji.map((e) => e.textContent)).toEqual(['👍', '❤️', '😂', '😮', '😢', '🙏']);
    expect(emoji.map((e) => e.getAttribute('aria-checked'))).toEqual([
      'false',
      'true',
      'false',
      'false',
      'false',
      'false',
    ]);
    await user.click(emoji[1] as HTMLElement);
    expect(onReact).toHaveBeenCalledWith('❤️', false);
    expect(screen.queryByRole('menu')).toBeNull();
    await user.click(trigger);
    await user.keyboard('{Home}{Enter}');
    expect(onReact).toHaveBeenLastCalledWith('👍', true);
  });

  it('asks before deleting, inside the menu, with Cancel focused', async () => {
    const { trigger, user, onDelete, container } = setup();
    await user.click(trigger);
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const menu = screen.getByRole('menu', { name: 'Delete this message for everyone?' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Cancel' }));
    await expectNoAxeViolations(container);
    await user.keyboard('{Enter}');
    expect(onDelete).not.toHaveBeenCalled();
    expect(menu.isConnected).toBe(true);
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete for everyone' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('shows only what the reader may do: no Edit or Delete on someone else’s message', async () => {
    const { trigger, user } = setup({ canEdit: false, canDelete: false, canCopy: false });
    await user.click(trigger);
    expect(screen.getAllByRole('menuitem').map(nameOf)).toEqual(['More reactions', 'Reply']);
  });

  it('leaves Reply out where the reader cannot reply, with focus on the first reaction', async () => {
    const { trigger, user } = setup({ canReply: false, canEdit: false, canDelete: false });
    await user.click(trigger);
    expect(screen.getAllByRole('menuitem').map(nameOf)).toEqual(['More reactions', 'Copy text']);
    expect(document.activeElement).toBe(
      screen.getByRole('menuitemcheckbox', { name: 'React with 👍' }),
    );
  });

  it('closes on a press outside, and its button toggles it rather than reopening', async () => {
    const { trigger, user } = setup();
    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'elsewhere' }));
    expect(screen.queryByRole('menu')).toBeNull();
    await user.click(trigger);
    await user.click(trigger);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('runs the chosen item and closes: Reply, Copy text, Edit', async () => {
    const { trigger, user, onReply, onCopy, onEdit } = setup();
    for (const [name, handler] of [
      ['Reply', onReply],
      ['Copy text', onCopy],
      ['Edit', onEdit],
    ] as const) {
      await user.click(trigger);
      await user.click(screen.getByRole('menuitem', { name }));
      expect(handler).toHaveBeenCalledTimes(1);
      expect(screen.queryByRole('menu')).toBeNull();
    }
  });
});

describe('MessageActionsMenu: More reactions', () => {
  /** Emojibase URLs whose requests fail, until a test lets them through. */
  const broken = new Set<string>();

  beforeEach(() => {
    // Every test loads the picker's chunk anew, so each can hold it or fail it.
    pickerChunk.loaded = undefined;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input instanceof Request ? input.url : input);
        if ([...broken].some((base) => url.startsWith(base)))
          throw new TypeError('Failed to fetch');
        return emojibaseResponse(url) ?? new Response(null, { status: 404 });
      }),
    );
    // jsdom draws nothing: frimousse then offers every emoji version rather than probing fonts.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    broken.clear();
  });

  const openPicker = async (user: ReturnType<typeof userEvent.setup>, trigger: HTMLElement) => {
    await user.click(trigger);
    await user.click(screen.getByRole('menuitem', { name: 'More reactions' }));
    return screen.getByRole('dialog', { name: 'Choose a reaction' });
  };
  const selected = () =>
    screen.queryAllByRole('gridcell').find((cell) => cell.getAttribute('aria-selected') === 'true');

  it('shows a status while the picker loads, then focuses its search; the keyboard picks a match', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const load = pickerChunk.load;
    vi.spyOn(pickerChunk, 'load').mockImplementationOnce(() => held.then(load));
    const { trigger, user, onReact, container } = setup();

    const dialog = await openPicker(user, trigger);
    expect(within(dialog).getByRole('status').textContent).toBe('Loading emoji…');
    expect(document.activeElement).toBe(dialog);
    expect(trigger.getAttribute('aria-controls')).toBe(dialog.id);
    await expectNoAxeViolations(container);

    release();
    const search = await within(dialog).findByRole('searchbox', { name: 'Search emoji' });
    await waitFor(() => expect(document.activeElement).toBe(search));
    await within(dialog).findByRole('grid', { name: 'Choose a reaction' });
    await user.keyboard('heart');
    // The best matches first; the first is marked, and it is one the reader reacted with.
    await waitFor(() =>
      expect(selected() && nameOf(selected() as Element)).toBe('Red heart, your reaction'),
    );
    await expectNoAxeViolations(container);
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(selected() && nameOf(selected() as Element)).toBe('Broken heart'));
    await user.keyboard('{Enter}');

    expect(onReact).toHaveBeenCalledWith('💔', true);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('removes a reaction the reader already made when it is picked again', async () => {
    const { trigger, user, onReact } = setup();
    const dialog = await openPicker(user, trigger);
    await user.type(await within(dialog).findByRole('searchbox'), 'love');
    await user.click(
      await within(dialog).findByRole('gridcell', { name: 'Red heart, your reaction' }),
    );
    expect(onReact).toHaveBeenCalledWith('❤️', false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('goes back to the menu on Escape, with focus on More reactions, and closes on a second Escape', async () => {
    const { trigger, user, onReact } = setup();
    const dialog = await openPicker(user, trigger);
    await waitFor(() => expect(document.activeElement?.getAttribute('type')).toBe('search'));
    await user.keyboard('{Escape}');
    expect(dialog.isConnected).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'More reactions' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(onReact).not.toHaveBeenCalled();
  });

  it('closes on a press outside the picker', async () => {
    const { trigger, user } = setup();
    await openPicker(user, trigger);
    await user.click(screen.getByRole('button', { name: 'elsewhere' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
  });

  it('says so when the picker’s code fails to load, and Retry loads it', async () => {
    vi.spyOn(pickerChunk, 'load').mockRejectedValueOnce(new TypeError('Failed to fetch module'));
    const { trigger, user, container } = setup();
    const dialog = await openPicker(user, trigger);
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Couldn’t load the emoji');
    const retry = within(alert).getByRole('button', { name: 'Retry' });
    expect(document.activeElement).toBe(retry);
    await expectNoAxeViolations(container);
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByRole('searchbox', { name: 'Search emoji' })).toBeDefined();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('says so when the emoji data fails to load, and Retry fetches it again', async () => {
    const emojibaseUrl = 'https://emoji.test/unreachable';
    broken.add(emojibaseUrl);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { trigger, user } = setup({ emojibaseUrl });
    const dialog = await openPicker(user, trigger);
    const alert = await within(dialog).findByRole('alert');
    broken.clear();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await within(dialog).findByRole('gridcell', { name: 'Grinning face' })).toBeDefined();
    expect(fetch).toHaveBeenCalledWith(`${emojibaseUrl}/en/data.json`, expect.anything());
  });
});
