import type { FakeChatClient } from '@banter/core/testing';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, type FormEvent, type Ref } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatProvider } from '../provider/ChatProvider';
import { Composer, type ComposerProps } from './Composer';

/** A conversation with Bob, open in a Composer. */
async function setup(props: Partial<ComposerProps> & { ref?: Ref<HTMLFormElement> } = {}) {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  const result = renderWithClient(<Composer conversationId={id} {...props} />, client);
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  const button = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
  return { ...result, id, box, button, user: userEvent.setup() };
}

const timeline = (client: FakeChatClient, id: string) => client.getSnapshot().timelines[id];

describe('Composer', () => {
  it('sends on Enter: shown as sending at once, then sent', async () => {
    const { client, id, box, user, container } = await setup();
    await expectNoAxeViolations(container);
    // The server's answer waits until released: 'sending' is seen without racing a timer.
    const release = client.fake.link.hold();
    await user.type(box, 'Hello Bob  {Enter}');
    expect(timeline(client, id)?.pending).toMatchObject([{ body: 'Hello Bob', status: 'sending' }]);
    release();
    await waitFor(() =>
      expect(timeline(client, id)?.messages).toMatchObject([{ body: 'Hello Bob' }]),
    );
    expect(timeline(client, id)?.pending).toEqual([]);
  });

  it('clears the box, keeps focus in it and reports the clientId', async () => {
    const onSend = vi.fn();
    const { client, id, box, button, user } = await setup({ onSend });
    await user.type(box, 'Hi');
    await user.click(button);
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
    const clientId = onSend.mock.calls[0]?.[0];
    expect(clientId).toEqual(expect.any(String));
    await waitFor(() =>
      expect(timeline(client, id)?.messages.map((m) => m.clientId)).toEqual([clientId]),
    );
  });

  it('starts a new line on Shift+Enter without sending', async () => {
    const { client, id, box, user } = await setup();
    await user.type(box, 'one{Shift>}{Enter}{/Shift}two');
    expect(box.value).toBe('one\ntwo');
    expect(timeline(client, id)?.pending ?? []).toEqual([]);
  });

  it('does not send an empty or blank message, zero-width characters included', async () => {
    const { client, id, box, button, user } = await setup();
    await user.type(box, '{Enter}');
    await user.type(box, '\u200B\u2060{Enter}');
    await user.clear(box);
    await user.type(box, '   {Enter}');
    await user.click(button);
    expect(timeline(client, id)?.pending ?? []).toEqual([]);
    expect(box.value).toBe('   ');
  });

  it('does not send the Enter that confirms an IME composition', async () => {
    const { client, id, box } = await setup();
    fireEvent.change(box, { target: { value: 'にほん' } });
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    expect(timeline(client, id)?.pending ?? []).toEqual([]);
    expect(box.value).toBe('にほん');
  });

  it('tells others you are typing, and that you stopped once sent', async () => {
    const { client, id, box, user } = await setup();
    const typing = vi.spyOn(client, 'typing');
    const stopTyping = vi.spyOn(client, 'stopTyping');
    await user.type(box, 'abc');
    expect(typing).toHaveBeenCalledTimes(3);
    expect(typing).toHaveBeenCalledWith(id);
    await user.keyboard('{Enter}');
    expect(stopTyping).toHaveBeenCalledWith(id);
  });

  it('keeps each conversation’s draft when switching away and back', async () => {
    const client = await fakeClient();
    const a = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const b = client.fake.addConversation({ participantIds: ['ann', 'cat'] });
    const ui = (id: string) => (
      <ChatProvider client={client}>
        <Composer conversationId={id} />
      </ChatProvider>
    );
    const user = userEvent.setup();
    const { rerender } = render(ui(a.id));
    const box = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    await user.type(box(), 'for Bob');
    rerender(ui(b.id));
    expect(box().value).toBe('');
    await user.type(box(), 'for Cat');
    rerender(ui(a.id));
    expect(box().value).toBe('for Bob');
    rerender(ui(b.id));
    expect(box().value).toBe('for Cat');
  });

  it('shows the count near the limit, counting emoji as one, and blocks sending over it', async () => {
    const { client, id, box, button, user, container } = await setup({ maxLength: 10 });
    await user.click(box);
    await user.paste('😀'.repeat(7));
    expect(screen.queryByText('7 / 10')).toBeNull();
    expect(box.getAttribute('aria-describedby')).toBeNull();

    await user.paste('😀');
    const counter = screen.getByText('8 / 10');
    expect(box.getAttribute('aria-describedby')).toBe(counter.id);
    expect(button.disabled).toBe(false);
    await expectNoAxeViolations(container);

    await user.paste('abc');
    expect(counter.textContent).toBe('11 / 10');
    expect(counter.dataset.over).toBe('true');
    expect(button.disabled).toBe(true);
    await user.keyboard('{Enter}');
    expect(timeline(client, id)?.pending ?? []).toEqual([]);
    await expectNoAxeViolations(container);
  });

  it('stays usable offline: the message waits as sending until the connection returns', async () => {
    const { client, id, box, user, container } = await setup();
    act(() => client.fake.connection('offline'));
    expect(box.disabled).toBe(false);
    await user.type(box, 'later{Enter}');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(timeline(client, id)?.pending).toMatchObject([{ body: 'later', status: 'sending' }]);
    await expectNoAxeViolations(container);

    act(() => client.fake.connection('connected'));
    await waitFor(() => expect(timeline(client, id)?.messages).toMatchObject([{ body: 'later' }]));
  });

  it('lets a host onSubmit that prevents default stop the send', async () => {
    const onSubmit = vi.fn((event: FormEvent) => event.preventDefault());
    const { client, id, box, user } = await setup({ onSubmit });
    await user.type(box, 'mine{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(timeline(client, id)?.pending ?? []).toEqual([]);
    expect(box.value).toBe('mine');
  });

  it('runs the host’s textarea handlers first', async () => {
    const onKeyDown = vi.fn((event: { key: string; preventDefault(): void }) => {
      if (event.key === 'Enter') event.preventDefault();
    });
    const { client, id, box, user } = await setup({
      textareaProps: { onKeyDown, className: 'wide' },
    });
    await user.type(box, 'x{Enter}');
    expect(onKeyDown).toHaveBeenCalled();
    expect(timeline(client, id)?.pending ?? []).toEqual([]);
    expect(box.className).toBe('banter-composer__input wide');
  });

  it('can be disabled', async () => {
    const { box, button, container } = await setup({ disabled: true });
    expect(box.disabled).toBe(true);
    expect(button.disabled).toBe(true);
    await expectNoAxeViolations(container);
  });

  it('forwards its ref to the form and merges className', async () => {
    const ref = createRef<HTMLFormElement>();
    const { container } = await setup({ ref, className: 'mine' });
    expect(ref.current).toBe(container.querySelector('form'));
    expect(ref.current?.className).toBe('banter-composer mine');
  });
});
