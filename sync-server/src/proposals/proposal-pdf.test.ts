// The proposal PDF read back with the project's PDF text extractor (unpdf, as knowledge ingestion
// reads PDFs): its product lines, Intl-formatted totals and language, for a Russian and an English customer.
import { describe, expect, it } from 'vitest';
import { extractPdf } from '@app/shared/knowledge';
import { proposalFormat } from './proposal-labels';
import { renderProposalPdf, type ProposalDocument } from './proposal-pdf';
import type { ProposalQuote } from './proposal-quote';

const quote = (currency: string): ProposalQuote => ({
  currency,
  lines: [
    {
      sku: 'CRM-PRO',
      name: 'Лицензия CRM Pro',
      quantity: 12,
      unit: 'шт',
      unitPrice: 1500,
      discountPercent: 10,
      lineTotal: 16200,
    },
    {
      sku: 'ONB-1',
      name: 'Onboarding workshop',
      quantity: 1,
      unit: 'day',
      unitPrice: 45000.5,
      discountPercent: 0,
      lineTotal: 45000.5,
    },
  ],
  subtotal: 63000.5,
  discount: 1800,
  tax: 12240.1,
  total: 73440.6,
});

const doc = (language: 'en' | 'ru', currency: string): ProposalDocument => ({
  language,
  number: 'P-20250301-AB12',
  issuedAt: '2025-03-01T10:00:00.000Z',
  validUntil: '2025-03-15',
  company: { name: 'ООО «Ромашка»', details: 'Москва, ул. Ленина, 1\nИНН 7701234567' },
  customer: { name: language === 'ru' ? 'Иван Петров' : 'Jane Doe', email: 'buyer@example.com' },
  dealTitle: language === 'ru' ? 'Внедрение CRM' : 'CRM rollout',
  quote: quote(currency),
});

/** The PDF's text in one line, every kind of space (Intl's no-break ones too) as a plain space. */
async function textOf(pdf: Buffer): Promise<string> {
  const { sections } = await extractPdf('proposal.pdf', new Uint8Array(pdf));
  return sections
    .map((s) => s.text)
    .join(' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('proposal PDF', () => {
  it('a Russian customer gets Russian words, Cyrillic lines and roubles formatted the Russian way', async () => {
    const pdf = await renderProposalPdf(doc('ru', 'RUB'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    const f = proposalFormat('ru', 'RUB');
    expect(text).toContain('Коммерческое предложение');
    expect(text).toContain('Итого');
    expect(text).not.toContain('Commercial proposal');
    expect(text).toContain('Лицензия CRM Pro');
    expect(text).toContain('CRM-PRO');
    expect(text).toContain('Onboarding workshop');
    expect(text).toContain('ООО «Ромашка»');
    expect(text).toContain('Иван Петров');
    expect(text).toContain('P-20250301-AB12');
    for (const amount of [1500, 16200, 45000.5, 63000.5, 73440.6])
      expect(text).toContain(flat(f.money(amount)));
    expect(flat(f.money(73440.6))).toBe('73 440,60 ₽');
    expect(text).toContain(flat(f.date('2025-03-15')));
    expect(text).toContain('15 марта 2025');
  });

  it('an English customer gets English words and US-formatted dollars', async () => {
    const text = await textOf(await renderProposalPdf(doc('en', 'USD')));
    const f = proposalFormat('en', 'USD');
    expect(text).toContain('Commercial proposal');
    expect(text).toContain('Total');
    expect(text).not.toContain('Коммерческое предложение');
    expect(text).toContain('Лицензия CRM Pro');
    expect(text).toContain('$73,440.60');
    expect(text).toContain('$45,000.50');
    expect(text).toContain(f.money(16200));
    expect(text).toContain('March 15, 2025');
  });

  it('a long quote flows onto more pages and keeps every line', async () => {
    const long = doc('en', 'EUR');
    long.quote.lines = Array.from({ length: 60 }, (_, i) => ({
      ...long.quote.lines[1]!,
      name: `Item number ${i + 1}`,
    }));
    const { sections } = await extractPdf('p.pdf', new Uint8Array(await renderProposalPdf(long)));
    expect(Math.max(...sections.map((s) => s.page ?? 1))).toBeGreaterThan(1);
    const text = sections.map((s) => s.text).join(' ');
    expect(text).toContain('Item number 1 ');
    expect(text).toContain('Item number 60');
  });
});
