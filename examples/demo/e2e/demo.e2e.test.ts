import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  launch,
  messageShown,
  openConversation,
  type Person,
  send,
  shownTexts,
  signIn,
  statusOf,
} from './browser';
import { type DemoProcess, freePort, startDemoProcess } from './demo-process';

let browser: Browser;
let demo: DemoProcess;
let port: number;
const dataDir = mkdtempSync(join(tmpdir(), 'banter-demo-e2e-'));
const people: Person[] = [];

beforeAll(async () => {
  port = await freePort();
  demo = await startDemoProcess(port, dataDir);
  browser = await launch();
});
afterEach(async () => {
  await Promise.all(people.splice(0).map((person) => person.context.close()));
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function person(name: string, setup?: Parameters<typeof signIn>[3]) {
  const signedIn = await signIn(browser, demo.url, name, setup);
  people.push(signedIn);
  return signedIn;
}

const eventually = (check: () => Promise<unknown>, timeout = 15_000) =>
  expect.poll(check, { timeout, interval: 100 });

// First, so the pictures show the seeded conversations and nothing the other tests wrote.
describe('how it looks', () => {
  it('saves screenshots of the demo in the light and dark themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 1100, height: 820 },
        colorScheme: theme,
      });
      const page = await context.newPage();
      await page.goto(demo.url);
      await page.getByRole('button', { name: 'Sign in as Alice Martin' }).click();
      await page.getByRole('option', { name: /Bob Okafor/ }).click();
      await page.getByRole('heading', { name: 'Bob Okafor' }).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${artifacts}demo-${theme}.png` });
      await context.close();
    }
  });
});

describe('serving the page', () => {
  it('sends compressed, cacheable assets and a favicon, with nothing failing in the console', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('requestfailed', (request) => errors.push(`failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()}: ${response.url()}`);
    });
    const scripts: Record<string, string>[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(await response.allHeaders());
    });
    const html = await page.goto(demo.url);
    await page.getByRole('button', { name: 'Sign in as Alice Martin' }).waitFor();

    expect(html?.headers()['cache-control']).toBe('no-cache');
    expect(scripts.length).toBeGreaterThan(0);
    for (const headers of scripts) {
      expect(headers['content-encoding']).toMatch(/^(br|gzip)$/);
      expect(headers['cache-control']).toContain('immutable');
    }
    const icon = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
      const response = await fetch(link?.href ?? '/favicon.ico');
      return { status: response.status, type: response.headers.get('content-type') };
    });
    expect(icon).toEqual({ status: 200, type: expect.stringContaining('image/') });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('two people chatting through the demo', () => {
  it('delivers a message, and the sender’s ticks go sent → delivered → read when the other opens it', async () => {
    const alice = await person('Alice Martin');
    const bob = await person('Bob Okafor');
    await openConversation(alice, 'Bob Okafor');
    const text = `Hello Bob, it is ${Date.now()}`;
    await send(alice, text);
    // Bob's client is online with the list open: the message reaches it, so it is delivered, not yet read.
    await eventually(() => statusOf(alice, text)).toBe('delivered');
    await openConversation(bob, 'Alice Martin');
    await messageShown(bob, text);
    await eventually(() => statusOf(alice, text)).toBe('read');
  });
});

describe('live signals', () => {
  it('shows the typing indicator while one types, and hides it after they stop', async () => {
    const alice = await person('Alice Martin');
    const bob = await person('Bob Okafor');
    await openConversation(alice, 'Bob Okafor');
    await openConversation(bob, 'Alice Martin');
    await alice.page
      .getByRole('textbox', { name: 'Message' })
      .pressSequentially('I am typing a long', { delay: 40 });
    await bob.page.getByText('Alice Martin is typing…').waitFor({ timeout: 10_000 });
    // Three seconds after the last keystroke the client says it stopped.
    await bob.page
      .getByText('Alice Martin is typing…')
      .waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('shows the other person offline, with when they were last seen, once they close the page', async () => {
    const alice = await person('Alice Martin');
    const bob = await person('Bob Okafor');
    await openConversation(bob, 'Alice Martin');
    const header = bob.page.locator('.banter-chat-header');
    await header.getByText('Online').waitFor();
    await alice.context.close();
    people.splice(people.indexOf(alice), 1);
    await header.getByText(/Last seen/).waitFor({ timeout: 15_000 });
  });
});

describe('when things break', () => {
  it('queues messages while the server is down and delivers them once, in order, after it restarts', async () => {
    const alice = await person('Alice Martin');
    const bob = await person('Bob Okafor');
    await openConversation(alice, 'Bob Okafor');
    await openConversation(bob, 'Alice Martin');
    const run = Date.now();
    const before = `before the crash ${run}`;
    await send(alice, before);
    await messageShown(bob, before);

    await demo.stop();
    const queued = [1, 2, 3].map((n) => `while the server is down ${n} ${run}`);
    for (const text of queued) await send(alice, text);
    for (const text of queued) await eventually(() => statusOf(alice, text)).toBe('sending');
    await alice.page
      .locator('.banter-connection-banner')
      .getByText(/waiting to send/)
      .waitFor();

    demo = await startDemoProcess(port, dataDir);
    for (const text of queued) await messageShown(bob, text, 30_000);
    const seenByBob = (await shownTexts(bob)).filter((text) => text.endsWith(String(run)));
    expect(seenByBob).toEqual([before, ...queued]);
    await eventually(async () =>
      (await shownTexts(alice)).filter((text) => text.endsWith(String(run))),
    ).toEqual([before, ...queued]);
  });

  it('keeps delivering both ways over REST when the socket is blocked', async () => {
    // Alice's network blocks Socket.IO entirely: WebSocket and long-polling.
    const alice = await person('Alice Martin', async (context) => {
      await context.routeWebSocket(/socket\.io/, (ws) => ws.close());
      await context.route(/\/socket\.io\//, (route) => route.abort());
    });
    const bob = await person('Bob Okafor');
    await openConversation(alice, 'Bob Okafor');
    await openConversation(bob, 'Alice Martin');
    const run = Date.now();
    await send(alice, `over REST ${run}`);
    await messageShown(bob, `over REST ${run}`, 20_000);
    await send(bob, `back by polling ${run}`);
    await messageShown(alice, `back by polling ${run}`, 30_000);
    // All along, Alice's window said the socket was not live.
    await expect(alice.page.locator('.banter-connection-banner').textContent()).resolves.toMatch(
      /Connecting|Reconnecting|Offline/,
    );
  });
});
