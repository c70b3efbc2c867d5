import '../../styles/banter.css';
import { act, render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../../test/render';
import { ChatProvider } from '../../provider/ChatProvider';
import { MessageList } from '../MessageList';

/** A real 1200×800 PNG, drawn in the page. */
async function png(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 1200;
  canvas.height = 800;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = '#2b6cb0';
  context.fillRect(0, 0, 1200, 800);
  const blob = await new Promise<Blob>((resolve) =>
    canvas.toBlob((b) => resolve(b as Blob), 'image/png'),
  );
  return new File([blob], 'harbour.png', { type: 'image/png' });
}

describe('an image message in Chromium', () => {
  it('keeps its height when the image loads: zero layout shift', async () => {
    const client = await fakeClient();
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.sendMessage(id, { files: [await png()] });
    await client.fake.until((s) => (s.timelines[id]?.pending.length ?? 1) === 0);

    // The image's URL is held back until the box has been measured.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const getUploadUrls = client.getUploadUrls.bind(client);
    client.getUploadUrls = async (...args) => {
      const urls = await getUploadUrls(...args);
      await gate;
      return urls;
    };

    const { container } = render(
      <ChatProvider client={client}>
        <div style={{ height: '600px', width: '420px', display: 'flex' }}>
          <MessageList conversationId={id} />
        </div>
      </ChatProvider>,
    );
    const bubble = await waitFor(() => {
      const found = container.querySelector('.banter-message .banter-attachment__image');
      expect(found).not.toBeNull();
      return found?.closest('.banter-message') as HTMLElement;
    });
    // The upload chunk is in: the box is a button now, still without an image.
    await waitFor(() =>
      expect(bubble.querySelector('button.banter-attachment__image')).not.toBeNull(),
    );
    expect(bubble.querySelector('img')).toBeNull();
    const before = bubble.getBoundingClientRect().height;
    expect(before).toBeGreaterThan(100);

    act(() => release());
    const image = await waitFor(() => {
      const img = bubble.querySelector('img') as HTMLImageElement | null;
      expect(img?.complete && img.naturalWidth > 0).toBe(true);
      return img as HTMLImageElement;
    });
    expect(image.naturalWidth).toBe(1200);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(bubble.getBoundingClientRect().height).toBe(before);
  });
});
