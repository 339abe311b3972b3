import { describe, expect, it } from 'vitest';
import { validateDoc } from '@app/shared/validation';
import { csvRecords, detectDelimiter, escapeCell, parseCsv, toCsv } from './csv';
import { planLeadImport } from './lead-import';
import { defaultPipeline } from '@app/shared/schemas';

describe('csv', () => {
  it('parses quotes, escaped quotes, newlines in fields, CRLF and a BOM', () => {
    const text = '\ufeffname,note\r\n"Doe, John","said ""hi""\nthen left"\r\nAnna,ok\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'note'],
      ['Doe, John', 'said "hi"\nthen left'],
      ['Anna', 'ok'],
    ]);
  });

  it('detects ; and tab delimiters', () => {
    expect(detectDelimiter('имя;почта\nА;б')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(parseCsv('a;"b;c"\n1;2')).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
  });

  it('round-trips and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', '=1+1'],
        ['line\nbreak', null],
      ],
    );
    expect(parseCsv(csv)).toEqual([
      ['a', 'b'],
      ['x,y', "'=1+1"],
      ['line\nbreak', ''],
    ]);
    expect(escapeCell('@cmd')).toBe("'@cmd");
    expect(
      csvRecords([
        ['Name ', 'EMAIL'],
        ['A', 'a@x.io'],
      ]).records,
    ).toEqual([{ name: 'A', email: 'a@x.io' }]);
  });
});

describe('lead import', () => {
  const csv = [
    'name,company,email,phone,telegram,stage,amount,currency,tags',
    'Анна,Ромашка,anna@romashka.example,+7 999 123-45-67,100200300,qualified,500000,RUB,b2b;vip',
    ',NoName Inc,x@y.io,,,new,,,',
    'Bob,Acme,not-an-email,,,new,,,',
    'Carl,Acme,carl@acme.io,,,maybe,,,',
    'Dina,Acme,dina@acme.io,,,won,-5,,',
    'Eve,Acme,ANNA@romashka.example,,,new,,,',
    'Finn,,finn@x.io,,@finn_x,,"1 200,50",usd,',
  ].join('\n');

  it('imports the good rows and reports every bad row with its line and reason', () => {
    const plan = planLeadImport(csv, '2026-03-01T00:00:00.000Z');
    expect(plan.total).toBe(7);
    expect(plan.leads).toHaveLength(2);
    expect(plan.errors).toEqual([
      { row: 3, error: 'name is required' },
      { row: 4, error: 'invalid e-mail "not-an-email"' },
      { row: 5, error: 'unknown stage "maybe" (new, qualified, proposal, negotiation, won, lost)' },
      { row: 6, error: 'invalid amount "-5"' },
      { row: 7, error: 'duplicate e-mail "anna@romashka.example"' },
    ]);
    expect(plan.contacts[0]).toMatchObject({
      id: 'contact:telegram:100200300',
      identities: [{ externalId: '100200300' }],
    });
    expect(plan.leads[1]).toMatchObject({ stage: 'new', value: { amount: 1200.5, currency: 'USD' } });
  });

  it('produces docs that pass the shared schemas', () => {
    const plan = planLeadImport(csv, '2026-03-01T00:00:00.000Z');
    for (const c of plan.contacts) expect(validateDoc('contacts', c)).toMatchObject({ ok: true });
    for (const l of plan.leads) expect(validateDoc('leads', l)).toMatchObject({ ok: true });
  });

  it('accepts Russian headers and ; as delimiter, and skips e-mails already in the database', () => {
    const plan = planLeadImport(
      'имя;почта;этап\nИван;ivan@x.ru;won\nОля;olga@x.ru;new',
      undefined,
      new Set(['olga@x.ru']),
    );
    expect(plan.leads.map((l) => l.stage)).toEqual(['won']);
    expect(plan.errors).toEqual([{ row: 3, error: 'duplicate e-mail "olga@x.ru"' }]);
  });

  it('follows the chosen pipeline: its stages by id or name, its first currency', () => {
    const pipeline = {
      ...defaultPipeline(),
      id: 'ent',
      name: 'Enterprise',
      currencies: ['EUR'],
      stages: [
        { id: 'pilot', name: 'Pilot', kind: 'open' as const, probability: 50 },
        { id: 'signed', name: 'Signed', kind: 'won' as const, probability: 100 },
      ],
    };
    const plan = planLeadImport(
      'name,stage,amount\nA,pilot,10\nB,Signed,20\nC,,5\nD,won,1',
      undefined,
      new Set(),
      pipeline,
    );
    expect(plan.leads.map((l) => [l.pipelineId, l.stage, l.value?.currency])).toEqual([
      ['ent', 'pilot', 'EUR'],
      ['ent', 'signed', 'EUR'],
      ['ent', 'pilot', 'EUR'],
    ]);
    expect(plan.errors).toEqual([{ row: 5, error: 'unknown stage "won" (Pilot, Signed)' }]);
  });
});
