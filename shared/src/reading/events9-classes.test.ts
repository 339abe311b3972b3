// Table tests of the reader's classes added after replaying the blind event-request set events9 (issue
// 61, tuning data since 2026-12-07 22:40 UTC): a multiplier's abbreviation dot before a capital ends its
// sentence whatever came before the amount. The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { findMoney } from './index';

describe('findMoney: «млн.» / «тыс.» before a capital ends the sentence', () => {
  it.each([
    ['бюджет на кейтеринг и декор — 1,5 млн. Хотим за городом.', [[1_500_000, null]]],
    ['на всё про всё 800 тыс. Звоните после обеда.', [[800_000, null]]],
    ['Сумма на программу 2 млн. Площадку ищем сами.', [[2_000_000, null]]],
    // Guard: a counted thing after the multiplier (no dot, lower case) stays no money.
    ['закажите 3 тысячи буклетов', []],
  ] as const)('%s', (text, found) => {
    expect(findMoney(text).map((m) => [m.amount, m.currency ?? null])).toEqual(found);
  });
});
