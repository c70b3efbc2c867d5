import type { MessageView } from '@banter/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { MessageBubble } from './MessageBubble';
import { uploadChunk } from './uploads/upload-chunk';

const view = (over: Partial<MessageView> = {}): MessageView => ({
  key: 'bob\u0000k1',
  id: 'm1',
  seq: 1,
  conversationId: 'c1',
  senderId: 'bob',
  clientId: 'k1',
  kind: 'text',
  body: 'Hello',
  mentions: [],
  attachments: [],
  replyTo: null,
  createdAt: '2026-03-01T10:15:00.000Z',
  editedAt: null,
  deletedAt: null,
  own: false,
  status: null,
  error: null,
  reactions: [],
  actions: [],
  ...over,
});

describe('MessageBubble', () => {
  it('never renders message HTML, and links only http(s) URLs, opening them safely', async () => {
    const { container } = render(
      <MessageBubble
        message={view({
          body: '<img src=x onerror=alert(1)> see https://example.com/flat?id=7. or javascript:alert(1)',
        })}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy();
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/flat?id=7']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    await expectNoAxeViolations(container);
  });

  it('shows the edited marker, the deleted text, and large emoji-only messages', () => {
    const { rerender, container } = render(
      <MessageBubble message={view({ editedAt: '2026-03-01T10:20:00.000Z' })} />,
    );
    expect(screen.getByText('edited')).toBeTruthy();
    rerender(<MessageBubble message={view({ body: '', deletedAt: '2026-03-01T10:30:00.000Z' })} />);
    expect(screen.getByText('This message was deleted')).toBeTruthy();
    rerender(<MessageBubble message={view({ body: '🎉👍' })} />);
    expect(container.querySelector('.banter-message')?.getAttribute('data-emoji-only')).toBe(
      'true',
    );
  });

  it('shows an own message’s status and lets a failed one be retried or discarded', async () => {
    const onRetry = vi.fn();
    const onDiscard = vi.fn();
    const failed = view({
      own: true,
      id: null,
      seq: null,
      status: 'failed',
      error: {
        code: 'rejected',
        message: 'links to payment sites are not allowed',
        retryable: false,
      },
    });
    const { container } = render(
      <MessageBubble message={failed} onRetry={onRetry} onDiscard={onDiscard} />,
    );
    expect(screen.getByText('Not sent: links to payment sites are not allowed')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(onRetry).toHaveBeenCalledWith('k1');
    expect(onDiscard).toHaveBeenCalledWith('k1');
    expect(container.querySelector('[data-status="failed"]')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('shows images inline and files as download links', async () => {
    const { container } = render(
      <MessageBubble
        message={view({
          kind: 'image',
          body: '',
          attachments: [
            { url: 'https://cdn.example/p.jpg', name: 'kitchen.jpg', width: 800, height: 600 },
          ],
        })}
      />,
    );
    // Drawn by the upload chunk, fetched when a first message with files is shown.
    expect(await screen.findByRole('img', { name: 'Image: kitchen.jpg' })).toBeTruthy();
    const file = render(
      <MessageBubble
        message={view({
          kind: 'file',
          body: '',
          attachments: [{ url: 'https://cdn.example/lease.pdf', name: 'lease.pdf', size: 248_000 }],
        })}
      />,
    );
    const download = await within(file.container).findByRole('link');
    expect(download.textContent).toContain('lease.pdf');
    expect(download.getAttribute('download')).toBe('lease.pdf');
    expect(download.textContent).toMatch(/242\.2\s?kB/i);
    await expectNoAxeViolations(container);
  });

  it('holds a sized box for an image while the upload chunk loads, and offers Retry if it fails', async () => {
    uploadChunk.loaded = undefined;
    const load = uploadChunk.load;
    vi.spyOn(uploadChunk, 'load')
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockImplementationOnce(load);
    const { container } = render(
      <MessageBubble
        message={view({
          kind: 'image',
          body: '',
          attachments: [
            { url: 'https://cdn.example/p.jpg', name: 'kitchen.jpg', width: 800, height: 600 },
          ],
        })}
      />,
    );
    const box = container.querySelector<HTMLElement>('.banter-attachment__image');
    expect(box?.style.aspectRatio).toBe('800 / 600');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Couldn’t load this part of the chat.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('img', { name: 'Image: kitchen.jpg' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('lets each message take the direction of its own script', () => {
    render(<MessageBubble message={view({ body: 'مرحبا، هل الشقة متاحة؟' })} />);
    expect(screen.getByText('مرحبا، هل الشقة متاحة؟').closest('[dir]')?.getAttribute('dir')).toBe(
      'auto',
    );
  });

  it('forwards its ref and merges the host’s class', () => {
    const ref = createRef<HTMLDivElement>();
    render(<MessageBubble ref={ref} className="mine" message={view()} />);
    expect(ref.current?.className).toBe('banter-message mine');
  });
});
