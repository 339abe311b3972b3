// The UI's i18n: two complete typed dictionaries of ICU MessageFormat strings (FormatJS's
// intl-messageformat), read through `t(key, vars)`. A message is compiled once per language, on first
// use, and cached: the table screens call `t` per cell, and parsing on every call would cost more than
// the rendering. Plural forms (`{n, plural, one {# лид} few {# лида} many {# лидов} other {# лида}}`)
// follow the language's CLDR rules, and `#` and `{n, number}` write numbers the language's way
// (`1 000` in Russian, `1,000` in English).
import { createContext, useContext } from 'react';
import { IntlMessageFormat } from 'intl-messageformat';
import { formatter, type Formatter, type Locale } from '../lib/format';
import { en, type MessageKey } from './en';
import { ru } from './ru';

export type { Locale } from '../lib/format';
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ru };
export const locales: readonly Locale[] = ['en', 'ru'];

/**
 * `t(key, vars)`; `locale` says its language to helpers that name stored data (a pack's pipeline and
 * stages, data/pipelines.ts) and are handed `t` alone.
 */
export type Translate = ((key: MessageKey, vars?: Record<string, string | number>) => string) & {
  readonly locale?: Locale;
};

/** The language `t` translates into (English for a bare function). */
export const localeOf = (t: Translate): Locale => t.locale ?? 'en';

const compiled: Record<Locale, Map<string, IntlMessageFormat>> = { en: new Map(), ru: new Map() };

/**
 * One Intl formatter per language and options for all messages: by default each compiled message
 * makes its own NumberFormat and PluralRules on first use, hundreds of them over a session.
 */
function shared<F>(make: (locales?: string | string[], options?: object) => F) {
  const made = new Map<string, F>();
  return (locales?: string | string[], options?: object): F => {
    const key = JSON.stringify([locales, options]);
    let f = made.get(key);
    if (!f) made.set(key, (f = make(locales, options)));
    return f;
  };
}
const formatters = {
  getNumberFormat: shared((l, o) => new Intl.NumberFormat(l, o)),
  getDateTimeFormat: shared((l, o) => new Intl.DateTimeFormat(l, o)),
  getPluralRules: shared((l, o) => new Intl.PluralRules(l, o)),
};

/**
 * The compiled message of `key` in `locale`. `ignoreTag` keeps `<` and `>` literal: the texts are
 * plain text (React escapes them), not rich-text markup.
 */
export function compiledMessage(locale: Locale, key: MessageKey): IntlMessageFormat {
  const cache = compiled[locale];
  let message = cache.get(key);
  if (!message) {
    message = new IntlMessageFormat(dictionaries[locale][key] ?? en[key] ?? key, locale, undefined, {
      ignoreTag: true,
      formatters,
    });
    cache.set(key, message);
  }
  return message;
}

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** The kinds of ICU arguments, by the element type numbers of FormatJS's parser (its `TYPE` enum). */
const argumentKinds = { 1: 'text', 2: 'number', 3: 'date', 4: 'time', 5: 'select', 6: 'plural' } as const;
export type ArgumentKind = (typeof argumentKinds)[keyof typeof argumentKinds];

/** The arguments of a message with the kind of each (those inside plural and select branches too). */
export function messageArguments(locale: Locale, key: MessageKey): Map<string, ArgumentKind> {
  const found = new Map<string, ArgumentKind>();
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      const kind = argumentKinds[el.type as keyof typeof argumentKinds];
      if (kind && 'value' in el && typeof el.value === 'string' && !found.has(el.value))
        found.set(el.value, kind);
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(compiledMessage(locale, key).getAst());
  return found;
}

export function translator(locale: Locale): Translate {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => {
    try {
      return String(compiledMessage(locale, key).format(vars));
    } catch (e) {
      // A missing value, or a text where a plural needs a number, is a caller's bug: the message's own
      // text (with its `{placeholders}`) shows it on screen instead of a blank, and the console says why.
      console.error(`i18n: cannot format "${key}" (${locale}):`, e);
      return dictionaries[locale][key] ?? key;
    }
  };
  return Object.assign(t, { locale });
}

export function initialLocale(stored: string | null, browserLanguage: string | undefined): Locale {
  if (stored === 'en' || stored === 'ru') return stored;
  return browserLanguage?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export type I18n = { locale: Locale; t: Translate; setLocale(l: Locale): void };
export const I18nContext = createContext<I18n>({
  locale: 'en',
  t: translator('en'),
  setLocale: () => undefined,
});
export const useI18n = () => useContext(I18nContext);
/** Dates, times and amounts in the UI's language (lib/format.ts). */
export const useFormat = (): Formatter => formatter(useContext(I18nContext).locale);

export type { MessageKey };
