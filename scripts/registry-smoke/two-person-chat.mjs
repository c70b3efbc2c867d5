// Two people in two browser profiles of Debian's Chromium: Ann opens a conversation with
// Bob and sends, Bob sees it and replies, Ann sees the reply. Any uncaught error on
// either page fails the test.

import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

const STEP_TIMEOUT_MS = 20_000;

async function signIn(browser, url, userId, otherId, otherName, pageErrors) {
  const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(`${userId}: ${error.message}`));
  await page.goto(`${url}?user=${userId}&with=${otherId}`);
  await page.getByRole('button', { name: `Chat with ${otherId}` }).click();
  // The header names the other person: the server's getUsers hook reached the page.
  await page.getByRole('heading', { name: otherName }).waitFor();
  return { userId, page };
}

async function send(person, text) {
  const composer = person.page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  // Acknowledged by the server: no longer `sending`, and not `failed`.
  const own = person.page.locator('.banter-message[data-own="true"]', { hasText: text }).last();
  await own.waitFor();
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let status = await own.getAttribute('data-status');
  while (status === 'sending' && Date.now() < deadline) {
    await person.page.waitForTimeout(100);
    status = await own.getAttribute('data-status');
  }
  if (status === 'sending' || status === 'failed') {
    throw new Error(`${person.userId}'s message "${text}" is still ${status}`);
  }
}

async function sees(person, text) {
  try {
    await person.page
      .locator('.banter-message[data-own="false"]', { hasText: text })
      .first()
      .waitFor();
  } catch {
    throw new Error(`${person.userId} never saw "${text}"`);
  }
}

/** Runs the chat against the app at `url`; resolves when both directions worked. */
export async function twoPersonChat(url) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    timeout: 30_000,
  });
  const pageErrors = [];
  try {
    // Ann creates the conversation; Bob's createDirectConversation then finds the same one.
    const ann = await signIn(browser, url, 'ann', 'bob', 'Bob Baker', pageErrors);
    const bob = await signIn(browser, url, 'bob', 'ann', 'Ann Archer', pageErrors);
    const hello = `Hello Bob, it is Ann (${Date.now()})`;
    await send(ann, hello);
    await sees(bob, hello);
    const reply = `Hi Ann, Bob here (${Date.now()})`;
    await send(bob, reply);
    await sees(ann, reply);
    if (pageErrors.length > 0) {
      throw new Error(`uncaught errors on the pages:\n${pageErrors.join('\n')}`);
    }
  } finally {
    await browser.close();
  }
}
