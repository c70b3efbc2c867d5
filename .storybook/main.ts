import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../packages/react/src/**/*.mdx', '../packages/react/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  // msw's service worker (mockServiceWorker.js) and the fixture images are served from here.
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      // Storybook reads the packages from source, like the tests: no build needed.
      resolve: {
        alias: {
          '@banter/core/protocol': source('../packages/core/src/protocol/index.ts'),
          '@banter/core/testing': source('../packages/core/src/testing/index.ts'),
          '@banter/core': source('../packages/core/src/index.ts'),
          '@banter/react': source('../packages/react/src/index.ts'),
        },
      },
    });
  },
};

export default config;
