// The CSV pieces without a server: decoding, parsing, header mapping, row checks, writing.
import { describe, expect, it } from 'vitest';
import { isDomainError } from '@app/shared/errors';
import { defaultPipeline, type PipelineDoc } from '@app/shared/schemas';
import { regionCurrency } from '../store/team-currency';
import { mapColumns, rowValues } from './columns';
import { decodeText } from './decode-text';
import { parseTable } from './parse-table';
import { phoneKey, rowFields } from './row-fields';
import { csvLine } from './write-csv';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.code : 'other';
  }
};

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, UTF-16 with BOM and Windows-1251', () => {
    expect(decodeText(Buffer.from('\uFEFFИмя', 'utf8'))).toBe('Имя');
    expect(decodeText(Buffer.from('Имя', 'utf8'))).toBe('Имя');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Имя\tТел', 'utf16le')]))).toBe(
      'Имя\tТел',
    );
    expect(decodeText(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]))).toBe('Привет');
  });

  it('refuses empty and binary data', () => {
    expect(codeOf(() => decodeText(Buffer.alloc(0)))).toBe('file-empty');
    expect(codeOf(() => decodeText(Buffer.from(' \r\n\t')))).toBe('file-empty');
    expect(codeOf(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])))).toBe(
      'unsupported-file',
    );
    expect(codeOf(() => decodeText(Buffer.from([0x98, 0x99, 0x9a])))).toBe('unsupported-file');
  });
});

describe('parseTable', () => {
  it('detects the separator and keeps record numbers past blank rows', () => {
    const t = parseTable('a;b\n1;"x;y"\n\n;\n2;"multi\nline"\n');
    expect(t.delimiter).toBe(';');
    expect(t.rows).toEqual([
      { row: 2, cells: ['1', 'x;y'] },
      { row: 5, cells: ['2', 'multi\nline'] },
    ]);
    expect(parseTable('a\tb\n1\t2\n').delimiter).toBe('\t');
  });

  it('refuses headers without rows and unclosed quotes', () => {
    expect(codeOf(() => parseTable('name,email\n'))).toBe('file-empty');
    expect(codeOf(() => parseTable('name\n"open\n'))).toBe('file-unreadable');
    expect(codeOf(() => parseTable('name\n' + 'x\n'.repeat(10_001)))).toBe('file-too-large');
  });
});

describe('columns and rows', () => {
  it('maps Russian and English headers in any case and spelling', () => {
    const map = mapColumns([
      'ФИО',
      'Телефон',
      'E-Mail',
      'Компания',
      'Должность',
      'Telegram ID',
      'Этап',
      'Сумма',
      'Валюта',
      'Лишнее',
    ]);
    expect(Object.fromEntries([...map.fields].map(([f, i]) => [f, i]))).toEqual({
      name: 0,
      phone: 1,
      email: 2,
      company: 3,
      position: 4,
      telegram: 5,
      stage: 6,
      amount: 7,
      currency: 8,
    });
    expect(map.ignored).toEqual(['Лишнее']);
    const row = rowValues(map, [
      '  Анна ',
      '8 999 123-45-67',
      'A@B.RU',
      '',
      '',
      '@anna_p',
      'Выиграна',
      '1 000,50',
      'usd',
    ]);
    const fields = rowFields(row);
    expect(fields).toEqual({
      ok: true,
      fields: {
        contact: { name: 'Анна', phone: '+79991234567', email: 'a@b.ru', telegramUsername: 'anna_p' },
        lead: { title: 'Анна', pipelineId: 'default', stage: 'won', amount: 1000.5, currency: 'USD' },
      },
    });
  });

  it('combines first and last names and reports every bad field of a row', () => {
    expect(rowFields({ firstName: 'Ivan', lastName: 'Petrov' })).toMatchObject({
      ok: true,
      fields: { contact: { name: 'Ivan Petrov' } },
    });
    const bad = rowFields({
      name: 'X',
      email: 'nope',
      phone: '12',
      telegram: 'a b',
      language: 'fr',
      optOut: 'maybe',
      stage: 'later',
      amount: 'lots',
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reasons.map((r) => r.split(':')[0])).toEqual([
      'email',
      'phone',
      'telegram',
      'language',
      'optOut',
      'stage',
      'amount',
    ]);
  });

  it('reads phones by their digits, 8 as +7', () => {
    expect(phoneKey('+7 (999) 123-45-67')).toBe(phoneKey('89991234567'));
    expect(phoneKey('+44 20 7946 0958')).toBe('442079460958');
    // A national number without the trunk 8 is the same number (issue 60), in the team's region.
    expect(phoneKey('(915) 123-45-67')).toBe(phoneKey('+79151234567'));
    expect(phoneKey('020 7946 0958', 'GB')).toBe('442079460958');
  });

  it('stores a valid phone in E.164, a national one read in the team region', () => {
    const phoneOf = (phone: string, region?: string) => {
      const r = rowFields({ name: 'A', phone }, undefined, region);
      return r.ok ? r.fields.contact.phone : undefined;
    };
    expect(phoneOf('8 (915) 123-45-67')).toBe('+79151234567');
    expect(phoneOf('(915) 123-45-67')).toBe('+79151234567');
    expect(phoneOf('020 7946 0958', 'GB')).toBe('+442079460958');
  });
});

describe("an amount with no currency is in the team's own (issue 64 item 4)", () => {
  const amountOf = (row: Record<string, string>, pipelines?: PipelineDoc[], own?: string) => {
    const r = rowFields({ name: 'A', ...row }, pipelines, undefined, own);
    return r.ok ? r.fields.lead : undefined;
  };
  it('"Сумма 240000" in a Russian team is roubles, with the built-in pipeline', () => {
    expect(amountOf({ amount: '240000' }, undefined, 'RUB')).toMatchObject({
      amount: 240000,
      currency: 'RUB',
    });
    expect(amountOf({ amount: '240000' }, undefined, 'USD')).toMatchObject({ currency: 'USD' });
    // The symbol and the row's own currency win.
    expect(amountOf({ amount: '240 000 $' }, undefined, 'RUB')).toMatchObject({ currency: 'USD' });
    expect(amountOf({ amount: '240000', currency: 'EUR' }, undefined, 'RUB')).toMatchObject({
      currency: 'EUR',
    });
  });
  it("a pipeline the team set up keeps its currencies: the team's when it takes it, else its first", () => {
    const stored = { ...defaultPipeline('2026-01-01T00:00:00.000Z', ['USD', 'RUB']) };
    expect(amountOf({ amount: '5' }, [stored], 'RUB')).toMatchObject({ currency: 'RUB' });
    const dollars = { ...defaultPipeline('2026-01-01T00:00:00.000Z', ['USD']) };
    expect(amountOf({ amount: '5' }, [dollars], 'RUB')).toMatchObject({ currency: 'USD' });
    expect(regionCurrency('ru')).toBe('RUB');
    expect(regionCurrency('DE')).toBe('EUR');
    expect(regionCurrency('ZZ')).toBeUndefined();
  });
});

describe('csvLine', () => {
  it('quotes what needs quoting and guards formulas but not phone numbers', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', ' pad', undefined, 3, ['x', 'y']], ',')).toBe(
      'a,"b,c","say ""hi""","two\nlines"," pad",,3,"x, y"\r\n',
    );
    expect(csvLine(['=SUM(A1)', '+79991234567', '-5', '@cmd', '-x'], ';')).toBe(
      "'=SUM(A1);+79991234567;-5;'@cmd;'-x\r\n",
    );
    expect(csvLine(['a;b', 'a,b'], ';')).toBe('"a;b";a,b\r\n');
  });
});
