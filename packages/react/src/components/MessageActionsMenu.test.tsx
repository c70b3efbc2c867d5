import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { MessageActionsMenu, type MessageActionsMenuProps } from './MessageActionsMenu';

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
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Reply']);
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
