import { describe, expect, it } from 'vitest';
import { validateDoc } from '@app/shared/validation';
import { chunkText, kindOf, textHash } from './local-chunks';

describe('local chunks', () => {
  const md =
    '# Prices\n\nTeam plan: 990 RUB per user.\n\n## Delivery\n\nWe ship in 3 days.\nAcross Russia.\n\n' +
    'x'.repeat(1000);

  it('cuts paragraphs under headings into schema-valid chunks with server-compatible ids', () => {
    const chunks = chunkText('source-1', md, '2026-03-01T00:00:00.000Z');
    expect(chunks.map((c) => c.id)).toEqual(['source-1:0', 'source-1:1', 'source-1:2']);
    expect(chunks[0]).toMatchObject({ text: 'Team plan: 990 RUB per user.', headings: ['Prices'] });
    expect(chunks[1]).toMatchObject({
      text: 'We ship in 3 days.\nAcross Russia.',
      headings: ['Prices', 'Delivery'],
    });
    expect(md.slice(chunks[1]!.position.start, chunks[1]!.position.end)).toBe(
      'We ship in 3 days.\nAcross Russia.',
    );
    for (const c of chunks) expect(validateDoc('knowledge_chunks', c)).toMatchObject({ ok: true });
  });

  it('detects kinds and hashes stably', () => {
    expect(kindOf('a.MD')).toBe('markdown');
    expect(kindOf('price.pdf')).toBe('pdf');
    expect(kindOf('faq.csv')).toBe('csv-qa');
    expect(textHash('abc')).toBe(textHash('abc'));
    expect(textHash('abc')).not.toBe(textHash('abd'));
  });
});
