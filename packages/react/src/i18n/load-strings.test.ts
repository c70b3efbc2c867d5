import { describe, expect, it } from 'vitest';
import { directionOf } from './direction';
import { bundledLocales, loadStrings, matchLocale } from './load-strings';
import { defaultStrings } from './strings';

describe('matchLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['de-AT', 'de'],
    ['es-419', 'es'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['zh', 'zh-CN'],
    ['zh-Hans-SG', 'zh-CN'],
    ['ar-EG', 'ar'],
    ['iw', 'he'],
    ['EN-gb', 'en'],
    ['ja-JP', 'ja'],
  ])('finds a bundle for %s: %s', (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });

  it('never answers Traditional Chinese with Simplified, and tries the reader’s next language', () => {
    expect(matchLocale('zh-TW')).toBeUndefined();
    expect(matchLocale('zh-Hant')).toBeUndefined();
    expect(matchLocale(['zh-HK', 'zh'])).toBe('zh-CN');
    expect(matchLocale(['zh-TW', 'en-US'])).toBe('en');
  });

  it('takes the first language it ships from a list, and nothing for the rest', () => {
    expect(matchLocale(['nl-NL', 'fr-BE', 'de'])).toBe('fr');
    expect(matchLocale(['nl', 'sv'])).toBeUndefined();
    expect(matchLocale(['not a tag', 'it'])).toBe('it');
    expect(matchLocale([])).toBeUndefined();
  });
});

describe('loadStrings', () => {
  it('falls back to English for a language it does not ship', async () => {
    expect(await loadStrings('nl')).toBe(defaultStrings);
    expect(await loadStrings('')).toBe(defaultStrings);
  });

  it('loads the matching bundle', async () => {
    expect((await loadStrings(['nl', 'de-CH'])).send).toBe('Senden');
  });
});

describe('directionOf', () => {
  it('is rtl for Arabic and Hebrew and only for them among the shipped languages', () => {
    expect(bundledLocales.filter((locale) => directionOf(locale) === 'rtl')).toEqual(['ar', 'he']);
  });

  it.each(['ar-MA', 'fa', 'ur', 'iw', 'yi', 'pa-Arab', 'ckb'])('%s is rtl', (tag) => {
    expect(directionOf(tag)).toBe('rtl');
  });

  it.each(['en', 'ja', 'zh-TW', 'ar-Latn', 'pa', '', 'not a tag'])('"%s" is ltr', (tag) => {
    expect(directionOf(tag)).toBe('ltr');
  });
});
