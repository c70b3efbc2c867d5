import type { FakeChatClient } from '@banter/core/testing';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeClient, renderWithClient } from '../../../test/render';
import { ChatWindow } from '../ChatWindow';
import { Composer } from '../Composer';
import { MessageList } from '../MessageList';
import { displayFileName, middleTruncate } from './file-name';

const pdf = (name = 'notes.pdf') => new File(['%PDF-1.4 hello'], name, { type: 'application/pdf' });
/** A PNG header saying 400×300 (what the in-memory server reads), padded. */
function png(name = 'photo.png') {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  new DataView(bytes.buffer).setUint32(16, 400);
  new DataView(bytes.buffer).setUint32(20, 300);
  return new File([bytes], name, { type: 'image/png' });
}

const timeline = (client: FakeChatClient, id: string) => client.getSnapshot().timelines[id];

async function composer() {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  const result = renderWithClient(<Composer conversationId={id} />, client);
  const input = result.container.querySelector('input[type="file"]') as HTMLInputElement;
  return { ...result, client, id, input, user: userEvent.setup() };
}

/** Sends files as Ann and waits until the server has the message. */
async function sent(client: FakeChatClient, id: string, files: File[], body = '') {
  client.sendMessage(id, { body, files });
  await client.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);
}

describe('file names', () => {
  it('neutralises bidi overrides and shortens long names in the middle, keeping the extension', () => {
    expect(displayFileName('invoice\u202Efdp.exe', 'file')).toBe('invoicefdp.exe');
    expect(displayFileName('\u200f ', 'file')).toBe('file');
    const long = `${'a'.repeat(300)}.pdf`;
    const short = middleTruncate(long, 40);
    expect([...short]).toHaveLength(40);
    expect(short.endsWith('aaa.pdf')).toBe(true);
    expect(short).toContain('…');
  });
});

describe('attaching files in the composer', () => {
  it('shows removable previews, sends them with the text, and empties the tray', async () => {
    const { client, id, input, user } = await composer();
    await user.upload(input, [png(), pdf()]);
    const tray = await screen.findByRole('list', { name: 'Attach files' });
    expect(within(tray).getAllByRole('listitem')).toHaveLength(2);

    // Removing one moves focus to the next remove button; the last one back to the text box.
    await user.click(screen.getByRole('button', { name: 'Remove photo.png' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove notes.pdf' }));
    expect(within(tray).getAllByRole('listitem')).toHaveLength(1);

    const release = client.fake.link.hold();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'the notes{Enter}');
    expect(timeline(client, id)?.pending).toMatchObject([
      { body: 'the notes', kind: 'file', uploads: [{ name: 'notes.pdf', status: 'queued' }] },
    ]);
    expect(screen.queryByRole('list', { name: 'Attach files' })).toBeNull();
    release();
    await waitFor(() =>
      expect(timeline(client, id)?.messages).toMatchObject([
        { body: 'the notes', attachments: [{ name: 'notes.pdf' }] },
      ]),
    );
  });

  it('takes files pasted from the clipboard, and sends a message of files alone', async () => {
    const { client, id, user } = await composer();
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(box, { clipboardData: { files: [png('screenshot.png')], types: ['Files'] } });
    await screen.findByRole('button', { name: 'Remove screenshot.png' });
    await user.type(box, '{Enter}');
    await waitFor(() =>
      expect(timeline(client, id)?.messages).toMatchObject([
        { kind: 'image', attachments: [{ name: 'screenshot.png' }] },
      ]),
    );
  });
});

describe('files in the message list', () => {
  it('shows a file card with the escaped, bidi-safe name, size and type, linking to the signed URL', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    await sent(client, id, [pdf('<img src=x onerror=alert(1)>\u202Efdp.exe')]);
    renderWithClient(<MessageList conversationId={id} />, client);
    const link = await screen.findByRole('link', {
      name: /^<img src=x onerror=alert\(1\)>fdp\.exe/,
    });
    expect(link.textContent).toContain('<img src=x onerror=alert(1)>fdp.exe');
    expect(link.querySelector('img')).toBeNull();
    expect(link.textContent).toMatch(/14 byte.*PDF/);
    await waitFor(() => expect(link.getAttribute('href')).toMatch(/^blob:/));
  });

  it('draws images in boxes of their final shape and colour, opening a lightbox that arrows move through and Escape closes', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    await sent(client, id, [png('one.png'), png('two.png')]);
    renderWithClient(<MessageList conversationId={id} />, client);
    const first = await screen.findByRole('button', { name: 'Open image one.png' });
    // The box has the image's shape and the placeholder colour before any pixel arrives.
    expect(first.style.aspectRatio).toBe('400 / 300');
    expect(first.style.background).not.toBe('');

    const user = userEvent.setup();
    await user.click(first);
    const dialog = await screen.findByRole('dialog', { name: 'Image viewer' });
    expect(within(dialog).getByText('one.png')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    await user.keyboard('{ArrowRight}');
    expect(within(dialog).getByText('two.png')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(first);
  });

  it('shows a sending message with its progress and Cancel, which removes it', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    renderWithClient(<MessageList conversationId={id} />, client);
    const release = client.fake.link.hold();
    act(() => {
      client.sendMessage(id, { files: [pdf()] });
    });
    const ring = await screen.findByRole('progressbar', { name: 'Uploading 0%' });
    expect(ring.getAttribute('aria-valuenow')).toBe('0');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Cancel' }));
    expect(timeline(client, id)?.pending).toEqual([]);
    release();
  });
});

describe('dropping files on the chat window', () => {
  it('shows the drop zone while files are over it and adds dropped files to the message', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const { container } = renderWithClient(<ChatWindow conversationId={id} />, client);
    const window = container.querySelector('section') as HTMLElement;
    const dataTransfer = { types: ['Files'], files: [pdf('dropped.pdf')] };
    fireEvent.dragEnter(window, { dataTransfer });
    // Accepted during the event itself (false: the default was prevented), or the browser would
    // open the file; the drop zone comes with the upload chunk.
    expect(fireEvent.dragOver(window, { dataTransfer })).toBe(false);
    await screen.findByText('Drop files to send them');
    expect(window.dataset.dragging).toBe('true');
    // A child's own enter and leave keep it shown; leaving the window hides it.
    const list = screen.getByRole('log');
    fireEvent.dragEnter(list, { dataTransfer });
    fireEvent.dragLeave(list, { dataTransfer });
    fireEvent.dragLeave(window, { dataTransfer });
    await waitFor(() => expect(screen.queryByText('Drop files to send them')).toBeNull());

    fireEvent.dragEnter(window, { dataTransfer });
    await screen.findByText('Drop files to send them');
    expect(fireEvent.drop(window, { dataTransfer })).toBe(false);
    await screen.findByRole('button', { name: 'Remove dropped.pdf' });
    expect(screen.queryByText('Drop files to send them')).toBeNull();
    expect(window.dataset.dragging).toBeUndefined();
  });
});
