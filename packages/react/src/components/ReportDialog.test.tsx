import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatWindow } from './ChatWindow';

async function reportOpen() {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  const spam = client.fake.receive(id, { senderId: 'bob', body: 'Cheap watches here' });
  client.fake.receive(id, { senderId: 'ann', body: 'mine' });
  const user = userEvent.setup();
  const result = renderWithClient(<ChatWindow conversationId={id} />, client);
  const message = (await screen.findByText('Cheap watches here')).closest(
    '.banter-message',
  ) as HTMLElement;
  await user.click(within(message).getByRole('button', { name: 'Message actions' }));
  await user.click(screen.getByRole('menuitem', { name: 'Report' }));
  const dialog = await screen.findByRole('dialog', { name: 'Report message' });
  return { ...result, client, id, spam, user, dialog, message };
}

describe('reporting a message', () => {
  it('is offered on someone else’s message only', async () => {
    const { user } = await reportOpen();
    await user.keyboard('{Escape}');
    const mine = screen.getByText('mine').closest('.banter-message') as HTMLElement;
    await user.click(within(mine).getByRole('button', { name: 'Message actions' }));
    expect(screen.queryByRole('menuitem', { name: 'Report' })).toBeNull();
  });

  it('sends the preset reason and details, says it was sent, and gives focus back to the message', async () => {
    const { client, id, spam, user, dialog, message, container } = await reportOpen();
    expect(document.activeElement).toBe(within(dialog).getByRole('radio', { name: 'Spam' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Harassment' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Details (optional)' }), 'insults');
    await expectNoAxeViolations(container);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Report sent. Thank you.')).toBeTruthy();
    expect(client.fake.server.state.reports).toEqual([
      { reporterId: 'ann', conversationId: id, messageId: spam.id, reason: 'abuse: insults' },
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(message.contains(document.activeElement)).toBe(true);
  });

  it('says why it failed, keeps what was typed, and sends on Retry', async () => {
    const { client, user, dialog } = await reportOpen();
    await user.type(within(dialog).getByRole('textbox'), 'again and again');
    client.fake.link.failNext('message:report', 'unavailable', 'the moderation service is down');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Not sent:');
    expect(alert.textContent).toContain('the moderation service is down');
    expect((within(dialog).getByRole('textbox') as HTMLTextAreaElement).value).toBe(
      'again and again',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(client.fake.server.state.reports).toHaveLength(1));
    expect(client.fake.server.state.reports[0]?.reason).toBe('spam: again and again');
  });

  it('keeps Tab inside and closes on Escape', async () => {
    const { user, dialog } = await reportOpen();
    for (let i = 0; i < 10; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
