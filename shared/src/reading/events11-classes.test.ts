// Table tests of the reader's classes added after replaying the blind event-request set events11 (issue
// 61, tuning data since 2026-12-07 23:00 UTC): a multiplier before its number followed by a spending verb
// («тысяч 40 готовы потратить») is money, not a count of the next word. The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { findMoney } from './index';

describe('findMoney: events11 classes', () => {
  it.each([
    ['Новосибирск, тысяч 60 готовы потратить на всё', [[60_000, null]]],
    ['на праздник 300 тысяч можем выделить', [[300_000, null]]],
    ['тысячи три выделим на декор', [[3_000, null]]],
    // Guards: a counted thing after the thousands stays no money.
    ['закажите 3 тысячи буклетов', []],
    ['тысяч 5 готовых открыток', []],
  ] as const)('%s', (text, found) => {
    expect(findMoney(text).map((m) => [m.amount, m.currency ?? null])).toEqual(found);
  });
});
