/** The words for each plural category a language uses; `other` is the fallback. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A plural picker for one language's bundle. The category comes from the
 * reader's locale when it is the same language (pt-PT counts 0 as plural, pt-BR
 * as singular), else from the bundle's own (Arabic forms under `en` rules would
 * never reach "two" or "few").
 */
export function pluralsFor(language: string) {
  return (locale: string, count: number, forms: PluralForms): string => {
    const rules = sameLanguage(locale, language) ? locale : language;
    return forms[new Intl.PluralRules(rules).select(count)] ?? forms.other;
  };
}

/** A number in the reader's digits (Arabic-Indic for `ar`, Latin for `ar-MA`). */
export function formatCount(locale: string, count: number): string {
  return new Intl.NumberFormat(locale).format(count);
}

function sameLanguage(a: string, b: string): boolean {
  try {
    return new Intl.Locale(a).language === new Intl.Locale(b).language;
  } catch {
    return false;
  }
}
