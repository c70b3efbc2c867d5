import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdf, png } from '../../../packages/server-kit/test/upload-files';
import { launch, messageShown, openConversation, type Person, signIn } from './browser';
import { type DemoProcess, freePort, startDemoProcess } from './demo-process';

// Issue #13's "done when": two people exchange an image and a PDF in the demo (files on disk).
let browser: Browser;
let demo: DemoProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'banter-demo-uploads-e2e-'));
const people: Person[] = [];

beforeAll(async () => {
  demo = await startDemoProcess(await freePort(), dataDir);
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

async function person(name: string) {
  const signedIn = await signIn(browser, demo.url, name);
  people.push(signedIn);
  return signedIn;
}

describe('sending files in the demo', () => {
  it('sends an image and a PDF: a thumbnail first, the lightbox opens, the PDF downloads', async () => {
    const alice = await person('Alice Martin');
    const bob = await person('Bob Okafor');
    await openConversation(alice, 'Bob Okafor');
    await openConversation(bob, 'Alice Martin');
    const run = `files ${Date.now()}`;

    await alice.page.locator('input[type="file"]').setInputFiles([
      { name: 'harbour.png', mimeType: 'image/png', buffer: await png(800, 600) },
      { name: 'minutes.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await alice.page.getByRole('button', { name: 'Remove minutes.pdf' }).waitFor();
    const composer = alice.page.getByRole('textbox', { name: 'Message' });
    await composer.fill(run);
    await composer.press('Enter');

    await messageShown(bob, run, 20_000);
    const opener = bob.page.getByRole('button', { name: 'Open image harbour.png' });
    const thumbnail = opener.locator('img');
    await thumbnail.waitFor({ timeout: 15_000 });
    // The bubble shows the server's thumbnail, not the full image.
    expect(await thumbnail.getAttribute('src')).toContain('/thumbnail');
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);

    await opener.click();
    const viewer = bob.page.getByRole('dialog', { name: 'Image viewer' });
    await viewer.locator('img').waitFor();
    await expect
      .poll(() =>
        viewer.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      )
      .toBe(800);
    await bob.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(await opener.evaluate((button) => button === document.activeElement)).toBe(true);

    const [download] = await Promise.all([
      bob.page.waitForEvent('download'),
      bob.page.getByRole('link', { name: /^minutes\.pdf/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('minutes.pdf');
    expect(readFileSync(await download.path()).equals(pdf)).toBe(true);
  });

  it('lets a group read a file, and refuses it to someone once they are removed', async () => {
    const alice = await person('Alice Martin');
    const bob = await person('Bob Okafor');
    await openConversation(alice, 'Weekend in Lisbon');
    await openConversation(bob, 'Weekend in Lisbon');
    const run = `group file ${Date.now()}`;
    await alice.page
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'tickets.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    const composer = alice.page.getByRole('textbox', { name: 'Message' });
    await composer.fill(run);
    await composer.press('Enter');
    await messageShown(bob, run, 20_000);

    const link = bob.page.getByRole('link', { name: /^tickets\.pdf/ });
    await expect.poll(() => link.getAttribute('href')).toMatch(/\/uploads\/[^/]+\/file/);
    const uploadId = /\/uploads\/([^/]+)\/file/.exec((await link.getAttribute('href')) ?? '')?.[1];
    const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
    expect(readFileSync(await download.path()).equals(pdf)).toBe(true);

    // Dave, who made the group, removes Bob (through the REST API, as the demo has no such button).
    const tokenOf = async (userId: string) =>
      ((await (await fetch(`${demo.url}/demo/token?userId=${userId}`)).json()) as { token: string })
        .token;
    const call = async (userId: string, method: string, path: string) =>
      fetch(`${demo.url}/chat${path}`, {
        method,
        headers: { authorization: `Bearer ${await tokenOf(userId)}` },
      });
    const list = (await (await call('dave', 'GET', '/conversations')).json()) as {
      data: { conversations: { id: string; title: string | null }[] };
    };
    const group = list.data.conversations.find((c) => c.title === 'Weekend in Lisbon');
    const urlsPath = `/conversations/${group?.id}/upload-urls?uploadIds=${uploadId}`;
    // The same request Bob makes below is answered while he is a member.
    expect((await call('bob', 'GET', urlsPath)).status).toBe(200);
    expect(
      (await call('dave', 'DELETE', `/conversations/${group?.id}/participants/bob`)).status,
    ).toBe(200);

    const refused = await call('bob', 'GET', urlsPath);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
