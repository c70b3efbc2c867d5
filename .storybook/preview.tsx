import '../packages/react/src/styles/banter.css';
import type { ChatClient } from '@banter/core';
import type { Decorator, Preview } from '@storybook/react-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import type { LoaderFunction } from 'storybook/internal/types';
import { directionOf } from '../packages/react/src/i18n/direction';
import { bundledLocales, loadStrings } from '../packages/react/src/i18n/load-strings';
import type { BanterStrings } from '../packages/react/src/i18n/strings';
import { ChatProvider } from '../packages/react/src/provider/ChatProvider';
import { fakeClient } from '../packages/react/src/stories/fixtures';

/**
 * msw's worker, started once. Requests no story handles go to the network as
 * usual (Storybook's own modules, fixture images); stories that talk HTTP
 * declare handlers in `parameters.msw.handlers`.
 */
const msw = mswLoader(async () => {
  const worker = setupWorker();
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  return worker;
});

/**
 * msw first, then the story's client: loaders run in parallel, and a real
 * client starts requesting as soon as it exists. The client comes from
 * `parameters.client` (a factory, so each render gets a fresh one) or is an
 * empty fake client. Play functions reach it as `context.loaded.client`.
 */
const loadClient: LoaderFunction = async (context) => {
  await msw(context);
  const factory = context.parameters.client as (() => ChatClient | Promise<ChatClient>) | undefined;
  return { client: factory ? await factory() : fakeClient() };
};

/** The toolbar's language, fetched as a page would: its own chunk, through `loadStrings`. */
const loadLocale: LoaderFunction = async (context) => ({
  strings: await loadStrings((context.globals.locale as string | undefined) ?? 'en'),
});

/** Each shipped language by its own name ("Deutsch", "日本語"), right-to-left ones marked. */
const localeItems = bundledLocales.map((tag) => ({
  value: tag,
  title: `${new Intl.DisplayNames(tag, { type: 'language' }).of(tag) ?? tag}${directionOf(tag) === 'rtl' ? ' (rtl)' : ''}`,
  right: tag,
}));

const withBanter: Decorator = (Story, context) => {
  const { theme, density, locale, dir } = context.globals as Record<string, string>;
  const client = context.loaded.client as ChatClient;
  const strings = context.loaded.strings as BanterStrings | undefined;
  const direction = dir === 'auto' || !dir ? directionOf(locale ?? 'en') : dir;
  // Drop-in components take theme and density themselves; a nested root without
  // data-theme would otherwise follow the system again.
  const forward: Record<string, unknown> = {};
  if (context.argTypes.theme && context.args.theme === undefined) forward.theme = theme;
  if (context.argTypes.density && context.args.density === undefined) forward.density = density;
  const fullHeight = context.parameters.layout === 'fullscreen';
  return (
    <ChatProvider client={client} locale={locale} strings={strings}>
      <div
        className="banter-root"
        data-theme={theme === 'system' ? undefined : theme}
        data-density={density}
        dir={direction}
        lang={locale}
        style={{
          background: 'var(--banter-color-background)',
          color: 'var(--banter-color-text)',
          padding: '1rem',
          height: fullHeight ? '100vh' : (context.parameters.height ?? 'auto'),
          maxWidth: context.parameters.width ?? 480,
          boxSizing: 'border-box',
        }}
      >
        <Story args={{ ...context.args, ...forward }} />
      </div>
    </ChatProvider>
  );
};

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: ['light', 'dark', 'system'],
        dynamicTitle: true,
      },
    },
    density: {
      description: 'Spacing density',
      toolbar: {
        title: 'Density',
        icon: 'component',
        items: ['comfortable', 'compact'],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language: its strings, plurals, numbers and dates (ar, he: right to left)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: localeItems,
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction (auto: the locale’s, rtl for ar and he)',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: ['auto', 'ltr', 'rtl'],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', density: 'comfortable', locale: 'en', dir: 'auto' },
  loaders: [loadClient, loadLocale],
  // The story's client stops (sockets, polling, timers) when the story goes away, and its
  // drafts (kept in localStorage across reloads) go with it: the next story starts empty.
  beforeEach(context) {
    return () => {
      void (context.loaded.client as ChatClient | undefined)?.close();
      localStorage.clear();
    };
  },
  decorators: [withBanter],
  parameters: {
    // axe violations fail the story tests.
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
  },
};

export default preview;
