// Chunks people can quote: each ends at a sentence's end, none starts mid-thought (the overlap carried
// from the chunk before begins where a thought begins), sections are never mixed, paragraphs kept.
import { describe, expect, it } from 'vitest';
import { chunkSections } from './chunker';
import type { Section } from './types';

const paragraphs = [
  'Delivery across Russia takes 3-5 business days. It costs 500 RUB, e.g. for Moscow. But fragile goods travel separately, so they take longer. Returns are free within 14 days.',
  'The Business plan costs 24 USD per user. It includes API access and 1C sync. Also there is a 14-day trial. And the trial needs no card.',
  'Оплата по счёту доступна юрлицам. Счёт выставляется в течение дня, т. е. сразу после заявки. Но для ИП нужен договор. Также можно платить картой.',
];

function sections(): Section[] {
  const text = paragraphs.join('\n\n');
  const other = 'Support answers within an hour. Also on weekends.';
  return [
    { text, headings: ['Terms'], start: 0, end: text.length },
    { text: other, headings: ['Support'], start: text.length + 2, end: text.length + 2 + other.length },
  ];
}

const joining = /^(but|and|also|но|а|и|также)\s/iu;

describe('chunkSections', () => {
  it('starts no chunk mid-thought and ends each at a sentence end, overlap or not', () => {
    for (const [maxChars, overlap] of [
      [120, 60],
      [200, 80],
      [300, 150],
      [200, 0],
    ] as const) {
      const pieces = chunkSections(sections(), { maxChars, overlap });
      expect(pieces.length).toBeGreaterThan(2);
      for (const p of pieces) {
        expect(p.text, `${maxChars}/${overlap}`).not.toMatch(/^\p{Ll}/u);
        expect(p.text, `${maxChars}/${overlap}`).not.toMatch(joining);
        expect(p.text, `${maxChars}/${overlap}`).toMatch(/[.!?]$/);
        expect(p.text.length).toBeLessThanOrEqual(maxChars);
      }
    }
  });

  it('keeps sections apart and paragraph breaks in the overlap', () => {
    const pieces = chunkSections(sections(), { maxChars: 200, overlap: 80 });
    for (const p of pieces) {
      if (p.headings[0] === 'Support') expect(p.text).not.toMatch(/Оплата|Delivery|Business/);
      else expect(p.text).not.toMatch(/Support answers/);
    }
    expect(pieces.filter((p) => p.headings[0] === 'Support')).toHaveLength(1);
    // An overlap that reaches into the paragraph before keeps the break between them.
    expect(pieces.some((p) => /Returns are free within 14 days\.\n\nThe Business plan/.test(p.text))).toBe(
      true,
    );
    expect(pieces.every((p) => !/days\. The Business/.test(p.text))).toBe(true);
  });
});
