import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledLocales, loadStrings } from './load-strings';
import { ar } from './locales/ar';
import { de } from './locales/de';
import { es } from './locales/es';
import { fr } from './locales/fr';
import { he } from './locales/he';
import { it as italian } from './locales/it';
import { ja } from './locales/ja';
import { ptBR } from './locales/pt-BR';
import { ru } from './locales/ru';
import { zhCN } from './locales/zh-CN';
import { type BanterStrings, defaultStrings } from './strings';

const bundles: Record<string, BanterStrings> = {
  ar,
  de,
  es,
  fr,
  he,
  it: italian,
  ja,
  'pt-BR': ptBR,
  ru,
  'zh-CN': zhCN,
};
const translations = Object.entries(bundles);

/** A number as the bundle shows it (Arabic may use its own digits, French a thin space). */
const num = (locale: string, count: number) => new Intl.NumberFormat(locale).format(count);

/** Every key, recursively, with what it holds: a string, a nested object, or a function and its arity. */
function shape(value: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, v]) => [
        key,
        typeof v === 'function'
          ? `function/${v.length}`
          : typeof v === 'object' && v !== null
            ? shape(v)
            : typeof v,
      ]),
  );
}

/** Every string leaf, by dotted key. */
function leaves(value: object, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, v]): [string, string][] =>
    typeof v === 'string'
      ? [[`${prefix}${key}`, v]]
      : typeof v === 'object' && v !== null
        ? leaves(v, `${prefix}${key}.`)
        : [],
  );
}

/** The functions that take a count, each called so the count is the one under test. */
const counted: [string, (s: BanterStrings, count: number, locale: string) => string][] = [
  ['newMessages', (s, n, l) => s.newMessages(n, l)],
  ['queued', (s, n, l) => s.queued(n, l)],
  ['unread', (s, n, l) => s.unread(n, l)],
  ['participants', (s, n, l) => s.participants(n, l)],
  ['reactionSummary', (s, n, l) => s.reactionSummary('👍', n, '', l)],
  ['reactedBy', (s, n, l) => (n === 0 ? '' : s.reactedBy(['Zoë'], n, l))],
];

/** Where a language writes the number out as a word ("رسالتان", "הודעה אחת"), not as digits. */
const spelledOut: Record<string, Intl.LDMLPluralRule[]> = {
  ar: ['zero', 'one', 'two'],
  he: ['one'],
};

describe('the shipped translations', () => {
  it('lists every bundle in the locales folder, and loads each one by its tag', async () => {
    const files = readdirSync(new URL('./locales', import.meta.url))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => file.replace(/\.ts$/, ''));
    expect([...bundledLocales].sort()).toEqual(['en', ...files].sort());
    expect(Object.keys(bundles).sort()).toEqual(files.sort());
    for (const [locale, strings] of translations) expect(await loadStrings(locale)).toBe(strings);
    expect(await loadStrings('en')).toBe(defaultStrings);
  });

  it('publishes each bundle as @banter/react/locales/<tag>, ESM and CJS with types', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    for (const locale of Object.keys(bundles)) {
      expect(manifest.exports[`./locales/${locale}`], locale).toEqual({
        import: { types: `./dist/locales/${locale}.d.ts`, default: `./dist/locales/${locale}.js` },
        require: {
          types: `./dist/locales/${locale}.d.cts`,
          default: `./dist/locales/${locale}.cjs`,
        },
      });
    }
  });

  it.each(translations)(
    '%s has exactly the English keys, each holding the same kind of value',
    (_, strings) => {
      expect(shape(strings)).toEqual(shape(defaultStrings));
    },
  );

  it.each(translations)(
    '%s is translated: no empty strings, and most differ from English',
    (_, strings) => {
      const english = new Map(leaves(defaultStrings));
      const own = leaves(strings);
      for (const [key, text] of own) expect(text.trim(), key).not.toBe('');
      const same = own.filter(([key, text]) => english.get(key) === text);
      expect(same.length / own.length).toBeLessThan(0.15);
    },
  );

  it.each(translations)('%s keeps every placeholder', (locale, s) => {
    const contains = (text: string, ...parts: string[]) => {
      expect(text).not.toMatch(/undefined|NaN|\[object/);
      for (const part of parts) expect(text).toContain(part);
    };
    contains(s.characterCount(3_980, 4_000), '3980', '4000');
    contains(s.failed('server said no'), 'server said no');
    contains(s.lastSeen('WHEN'), 'WHEN');
    contains(s.image('beach.jpg'), 'beach.jpg');
    contains(s.image(''));
    expect(s.image('')).not.toBe('');
    contains(s.startConversation('Zoë'), 'Zoë');
    contains(s.replyingTo('Zoë'), 'Zoë');
    contains(s.reactWith('👍'), '👍');
    expect(s.emojiChoice('thumbs up', false)).toBe('thumbs up');
    contains(s.emojiChoice('thumbs up', true), 'thumbs up');
    expect(s.emojiChoice('thumbs up', true)).not.toBe('thumbs up');
    contains(s.quoteLabel('Zoë', 'see you at 5'), 'Zoë', 'see you at 5');
    contains(s.quoteLabel('', 'see you at 5'), 'see you at 5');
    expect(s.typing([], locale)).toBe('');
    contains(s.typing(['Zoë'], locale), 'Zoë');
    contains(s.typing(['Zoë', 'Yann'], locale), 'Zoë', 'Yann');
    contains(s.typing(['Zoë', 'Yann', 'Xu'], locale), 'Zoë', 'Yann', 'Xu');
    contains(s.typing(['Zoë', 'Yann', 'Xu', 'Wim', 'Vic'], locale), num(locale, 5));
    contains(s.reactionSummary('👍', 3, 'Zoë, Yann', locale), '👍', num(locale, 3), 'Zoë, Yann');
    expect(s.reactedBy([], 0, locale)).toBe('');
    contains(s.reactedBy(['Zoë'], 0, locale), 'Zoë');
    contains(s.reactedBy(['Zoë', 'Yann'], 3, locale), 'Zoë', 'Yann', num(locale, 3));
  });

  it.each(translations)('%s shows the count in every plural form that uses digits', (locale, s) => {
    const rules = new Intl.PluralRules(locale);
    for (const [key, call] of counted) {
      for (const count of [0, 1, 2, 3, 5, 11, 21, 100, 1_000, 1_001]) {
        if (key === 'reactedBy' && count === 0) continue;
        const text = call(s, count, locale);
        expect(text, `${key}(${count})`).not.toMatch(/undefined|NaN/);
        if (spelledOut[locale]?.includes(rules.select(count))) continue;
        expect(text, `${key}(${count})`).toContain(num(locale, count));
      }
    }
  });
});

describe('plural forms', () => {
  // "#" stands for the count in the locale's digits; counts 0, 1, 2, 3, 11, 100.
  const samples = [0, 1, 2, 3, 11, 100];
  const newMessages: Record<string, string[]> = {
    de: ['# neue Nachrichten', '# neue Nachricht', ...Array(4).fill('# neue Nachrichten')],
    es: ['# mensajes nuevos', '# mensaje nuevo', ...Array(4).fill('# mensajes nuevos')],
    fr: ['# nouveau message', '# nouveau message', ...Array(4).fill('# nouveaux messages')],
    he: ['# הודעות חדשות', 'הודעה חדשה אחת', ...Array(4).fill('# הודעות חדשות')],
    it: ['# nuovi messaggi', '# nuovo messaggio', ...Array(4).fill('# nuovi messaggi')],
    ja: Array(6).fill('#件の新着メッセージ'),
    'pt-BR': ['# mensagem nova', '# mensagem nova', ...Array(4).fill('# mensagens novas')],
    ru: [
      '# новых сообщений',
      '# новое сообщение',
      '# новых сообщения',
      '# новых сообщения',
      '# новых сообщений',
      '# новых сообщений',
    ],
    'zh-CN': Array(6).fill('# 条新消息'),
  };
  it.each(Object.entries(newMessages))(
    '%s: new messages for 0, 1, 2, 3, 11 and 100',
    (locale, expected) => {
      const strings = bundles[locale] as BanterStrings;
      expect(samples.map((n) => strings.newMessages(n, locale))).toEqual(
        expected.map((text, i) => text.replace('#', num(locale, samples[i] as number))),
      );
    },
  );

  it('Arabic has a form for each of its six categories (0, 1, 2, 3–10, 11–99, 100+)', () => {
    const counts = [0, 1, 2, 3, 11, 100];
    expect(counts.map((n) => new Intl.PluralRules('ar').select(n))).toEqual([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ]);
    const withCount = (forms: string[]) =>
      forms.map((form, i) => form.replace('#', num('ar', counts[i] as number)));
    expect(counts.map((n) => ar.newMessages(n, 'ar'))).toEqual(
      withCount([
        'لا رسائل جديدة',
        'رسالة جديدة واحدة',
        'رسالتان جديدتان',
        '# رسائل جديدة',
        '# رسالة جديدة',
        '# رسالة جديدة',
      ]),
    );
    expect(counts.map((n) => ar.participants(n, 'ar'))).toEqual(
      withCount(['لا مشاركين', 'مشارك واحد', 'مشاركان', '# مشاركين', '# مشاركًا', '# مشارك']),
    );
    expect(counts.map((n) => ar.reactionSummary('👍', n, '', 'ar'))).toEqual(
      withCount([
        '👍 لا تفاعلات',
        '👍 تفاعل واحد',
        '👍 تفاعلان',
        '👍 # تفاعلات',
        '👍 # تفاعلًا',
        '👍 # تفاعل',
      ]),
    );
    expect(ar.typing(['سارة', 'ليلى'], 'ar')).toBe('سارة وليلى يكتبان…');
  });

  it('Russian agrees with 1, 2–4 and 5–20, then again from 21', () => {
    expect([1, 3, 5, 11, 21, 22, 25, 100].map((n) => ru.participants(n, 'ru'))).toEqual([
      '1 участник',
      '3 участника',
      '5 участников',
      '11 участников',
      '21 участник',
      '22 участника',
      '25 участников',
      '100 участников',
    ]);
    expect(ru.typing(['А', 'Б', 'В', 'Г'], 'ru')).toBe('Печатают 4 человека…');
    expect(ru.typing(['А', 'Б', 'В', 'Г', 'Д'], 'ru')).toBe('Печатают 5 человек…');
  });

  it('Hebrew spells out one and counts from two', () => {
    expect([1, 2, 3].map((n) => he.unread(n, 'he'))).toEqual([
      'הודעה אחת שלא נקראה',
      '2 הודעות שלא נקראו',
      '3 הודעות שלא נקראו',
    ]);
  });

  it('follows the reader’s regional rules when they differ (pt-PT: zero is plural)', () => {
    expect(ptBR.newMessages(0, 'pt-BR')).toBe('0 mensagem nova');
    expect(ptBR.newMessages(0, 'pt-PT')).toBe('0 mensagens novas');
  });

  it('keeps its own language’s rules under a locale of another language', () => {
    expect(ar.newMessages(2, 'en')).toBe('رسالتان جديدتان');
    expect(ru.participants(3, 'en')).toBe('3 участника');
  });
});
