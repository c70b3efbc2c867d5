import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';

/** Screenshots and other outputs of the run, kept by CI as artifacts (git-ignored). */
export const artifacts = fileURLToPath(new URL('../../../artifacts/', import.meta.url));
mkdirSync(artifacts, { recursive: true });

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A separate browser profile signed in to the demo as `name`, with the widget open. */
export async function signIn(
  browser: Browser,
  url: string,
  name: string,
  setup?: (context: BrowserContext) => Promise<void>,
): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
  await setup?.(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('dialog', { name: 'Messages' }).waitFor();
  return { context, page };
}

export async function openConversation(person: Person, title: string) {
  await person.page.getByRole('option', { name: new RegExp(title) }).click();
  await person.page.getByRole('heading', { name: title }).waitFor();
}

export async function send(person: Person, text: string) {
  const composer = person.page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/** The status of the own message with this text: sending, sent, delivered, read or failed. */
export function statusOf(person: Person, text: string) {
  return person.page
    .locator('.banter-message[data-own="true"]', { hasText: text })
    .last()
    .getAttribute('data-status');
}

/** Message texts in the open conversation, in the order shown. */
export async function shownTexts(person: Person): Promise<string[]> {
  return person.page.locator('.banter-message-list__rows .banter-message__text').allTextContents();
}

/** Waits until a message with this text is shown in the open conversation (not the screen-reader log). */
export function messageShown(person: Person, text: string, timeout = 15_000) {
  return person.page
    .locator('.banter-message-list__rows')
    .getByText(text, { exact: true })
    .waitFor({ timeout });
}
