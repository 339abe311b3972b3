import { describe, expect, it } from 'vitest';
import { LocalIndex, tokenize } from './local-search';

describe('placeholder local search', () => {
  const index = new LocalIndex();
  index.add([
    {
      id: 'k1',
      type: 'knowledge',
      title: 'Цены',
      text: 'Тариф для команды: 990 рублей за пользователя в месяц',
    },
    { id: 'k2', type: 'knowledge', title: 'Delivery', text: 'We deliver across Russia within 3 days' },
    { id: 'l1', type: 'lead', title: 'CRM for Ромашка', text: 'Анна Петрова anna@romashka.example' },
  ]);

  it('tokenizes Cyrillic and Latin', () => {
    expect(tokenize('Привет, World-42!')).toEqual(['привет', 'world', '42']);
  });

  it('ranks by BM25 and explains each hit', () => {
    const [hit] = index.search('тариф команды');
    expect(hit).toMatchObject({ id: 'k1', type: 'knowledge' });
    expect(hit!.why.join(' ')).toContain('тариф');
  });

  it('matches the word being typed as a prefix', () => {
    expect(index.search('deliv').map((h) => h.id)).toEqual(['k2']);
    expect(index.search('ромаш')[0]!.id).toBe('l1');
    expect(index.search('zzz')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('finds prefixes over 20,000 docs (its speed is measured by the benchmark, not here)', () => {
    const big = new LocalIndex();
    big.add(
      Array.from({ length: 20_000 }, (_, i) => ({
        id: `d${i}`,
        type: 'lead' as const,
        title: `Lead ${i} company${i % 500}`,
        text: `contact person${i} city${i % 50} budget ${i}`,
      })),
    );
    for (const q of ['c', 'co', 'com', 'comp', 'company4']) expect(big.search(q).length).toBeGreaterThan(0);
    expect(big.search('company42 city42')[0]!.title).toContain('company42');
  });
});
