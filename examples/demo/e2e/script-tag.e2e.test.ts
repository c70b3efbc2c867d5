import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, messageShown, signIn } from './browser';
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
    const page = readFileSync(join(example, 'index.html'), 'utf8').replaceAll(
      'http://localhost:3000',
      demo.url,
    );
    const bundle = readFileSync(join(example, 'dist/banter-embed.js'));
    const site = createServer((req, res) => {
      if (req.url?.endsWith('/banter-embed.js'))
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
    const shop = await context.newPage();
    const errors: string[] = [];
    shop.on('pageerror', (error) => errors.push(error.message));

    await shop.goto(`${siteUrl}/listing.html`);

    // The page's own content is still there, with the launcher on top of it.
    await shop.getByRole('button', { name: /Open chat/ }).click();
    await shop.getByRole('dialog').waitFor();
    await shop.getByRole('option', { name: /Alice Martin/ }).click();
    const text = `From the embedded widget ${Date.now()}`;
    const composer = shop.getByRole('textbox', { name: 'Message' });
    await composer.fill(text);
    await composer.press('Enter');

    const alice = await signIn(browser, demo.url, 'Alice Martin');
    await alice.page.getByRole('option', { name: /Bob Okafor/ }).click();
    await messageShown(alice, text);
    expect(errors).toEqual([]);
    await alice.context.close();
    await context.close();
    site.close();
  });
});
