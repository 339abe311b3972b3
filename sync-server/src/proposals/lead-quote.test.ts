// A proposal of the deal's own quote writes product names and units in the document's language
// (issue 61 item 6: a Russian proposal printed the catalog's English names and no unit).
import { describe, expect, it } from 'vitest';
import type { LeadDoc } from '@app/shared/schemas';
import { quoteOfLead } from './lead-quote';

const lead: Pick<LeadDoc, 'quote'> = {
  quote: {
    lines: [
      { productId: 'p-seat', sku: 'CRM', name: 'CRM Seat', quantity: 12, unitPrice: 20, total: 240 },
      { productId: 'p-gone', sku: 'OLD', name: 'Old thing', quantity: 1, unitPrice: 5, total: 5 },
    ],
    total: 245,
    currency: 'USD',
    at: '2026-03-02T10:00:00.000Z',
  },
};
const products = [{ id: 'p-seat', names: { ru: 'Место в CRM', en: 'CRM Seat' }, unit: 'seat' }];

describe('quoteOfLead', () => {
  it("names and units in the document's language; a product no longer there keeps its saved name", () => {
    const ru = quoteOfLead(lead, 'ru', products)!;
    expect(ru.lines.map((l) => [l.name, l.unit])).toEqual([
      ['Место в CRM', 'мест'],
      ['Old thing', ''],
    ]);
    const en = quoteOfLead(lead, 'en', products)!;
    expect(en.lines.map((l) => [l.name, l.unit])).toEqual([
      ['CRM Seat', 'seats'],
      ['Old thing', ''],
    ]);
    expect(quoteOfLead(lead)!.lines[0]).toMatchObject({ name: 'CRM Seat', unit: '' });
  });
});
