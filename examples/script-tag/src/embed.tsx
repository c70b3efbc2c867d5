/**
 * The script-tag build of Banter: React, the client and the stylesheet in one
 * file that exposes `window.Banter.mount(element, options)`, for pages that do
 * not use React or a bundler.
 */
import { type ChatClient, createChatClient, localStorageOutbox } from '@banter/core';
import {
  type BanterStrings,
  ChatProvider,
  ChatWidget,
  type ChatWidgetProps,
  ShadowMount,
} from '@banter/react';
import stylesheet from '@banter/react/styles.css?inline';
import { createRoot, type Root } from 'react-dom/client';

export interface EmbedOptions {
  /** The origin where server-kit runs, e.g. `https://chat.example.com`. */
  url: string;
  /** Who is signed in. The token must belong to this user. */
  userId: string;
  /** A bearer token; or use `getToken` so long sessions can renew it. */
  token?: string;
  /** Called for the first token and again whenever the server refuses the current one. */
  getToken?: () => Promise<string> | string;
  /** The panel's title over the conversation list. */
  title?: string;
  /** Default `bottom-right`. */
  position?: ChatWidgetProps['position'];
  /** Default `system` (follows `prefers-color-scheme`). */
  theme?: ChatWidgetProps['theme'];
  /** Start with the panel open. Default false. */
  open?: boolean;
  /** BCP 47 locale for plurals, dates and times. Default `en`. */
  locale?: string;
  /** Replace any user-facing string. */
  strings?: Partial<BanterStrings>;
  /** Where the host mounted Banter's REST router. Default `/chat`; `null` turns the REST fallback off. */
  restPath?: string | null;
  /** Socket.IO namespace. Default `/banter`. */
  namespace?: string;
  /**
   * Default true: the widget lives in a shadow root with its own copy of the stylesheet, so
   * the page's CSS cannot restyle it (theme it through `::part(widget)`). `false` puts the
   * stylesheet in the page's `<head>` and the widget in the page's DOM, as before.
   */
  isolate?: boolean;
}

export interface Embed {
  /** Removes the widget and closes the client. Safe to call more than once. */
  unmount(): void;
  /** The client behind the widget, for anything the widget does not do (e.g. `startDirect`). */
  client: ChatClient;
}

const fail = (message: string): never => {
  throw new Error(`Banter.mount: ${message}`);
};

// Not URL.canParse: it is too recent for the browsers an embed has to support.
function isHttpUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

function validate(options: EmbedOptions): void {
  if (typeof options !== 'object' || options === null) {
    fail('options are required, e.g. { url, userId, getToken }');
  }
  const { url, userId, token, getToken } = options;
  if (typeof url !== 'string' || url === '') fail('`url` is required (the chat server origin)');
  if (!isHttpUrl(url)) {
    fail(`\`url\` must be an absolute http(s) URL such as https://chat.example.com, got "${url}"`);
  }
  if (typeof userId !== 'string' || userId === '') fail('`userId` is required');
  if (getToken !== undefined && typeof getToken !== 'function') {
    fail('`getToken` must be a function returning a token or a promise of one');
  }
  if (token === undefined && getToken === undefined) fail('`token` or `getToken` is required');
}

function findElement(element: HTMLElement | string): HTMLElement | null {
  if (typeof element === 'string') return document.querySelector<HTMLElement>(element);
  // nodeType rather than instanceof, so an element from another frame is accepted.
  return element != null && element.nodeType === Node.ELEMENT_NODE ? element : null;
}

const notFound = (element: HTMLElement | string) =>
  fail(
    typeof element === 'string'
      ? `no element matches "${element}"`
      : `the element was not found (got ${String(element)}); pass an element or a CSS selector`,
  );

/**
 * Prepended to <head> so that the page's own stylesheets, which come later,
 * win when they override `--banter-*` variables with the same specificity.
 */
function injectStylesheet(): void {
  if (document.querySelector('style[data-banter-styles]')) return;
  const style = document.createElement('style');
  style.setAttribute('data-banter-styles', '');
  style.textContent = stylesheet;
  const head = document.head ?? document.documentElement;
  head.insertBefore(style, head.firstChild);
}

/**
 * Adds the chat widget to `element` (an element or a CSS selector) and starts
 * connecting. The page's existing content stays. Call it at any time: before
 * DOMContentLoaded a selector that matches nothing yet is looked up again once
 * the document is parsed.
 *
 * @example
 * Banter.mount(document.body, { url: 'https://chat.example.com', userId: 'bob', getToken });
 */
export function mount(element: HTMLElement | string, options: EmbedOptions): Embed {
  validate(options);
  // Before the document is parsed, a selector may match an element that is still to come.
  const waitForDocument =
    typeof element === 'string' &&
    document.readyState === 'loading' &&
    findElement(element) === null;
  if (!waitForDocument && findElement(element) === null) notFound(element);

  const client = createChatClient({
    url: options.url,
    userId: options.userId,
    token: options.token,
    getToken: options.getToken,
    restPath: options.restPath,
    namespace: options.namespace,
    outboxStorage: localStorageOutbox(),
  });

  let root: Root | undefined;
  let host: HTMLElement | undefined;
  let unmounted = false;

  const render = () => {
    const target = findElement(element);
    if (target === null) {
      void client.close();
      notFound(element);
      return;
    }
    const isolate = options.isolate !== false;
    if (!isolate) injectStylesheet();
    // React clears the container it renders into, so it gets a node of its own. Inline
    // `display: contents` so the page's `div { … }` rules cannot give it a box.
    host = document.createElement('div');
    host.setAttribute('data-banter-embed', '');
    host.style.display = 'contents';
    target.appendChild(host);
    root = createRoot(host);
    const widget = (
      <ChatWidget
        title={options.title}
        position={options.position}
        theme={options.theme}
        defaultOpen={options.open}
        part="widget"
      />
    );
    root.render(
      <ChatProvider client={client} locale={options.locale} strings={options.strings}>
        {isolate ? <ShadowMount styles={stylesheet}>{widget}</ShadowMount> : widget}
      </ChatProvider>,
    );
  };

  if (waitForDocument) document.addEventListener('DOMContentLoaded', render, { once: true });
  else render();

  return {
    client,
    unmount() {
      if (unmounted) return;
      unmounted = true;
      document.removeEventListener('DOMContentLoaded', render);
      root?.unmount();
      host?.remove();
      void client.close();
    },
  };
}
