import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { freePort, type NextProcess, startNextExample } from './next-process';

let browser: Browser;
let example: NextProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'banter-nextjs-e2e-'));

beforeAll(async () => {
  example = await startNextExample(await freePort(), dataDir);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
  await example?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Person {
  context: BrowserContext;
  page: Page;
  /** Console errors and warnings, uncaught errors, failed loads, and requests to other origins. */
  problems: string[];
}

/** A browser profile of its own, signed in through the page's form, with the chat open. */
async function signIn(name: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(example.url)) problems.push(`request to ${request.url()}`);
  });
  await page.goto(example.url);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('dialog', { name: 'Messages' }).waitFor();
  return { context, page, problems };
}

async function openConversationWith(person: Person, name: string) {
  await person.page.getByRole('option', { name: new RegExp(name) }).click();
  await person.page.getByRole('heading', { name }).waitFor();
}

async function send(person: Person, text: string) {
  const composer = person.page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

function messageShown(person: Person, text: string) {
  return person.page
    .locator('.banter-message-list__rows')
    .getByText(text, { exact: true })
    .waitFor({ timeout: 15_000 });
}

describe('the Next.js example', () => {
  it('renders the chat on the server, inside the server component page', async () => {
    const html = await (await fetch(`${example.url}/?user=ann`)).text();
    // The widget's markup is in the first HTML, before any script runs.
    expect(html).toContain('class="banter-root banter-widget"');
    expect(html).toContain('Signed in as <!-- -->Ann Archer');
  });

  it('lets Ann and Bob chat both ways, with no console errors or hydration warnings', async () => {
    const ann = await signIn('Ann Archer');
    const bob = await signIn('Bob Baker');
    try {
      await openConversationWith(ann, 'Bob Baker');
      await openConversationWith(bob, 'Ann Archer');

      const run = Date.now();
      await send(ann, `Hi Bob, is the flat still free? ${run}`);
      await messageShown(bob, `Hi Bob, is the flat still free? ${run}`);
      await send(bob, `It is, Ann. Come by on Saturday. ${run}`);
      await messageShown(ann, `It is, Ann. Come by on Saturday. ${run}`);

      // Hydration mismatches reach the console (as errors, or React's minified #418/#423/#425).
      expect(ann.problems).toEqual([]);
      expect(bob.problems).toEqual([]);
    } finally {
      await ann.context.close();
      await bob.context.close();
    }
  });
});
