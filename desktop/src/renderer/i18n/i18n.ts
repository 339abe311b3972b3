// A small typed i18n: two complete dictionaries, `t(key, vars)` with {placeholder} substitution.
import { createContext, useContext } from 'react';
import { formatter, type Formatter } from '../lib/format';
import { en, type MessageKey } from './en';
import { ru } from './ru';

export type Locale = 'en' | 'ru';
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ru };
export const locales: readonly Locale[] = ['en', 'ru'];

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const text = dict[key] ?? en[key] ?? key;
    return vars
      ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
      : text;
  };
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
