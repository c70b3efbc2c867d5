import '../styles/banter.css';
import type { FakeChatClient } from '@banter/core/testing';
import { act, render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { fakeClient } from '../../test/render';
import { ChatProvider } from '../provider/ChatProvider';
import styles from '../styles/banter.css?inline';
import { ChatWidget } from './ChatWidget';
import { ShadowMount } from './ShadowMount';

/**
 * A host page that fights back: everything reverted to the browser's defaults, then the
 * example page's own header rule (the one that gave a dark title on white) and a few more
 * of the kind real sites carry, on elements Banter renders too.
 */
const hostileCss = `
  * { all: revert }
  body { font: italic 19px/2 Georgia, serif; color: #c00; letter-spacing: 1px; text-transform: uppercase; }
  header { background: #fff; font-weight: 700; padding: 2rem; }
  button { background: #ff0; border: 3px solid #000; font: bold 20px serif; padding: 12px; }
  div { box-sizing: content-box; }
  h1, h2, p, ul, li { margin: 1em; padding: 0.5em; }
  textarea, input { border: 4px dashed #0a0; font-size: 22px; }
`;

const frame = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

let hostStyle: HTMLStyleElement | undefined;
afterEach(() => {
  hostStyle?.remove();
  hostStyle = undefined;
});

function useHostCss(css: string) {
  hostStyle = document.createElement('style');
  hostStyle.textContent = css;
  document.head.append(hostStyle);
}

/**
 * Ann's client with one conversation with Bob, at fixed times so two renders match exactly.
 * Ann has read it all: with an unread message the first render would show the "New messages"
 * line and mark it read, and the second would not.
 */
async function seededClient() {
  const client = await fakeClient();
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  client.fake.seedHistory(id, 3, { startAt: new Date('2026-01-05T09:00:00Z') });
  client.fake.receive(id, {
    senderId: 'bob',
    body: 'Is the flat still available?',
    createdAt: '2026-01-05T09:30:00.000Z',
  });
  client.fake.receive(id, {
    senderId: 'ann',
    body: 'It is, come by on Friday',
    createdAt: '2026-01-05T09:31:00.000Z',
  });
  client.fake.server.advance({ conversationId: id, seq: 5 }, 'ann', 'read');
  await client.fake.until((state) => state.conversations[id]?.unreadCount === 0);
  return { client, id };
}

type Mount = 'isolated' | 'document';

function widget(client: FakeChatClient, id: string, theme: 'light' | 'dark', mount: Mount) {
  const ui = <ChatWidget title="Messages" defaultOpen defaultConversationId={id} theme={theme} />;
  const wrapped: ReactElement =
    mount === 'isolated' ? <ShadowMount styles={styles}>{ui}</ShadowMount> : ui;
  return render(<ChatProvider client={client}>{wrapped}</ChatProvider>);
}

/** Where the widget's elements are: the shadow root when isolated, else the document. */
const scopeOf = (container: HTMLElement): ParentNode =>
  container.querySelector('[data-banter-shadow]')?.shadowRoot ?? container;

function find(scope: ParentNode, selector: string): HTMLElement {
  const element = scope.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  return element;
}

/** The widget open on the conversation, focus taken out (no caret to blink), as pixels. */
async function capture(client: FakeChatClient, id: string, theme: 'light' | 'dark', mount: Mount) {
  const { container, unmount } = widget(client, id, theme, mount);
  const scope = scopeOf(container);
  await waitFor(() => {
    const texts = [...scope.querySelectorAll('.banter-message__text')].map((e) => e.textContent);
    expect(texts).toContain('It is, come by on Friday');
  });
  const active = (scope as Document | ShadowRoot).activeElement ?? document.activeElement;
  act(() => (active as HTMLElement | null)?.blur());
  await frame();
  const rect = find(scope, '.banter-widget').getBoundingClientRect();
  const image = await pixels(await page.screenshot({ save: false }), rect);
  const contrast = {
    title: contrastOf(find(scope, '.banter-chat-header__title')),
    bubble: contrastOf(find(scope, '.banter-message[data-own="false"] .banter-message__bubble')),
    ownBubble: contrastOf(find(scope, '.banter-message[data-own="true"] .banter-message__bubble')),
  };
  unmount();
  return { image, contrast };
}

/** The screenshot decoded by the browser itself, cropped to `rect` (CSS pixels). */
async function pixels(base64: string, rect: DOMRect): Promise<ImageData> {
  const image = new Image();
  image.src = `data:image/png;base64,${base64}`;
  await image.decode();
  const scale = image.naturalWidth / window.innerWidth;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(rect.width * scale);
  canvas.height = Math.round(rect.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.drawImage(
    image,
    rect.left * scale,
    rect.top * scale,
    canvas.width,
    canvas.height,
    0,
    0,
    canvas.width,
    canvas.height,
  );
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** The share of pixels that differ by more than a rounding error in any channel. */
function difference(a: ImageData, b: ImageData): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0)) > 8) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}

const rgb = (color: string): [number, number, number, number] => {
  const parts = color.match(/[\d.]+/g)?.map(Number) ?? [];
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
};

const luminance = ([r, g, b]: number[]) => {
  const [R, G, B] = [r, g, b].map((v) => {
    const s = (v ?? 0) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (R ?? 0) + 0.7152 * (G ?? 0) + 0.0722 * (B ?? 0);
};

/** WCAG contrast of an element's text against the first opaque background behind it. */
function contrastOf(element: HTMLElement): number {
  const text = rgb(getComputedStyle(element).color);
  let node: Element | null = element;
  let background = rgb('rgb(255, 255, 255)');
  while (node) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0 && getComputedStyle(node).backgroundColor !== 'rgba(0, 0, 0, 0)') {
      background = colour;
      break;
    }
    node = node.parentElement;
  }
  const [light, dark] = [luminance(text), luminance(background)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('a widget isolated in a shadow root (ShadowMount)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`looks the same on a page with aggressive global CSS as on a plain page, ${theme} theme`, async () => {
      const { client, id } = await seededClient();
      const plain = await capture(client, id, theme, 'isolated');
      useHostCss(hostileCss);
      const hostile = await capture(client, id, theme, 'isolated');

      expect(plain.image.width).toBeGreaterThan(300);
      expect(difference(plain.image, hostile.image)).toBeLessThan(0.001);
      for (const ratio of Object.values(hostile.contrast))
        expect(ratio).toBeGreaterThanOrEqual(4.5);
      expect(hostile.contrast).toEqual(plain.contrast);
    });
  }
});

describe('the widget without isolation', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`keeps its header and bubbles readable under the page's own header and button rules, ${theme} theme`, async () => {
      const { client, id } = await seededClient();
      // The script-tag example page's rule that turned the dark header white.
      useHostCss(
        'header { background: #fff; font-weight: 700 } button { background: #ff0 } div { box-sizing: content-box }',
      );
      const { contrast } = await capture(client, id, theme, 'document');
      for (const ratio of Object.values(contrast)) expect(ratio).toBeGreaterThanOrEqual(4.5);
    });
  }
});

describe('working inside the shadow root', () => {
  // ActionMenu and ReactionPicker read focus and pointer targets through utils/shadow-dom: with
  // document.activeElement (the shadow host), ArrowDown always landed on the first item.
  it('keeps the actions menu usable: arrows move through it, a click on an item acts, focus comes back', async () => {
    const { client, id } = await seededClient();
    const { container } = widget(client, id, 'light', 'isolated');
    const root = scopeOf(container) as ShadowRoot;
    const active = () => root.activeElement;
    const trigger = page.getByRole('button', { name: 'Message actions' }).last();
    await trigger.click();
    const menu = page.getByRole('menu', { name: 'Message actions' });
    await expect.element(menu).toBeVisible();
    const items = [...root.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
    const first = items.indexOf(active() as HTMLElement);
    expect(first).toBeGreaterThanOrEqual(0);
    await userEvent.keyboard('{ArrowDown}');
    expect(active()).toBe(items[first + 1]);
    await userEvent.keyboard('{Escape}');
    await expect.element(menu).not.toBeInTheDocument();
    expect(active()?.getAttribute('aria-label')).toBe('Message actions');

    await trigger.click();
    await page.getByRole('menuitemcheckbox', { name: 'React with 👍' }).click();
    await expect.element(menu).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: /👍/ }).last()).toBeVisible();
  });
});
