import { createFakeChatClient, type FakeChatClient } from '@banter/core/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow } from '../components/ChatWindow';
import { bobChat, people, withBobChat } from './fixtures';

/** A real PNG of one colour with a diagonal, made in the browser (no fixture files, no network). */
async function png(name: string, width: number, height: number, colour: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = colour;
  context.fillRect(0, 0, width, height);
  context.strokeStyle = '#ffffff';
  context.lineWidth = Math.max(2, width / 40);
  context.beginPath();
  context.moveTo(0, height);
  context.lineTo(width, 0);
  context.stroke();
  const blob = await new Promise<Blob>((resolve) =>
    canvas.toBlob((b) => resolve(b as Blob), 'image/png'),
  );
  return new File([blob], name, { type: 'image/png' });
}

const pdf = (name: string) =>
  new File(['%PDF-1.4\n% a tiny stand-in for a PDF\n'], name, { type: 'application/pdf' });

/** Bob, on the same in-memory server, sends files and waits until the server has them. */
async function bobSends(client: FakeChatClient, files: File[], body = '') {
  const bob = createFakeChatClient({
    userId: 'bob',
    users: people,
    server: client.fake.link.server,
  });
  await bob.fake.until((s) => s.connection.status === 'connected');
  bob.sendMessage(bobChat, { body, files });
  await bob.fake.until((s) => (s.timelines[bobChat]?.pending.length ?? 1) === 0);
  await bob.close();
}

/** Ann's own send, once stored. */
async function annSends(client: FakeChatClient, files: File[], body = '') {
  client.sendMessage(bobChat, { body, files });
  await client.fake.until((s) => (s.timelines[bobChat]?.pending.length ?? 1) === 0);
}

const meta = {
  title: 'Features/Uploads',
  component: ChatWindow,
  args: { conversationId: bobChat },
  parameters: {
    height: 640,
    docs: {
      description: {
        component:
          'Files and images: attach (button, paste, drop on the window), previews in the composer, progress on the sending bubble, images in fixed boxes that open a lightbox, files as cards. All of it on the in-memory server of `@banter/core/testing`.',
      },
    },
  },
} satisfies Meta<typeof ChatWindow>;

export default meta;
type Story = StoryObj<typeof meta>;

/** An image and a PDF from Bob, four images from Ann. */
export const ImagesAndAPdf: Story = {
  parameters: {
    client: withBobChat(async (client) => {
      await bobSends(client, [await png('harbour.png', 640, 480, '#2b6cb0')], 'The harbour');
      await bobSends(client, [pdf('ferry-timetable.pdf')], 'And the timetable');
      await annSends(client, [
        await png('one.png', 400, 300, '#c05621'),
        await png('two.png', 300, 400, '#2f855a'),
        await png('three.png', 400, 400, '#6b46c1'),
        await png('four.png', 800, 300, '#b83280'),
      ]);
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Open image harbour.png' });
    await canvas.findByRole('link', { name: /^ferry-timetable\.pdf/ });
    await canvas.findByRole('button', { name: 'Open image four.png' });
  },
};

/** The lightbox open on Bob's image; arrows move, Escape closes. */
export const LightboxOpen: Story = {
  parameters: {
    client: withBobChat(async (client) => {
      await bobSends(client, [
        await png('left.png', 640, 480, '#2b6cb0'),
        await png('right.png', 480, 640, '#c05621'),
      ]);
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Open image left.png' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Image viewer' });
    await expect(within(dialog).getByText('left.png')).toBeInTheDocument();
  },
};

/** Ann's message while its file uploads: previews, the progress ring and Cancel. */
export const Uploading: Story = {
  parameters: {
    client: withBobChat(async (client, id) => {
      // Loaded first: the list's own requests would wait with the rest.
      client.openConversation(id);
      await client.fake.until((s) => s.timelines[id]?.loaded === true);
      // At the first progress, everything on its way to the server starts waiting (a listener
      // runs within the progress report): the upload stays part-way.
      let held = false;
      const stop = client.subscribe(() => {
        if (held || (client.getSnapshot().timelines[id]?.pending[0]?.uploads?.[0]?.sent ?? 0) === 0)
          return;
        held = true;
        client.fake.link.hold();
      });
      client.sendMessage(id, {
        body: 'Photos from Saturday',
        files: [await png('kayak.png', 640, 480, '#2f855a')],
      });
      await client.fake.until(() => held);
      stop();
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('progressbar');
    await canvas.findByRole('button', { name: 'Cancel' });
  },
};

/** The server refused the file: the bubble says why, with Retry and Discard. */
export const Failed: Story = {
  parameters: {
    client: withBobChat(async (client, id) => {
      client.fake.link.failNext(
        'upload:create',
        'file_type_not_allowed',
        'this type of file is not allowed',
      );
      client.sendMessage(id, { files: [pdf('setup.pdf')] });
      await client.fake.until((s) => s.timelines[id]?.pending[0]?.status === 'failed');
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Retry' });
    await canvas.findByRole('button', { name: 'Discard' });
  },
};

/** Huge names are shortened in the middle (the extension stays); an RTL override cannot disguise one. */
export const HugeAndTrickyFileNames: Story = {
  parameters: {
    client: withBobChat(async (client) => {
      await bobSends(client, [
        pdf(`${'quarterly-financial-report-of-the-harbour-association-'.repeat(8)}final.pdf`),
        pdf('invoice\u202Efdp.exe'),
        pdf('<img src=x onerror=alert(1)>.pdf'),
      ]);
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('link', { name: /^invoicefdp\.exe/ });
  },
};

/** Right to left (Hebrew interface, Hebrew and Arabic file names). */
export const RightToLeft: Story = {
  globals: { locale: 'he' },
  parameters: {
    client: withBobChat(async (client) => {
      await bobSends(client, [await png('נמל.png', 640, 360, '#2b6cb0'), pdf('لوحة المواعيد.pdf')]);
    }),
  },
};

/** Files dragged over the window: the drop zone. */
export const DropZone: Story = {
  parameters: { client: withBobChat() },
  play: async ({ canvasElement }) => {
    const window = canvasElement.querySelector('section') as HTMLElement;
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(pdf('dropped.pdf'));
    window.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer }));
    await within(canvasElement).findByText('Drop files to send them');
  },
};

/** Files picked, before sending: removable previews above the text box. */
export const ComposerPreviews: Story = {
  parameters: { client: withBobChat() },
  play: async ({ canvasElement }) => {
    const input = canvasElement.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, [await png('beach.png', 400, 300, '#d69e2e'), pdf('notes.pdf')]);
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Remove beach.png' });
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Remove notes.pdf' })).toBeVisible(),
    );
  },
};
