import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Each translation is an entry of its own (`@banter/react/locales/fr`), and the
// chunk `loadStrings` imports on demand: a page downloads only its language.
const locales = readdirSync(new URL('./src/i18n/locales', import.meta.url))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -'.ts'.length));

/**
 * Builds @banter/react as ESM + CJS with declarations. React and @banter/core
 * stay external (peer and dependency). The stylesheet is bundled separately
 * by esbuild (see the build script) into dist/banter.css.
 */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(
      locales.map((locale) => [`locales/${locale}`, `src/i18n/locales/${locale}.ts`]),
    ),
  },
  format: ['esm', 'cjs'],
  target: 'es2022',
  tsconfig: '../../tsconfig.build.json',
  dts: true,
  splitting: true,
  clean: true,
  sourcemap: false,
  minify: false,
  // Keeps 'use client' at the top of the bundle for React Server Components frameworks.
  banner: { js: "'use client';" },
  // Translations as written, not as \u escapes: Arabic and Russian would double in size.
  esbuildOptions(options) {
    options.charset = 'utf8';
  },
});
