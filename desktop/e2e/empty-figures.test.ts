// The empty-set figure check (empty-figures.ts) on texts of its own: what issue 64 item 9 saw on the
// screens of a team with nothing in it is found; "—", "no data yet" and counts of nothing are left.
import { describe, expect, it } from 'vitest';
import { emptySetFigures } from './empty-figures';

describe('figures from an empty set', () => {
  it('finds what issue 64 saw on an empty team', () => {
    expect(emptySetFigures('медиана 0 мс')).toEqual(['zero-duration: 0 мс', 'average: медиана 0']);
    expect(emptySetFigures('median 0 ms')).toEqual(['zero-duration: 0 ms', 'average: median 0']);
    expect(emptySetFigures('72% resolved by AI')).toEqual(['share: 72%']);
    expect(emptySetFigures('Конверсия 0\u00a0%')).toEqual(['share: 0 %']);
    expect(emptySetFigures('0 of 0 conversations')).toEqual(['of-nothing: 0 of 0']);
    expect(emptySetFigures('0 из 0')).toEqual(['of-nothing: 0 из 0']);
    expect(emptySetFigures('Average 3.5 h')).toEqual(['average: Average 3']);
    expect(emptySetFigures('NaN deals')).toEqual(['not-a-number: NaN']);
  });

  it('leaves "—", "no data yet", counts, dates, times and money alone', () => {
    for (const text of [
      '—',
      'No data yet',
      'Данных пока нет',
      '0 deals',
      '0 сделок',
      'Conversations 0',
      '20.11.2026',
      '11:00 AM',
      '240 000 ₽',
      '$0.00',
      '3 of 10 seats',
      'Medium priority',
    ])
      expect(emptySetFigures(text), text).toEqual([]);
  });
});
