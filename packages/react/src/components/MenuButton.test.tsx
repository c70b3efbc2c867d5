import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatHeader } from './ChatHeader';
import { menuChunk } from './menu-chunk';

/** The menus' chunk as a first visit meets it: not loaded, its fetch held until `release`. */
function holdMenus({ fail = false } = {}) {
  const loaded = menuChunk.loaded;
  menuChunk.loaded = undefined;
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const load = menuChunk.load;
  vi.spyOn(menuChunk, 'load').mockImplementationOnce(() =>
    held.then(() => (fail ? Promise.reject(new TypeError('Failed to fetch module')) : load())),
  );
  return { release, restore: () => (menuChunk.loaded = loaded) };
}

let restore = () => {};
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

async function header() {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  const user = userEvent.setup();
  const result = renderWithClient(<ChatHeader conversationId={id} />, client);
  await screen.findByRole('heading', { name: 'Bob Ray' });
  return { ...result, user, trigger: screen.getByRole('button', { name: 'Conversation options' }) };
}

describe('a menu whose code is not here yet', () => {
  it('says it is loading, then shows the menu with focus on its first item', async () => {
    const held = holdMenus();
    restore = held.restore;
    const { user, trigger, container } = await header();
    await user.click(trigger);
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await expectNoAxeViolations(container);
    await act(async () => held.release());
    // The first item of a direct conversation's menu (Mute, Archive, Block).
    const first = await screen.findByRole('menuitem', { name: 'Mute' });
    await waitFor(() => expect(document.activeElement).toBe(first));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('says when it could not be fetched, and Retry fetches it again', async () => {
    const held = holdMenus({ fail: true });
    restore = held.restore;
    const { user, trigger } = await header();
    await user.click(trigger);
    await act(async () => held.release());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Couldn’t load this part of the chat.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('menuitem', { name: 'Block' })).toBeTruthy();
  });
});
