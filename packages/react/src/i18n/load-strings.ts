import { type BanterStrings, defaultStrings } from './strings';

/** The languages Banter ships, as BCP 47 tags. English is built in; the rest load on demand. */
export const bundledLocales = [
  'en',
  'ar',
  'de',
  'es',
  'fr',
  'he',
  'it',
  'ja',
  'pt-BR',
  'ru',
  'zh-CN',
] as const;

/** A language Banter ships: one of `bundledLocales`. */
export type BundledLocale = (typeof bundledLocales)[number];

// One dynamic import per language, so a bundler makes each its own chunk and a
// page downloads only the one it asks for.
const bundles: Record<Exclude<BundledLocale, 'en'>, () => Promise<BanterStrings>> = {
  ar: () => import('./locales/ar').then((m) => m.ar),
  de: () => import('./locales/de').then((m) => m.de),
  es: () => import('./locales/es').then((m) => m.es),
  fr: () => import('./locales/fr').then((m) => m.fr),
  he: () => import('./locales/he').then((m) => m.he),
  it: () => import('./locales/it').then((m) => m.it),
  ja: () => import('./locales/ja').then((m) => m.ja),
  'pt-BR': () => import('./locales/pt-BR').then((m) => m.ptBR),
  ru: () => import('./locales/ru').then((m) => m.ru),
  'zh-CN': () => import('./locales/zh-CN').then((m) => m.zhCN),
};

/**
 * The shipped language that suits the reader: the first requested tag whose
 * language and script match a bundle's (`pt-PT` → `pt-BR`, `de-AT` → `de`,
 * `zh-SG` → `zh-CN`), or `undefined`. Traditional Chinese (`zh-TW`, `zh-HK`,
 * `zh-Hant`) does not match `zh-CN`: pass a list such as `navigator.languages`
 * and the reader's next choice is tried.
 */
export function matchLocale(requested: string | readonly string[]): BundledLocale | undefined {
  for (const tag of typeof requested === 'string' ? [requested] : requested) {
    const wanted = likely(tag);
    if (wanted === undefined) continue;
    const found = bundledLocales.find((bundled) => {
      const offered = likely(bundled);
      return offered?.language === wanted.language && offered.script === wanted.script;
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * The strings for the reader's language, downloaded on demand; English when no
 * shipped language matches (see `matchLocale`). Keep passing the reader's own
 * tag as `locale`, so dates and numbers follow their region.
 *
 * @example
 * const strings = await loadStrings(navigator.languages);
 * <ChatProvider client={client} locale={navigator.language} strings={strings}>…
 */
export async function loadStrings(requested: string | readonly string[]): Promise<BanterStrings> {
  const locale = matchLocale(requested);
  return locale === undefined || locale === 'en' ? defaultStrings : bundles[locale]();
}

function likely(tag: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
}
