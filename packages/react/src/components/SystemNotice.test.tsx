import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { fakeClient, renderWithClient } from '../../test/render';
import { ChatWindow } from './ChatWindow';

describe('a system message from the host', () => {
  it('is a centred notice without sender or actions, read in order and reached with the arrow keys', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.fake.receive(id, { senderId: 'bob', body: 'Is it still for sale?' });
    client.fake.receive(id, {
      senderId: 'system',
      kind: 'system',
      body: 'The seller marked the bike as sold',
    });
    client.fake.receive(id, { senderId: 'bob', body: 'Oh well' });
    const { container } = renderWithClient(<ChatWindow conversationId={id} />, client);
    const notice = (await screen.findByText('The seller marked the bike as sold')).closest(
      '.banter-message',
    ) as HTMLElement;
    expect(notice.dataset.kind).toBe('system');
    expect(notice.classList.contains('banter-notice')).toBe(true);
    expect(within(notice).queryByRole('button')).toBeNull();
    expect(notice.querySelector('.banter-message__bubble, .banter-avatar')).toBeNull();

    // Up from the newest message stops on the notice, then goes on to the message before it.
    const newest = screen.getByText('Oh well').closest('.banter-message') as HTMLElement;
    newest.focus();
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() => expect(document.activeElement).toBe(notice));
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() =>
      expect(document.activeElement?.textContent).toContain('Is it still for sale?'),
    );
    await expectNoAxeViolations(container);
  });
});
