import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launch, messageShown, signIn } from './browser';
import { type DemoProcess, freePort, startDemoProcess } from './demo-process';

const example = fileURLToPath(new URL('../../script-tag/', import.meta.url));
let browser: Browser;
let demo: DemoProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'banter-embed-e2e-'));

beforeAll(async () => {
  demo = await startDemoProcess(await freePort(), dataDir);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the script-tag example', () => {
  it('mounts with one call, opens, and sends a message that another person receives', async () => {
    // The example page served by a third-party site: another origin than the chat server (an embed is
    // cross-origin), on a real loopback server (Chromium lets only local pages call localhost).
    const page = readFileSync(join(example, 'index.html'), 'utf8');
    const bundle = readFileSync(join(example, 'dist/banter-embed.js'));
    const site = createServer((req, res) => {
      if (req.url?.endsWith('/banter-embed.js'))
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    // Dark, so the page's own `header { background: #fff }` would show if it reached the widget.
    const context = await browser.newContext({
      viewport: { width: 1100, height: 820 },
      colorScheme: 'dark',
    });
    const shop = await context.newPage();
    const errors: string[] = [];
    shop.on('pageerror', (error) => errors.push(error.message));

    // Alice writes first, so Bob has something unread before his page loads.
    const alice = await signIn(browser, demo.url, 'Alice Martin');
    await alice.page.getByRole('option', { name: /Bob Okafor/ }).click();
    const question = `Is the flat still free? ${Date.now()}`;
    await alice.page.getByRole('textbox', { name: 'Message' }).fill(question);
    await alice.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await messageShown(alice, question);

    // The chat server comes from the address (`?server=`), not from the page's source.
    await shop.goto(`${siteUrl}/listing.html?server=${encodeURIComponent(demo.url)}`);

    // The launcher counts it from the start, before the panel was ever opened.
    await shop.getByRole('button', { name: 'Open chat, 1 unread message' }).waitFor();
    await shop.getByRole('button', { name: /Open chat/ }).click();
    await shop.getByRole('dialog').waitFor();
    await shop.getByRole('option', { name: /Alice Martin/ }).click();
    const text = `From the embedded widget ${Date.now()}`;
    const composer = shop.getByRole('textbox', { name: 'Message' });
    await composer.fill(text);
    await composer.press('Enter');

    // Inside its shadow root the widget's header keeps its own colours: the page's header rule
    // (white, bold) matched it before, leaving the dark theme's light title on white.
    const header = await shop.evaluate(() => {
      const root = document.querySelector('[data-banter-embed] [data-banter-shadow]')?.shadowRoot;
      const title = root?.querySelector<HTMLElement>('.banter-chat-header__title');
      if (!title) return null;
      const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = (color: string) => {
        const [r = 0, g = 0, b = 0] = channels(color).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      let node: Element | null = title;
      let background = 'rgb(255, 255, 255)';
      for (; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if ((channels(colour)[3] ?? 1) > 0) {
          background = colour;
          break;
        }
      }
      const [light = 0, dark = 0] = [
        luminance(getComputedStyle(title).color),
        luminance(background),
      ].sort((a, b) => b - a);
      return {
        contrast: (light + 0.05) / (dark + 0.05),
        weight: getComputedStyle(title.closest('header') as HTMLElement).fontWeight,
      };
    });
    expect(header?.contrast).toBeGreaterThanOrEqual(4.5);
    expect(header?.weight).toBe('400');
    await shop.screenshot({ path: `${artifacts}script-tag-dark.png` });

    await messageShown(alice, text);
    expect(errors).toEqual([]);
    await alice.context.close();
    await context.close();
    site.close();
  });
});
