import { describe, expect, it } from 'vitest';
import { en } from './en';
import {
  compiledMessage,
  dictionaries,
  initialLocale,
  locales,
  messageArguments,
  translator,
  type MessageKey,
} from './i18n';
import { ru } from './ru';

const keys = Object.keys(en) as MessageKey[];

/** A value for each argument: 5 where a number is wanted (plurals, `number`), else a marked word. */
function samples(key: MessageKey): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const locale of locales)
    for (const [name, kind] of messageArguments(locale, key))
      values[name] = kind === 'number' || kind === 'plural' || values[name] === 5 ? 5 : `‹${name}›`;
  return values;
}

describe('i18n', () => {
  it('has every key in both languages, non-empty, with the same arguments', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const key of keys) {
      expect(en[key].trim(), key).not.toBe('');
      expect(ru[key].trim(), key).not.toBe('');
      expect([...messageArguments('ru', key).keys()].sort(), key).toEqual(
        [...messageArguments('en', key).keys()].sort(),
      );
    }
  });

  it('actually translates (Russian strings are not English copies)', () => {
    const same = keys.filter((k) => en[k] === ru[k]);
    expect(same.length / keys.length).toBeLessThan(0.05);
  });

  it('parses every message as ICU and formats it with sample values in both languages', () => {
    const failed: string[] = [];
    for (const locale of locales)
      for (const key of keys) {
        try {
          const text = String(compiledMessage(locale, key).format(samples(key)));
          // Every argument shows up: a value quoted away by a stray apostrophe (`'{name}'`) would not.
          for (const [name, value] of Object.entries(samples(key)))
            if (typeof value === 'string' && !text.includes(value))
              failed.push(`${locale} ${key}: no ${name}`);
        } catch (e) {
          failed.push(`${locale} ${key}: ${String(e)}`);
        }
      }
    expect(failed).toEqual([]);
  });

  it('keeps apostrophes and braces meant as text (ICU quotes only before { } #)', () => {
    const lost: string[] = [];
    for (const locale of locales)
      for (const key of keys) {
        const source = dictionaries[locale][key];
        const text = String(compiledMessage(locale, key).format(samples(key)));
        // "the team's models": an apostrophe between letters is text and must reach the screen.
        for (const [word] of source.matchAll(/\p{L}'\p{L}/gu))
          if (!text.includes(word)) lost.push(`${locale} ${key}: ${word}`);
      }
    expect(lost).toEqual([]);
    // `'{{name}}'` writes the template placeholders of the stage notifications as they are.
    expect(translator('en')('notify.hint')).toContain('{{name}}, {{deal}}, {{stage}}, {{company}}');
    expect(translator('ru')('notify.hint')).toContain('{{name}}, {{deal}}, {{stage}}, {{company}}');
  });

  it('writes Russian plurals by CLDR (one, few, many) and English ones, with numbers in the language', () => {
    const ruT = translator('ru');
    const enT = translator('en');
    expect([1, 2, 5, 21, 0, 11, 112].map((n) => ruT('leads.count', { n }))).toEqual([
      '1 сделка',
      '2 сделки',
      '5 сделок',
      '21 сделка',
      '0 сделок',
      '11 сделок',
      '112 сделок',
    ]);
    expect(ruT('leads.count', { n: 1.5 })).toBe('1,5 сделки');
    expect(ruT('leads.count', { n: 12_345 })).toBe('12\u00a0345 сделок');
    expect([1, 2, 12_345].map((n) => enT('leads.count', { n }))).toEqual([
      '1 deal',
      '2 deals',
      '12,345 deals',
    ]);
    expect([1, 3, 5].map((n) => ruT('sync.offline', { n }))).toEqual([
      'Нет сети — 1 изменение ждёт отправки',
      'Нет сети — 3 изменения ждут отправки',
      'Нет сети — 5 изменений ждут отправки',
    ]);
    expect(enT('sync.offline', { n: 1 })).toBe('Offline — 1 change pending');
    expect(enT('sync.offline', { n: 2 })).toBe('Offline — 2 changes pending');
  });

  it('shows the message itself when a value is missing, and picks a sensible first language', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      expect(translator('en')('tasks.you')).toBe('{name} (you)');
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(initialLocale(null, 'ru-RU')).toBe('ru');
    expect(initialLocale('en', 'ru-RU')).toBe('en');
    expect(initialLocale('xx', undefined)).toBe('en');
    expect(Object.keys(dictionaries)).toEqual(['en', 'ru']);
  });

  it('compiles a message once per language', () => {
    expect(compiledMessage('ru', 'leads.count')).toBe(compiledMessage('ru', 'leads.count'));
    expect(compiledMessage('en', 'leads.count')).not.toBe(compiledMessage('ru', 'leads.count'));
  });
});
