/** Scripts written right to left (ISO 15924), among those a language's likely script can be. */
const rightToLeft = new Set([
  'Arab',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
]);

/**
 * The text direction of a BCP 47 locale, for the page's or the chat's `dir`:
 * `rtl` for Arabic, Hebrew, Persian, Urdu… and for tags that name such a script
 * (`pa-Arab`); `ltr` otherwise, and for tags that are not valid.
 *
 * @example
 * <div dir={directionOf(locale)} lang={locale}><ChatWidget /></div>
 */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  try {
    const script = new Intl.Locale(locale).maximize().script;
    return script !== undefined && rightToLeft.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
