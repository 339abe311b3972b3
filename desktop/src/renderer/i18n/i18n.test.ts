import { describe, expect, it } from 'vitest';
import { en } from './en';
import { dictionaries, initialLocale, translator } from './i18n';
import { ru } from './ru';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const other = ru[key as keyof typeof en];
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('actually translates (Russian strings are not English copies)', () => {
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === ru[k as keyof typeof en]);
    expect(same.length / Object.keys(en).length).toBeLessThan(0.05);
  });

  it('substitutes placeholders and picks a sensible first language', () => {
    expect(translator('ru')('leads.count', { n: 3 })).toBe('Лидов: 3');
    expect(translator('en')('sync.offline', { n: 2 })).toBe('Offline — 2 changes pending');
    expect(translator('en')('leads.count')).toBe('{n} leads');
    expect(initialLocale(null, 'ru-RU')).toBe('ru');
    expect(initialLocale('en', 'ru-RU')).toBe('en');
    expect(initialLocale('xx', undefined)).toBe('en');
    expect(Object.keys(dictionaries)).toEqual(['en', 'ru']);
  });
});
