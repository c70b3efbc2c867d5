import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the packages' sources, never their build output. The integration tests
// also reach server-kit's test harness (not published) by name, as `@banter/server-kit/test/…`.
const alias = [
  { find: '@banter/core/protocol', replacement: source('./packages/core/src/protocol/index.ts') },
  { find: '@banter/core/testing', replacement: source('./packages/core/src/testing/index.ts') },
  { find: '@banter/core', replacement: source('./packages/core/src/index.ts') },
  { find: '@banter/react', replacement: source('./packages/react/src/index.ts') },
  {
    find: '@banter/server-kit/pglite',
    replacement: source('./packages/server-kit/src/storage/pglite.ts'),
  },
  {
    find: '@banter/server-kit/postgres',
    replacement: source('./packages/server-kit/src/storage/postgres.ts'),
  },
  {
    find: /^@banter\/server-kit\/test\/(.*)$/,
    replacement: `${source('./packages/server-kit/test/')}$1.ts`,
  },
  { find: '@banter/server-kit', replacement: source('./packages/server-kit/src/index.ts') },
];

/** Debian's Chromium, headless, at the size the layout tests assume. */
const headlessChromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const, viewport: { width: 1000, height: 800 } }],
});

export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores, and each PGlite instance holds most of a gigabyte: keep workers few.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          // *.ssr.test.tsx: React rendered on a server (Node, no DOM), with the unit tests;
          // packages/integration/test: the real client against the real server on loopback.
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'packages/*/src/**/*.ssr.test.tsx',
          ],
          exclude: ['**/*.services.test.ts', '**/*.faults.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Components and hooks, in jsdom: behaviour, keyboard and axe checks.
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/react/src/**/*.test.tsx', 'packages/react/test/**/*.test.tsx'],
          exclude: ['**/*.browser.test.tsx', '**/*.ssr.test.tsx', '**/node_modules/**'],
          setupFiles: ['packages/react/test/setup-dom.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // What a person sees: layout, scrolling, colour contrast, in real Chromium.
          name: 'browser',
          include: [
            'packages/react/src/**/*.browser.test.tsx',
            'packages/react/test/**/*.browser.test.tsx',
          ],
          setupFiles: ['packages/react/test/setup-browser.ts'],
          testTimeout: 30_000,
          browser: headlessChromium(),
        },
      },
      {
        // Every story as a test in real Chromium: it renders without errors, its play
        // function passes, and axe finds no violations (parameters.a11y.test: 'error').
        plugins: [storybookTest({ configDir: source('./.storybook') })],
        resolve: { alias },
        test: {
          name: 'storybook',
          setupFiles: ['.storybook/vitest.setup.ts'],
          // The 500-conversation story took 24.5 s on a loaded machine: a budget, not a race.
          testTimeout: 60_000,
          browser: headlessChromium(),
        },
      },
      {
        test: {
          // The demo end to end: its server as a process, two people in real Chromium (playwright-core).
          name: 'e2e',
          environment: 'node',
          include: ['examples/**/e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'services',
          environment: 'node',
          include: [
            'packages/*/src/**/*.services.test.ts',
            'packages/*/test/**/*.services.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The fault-injection suite: processes killed, links broken, PostgreSQL and Redis
          // taken away. One file at a time: each one loads the machine on its own.
          name: 'faults',
          environment: 'node',
          include: ['packages/*/test/faults/**/*.faults.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
