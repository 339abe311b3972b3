// Table tests of the reader's classes added after replaying the blind event-request set events10 (issue
// 61, tuning data since 2026-12-07 22:38 UTC): thousands grouped with an apostrophe (Swiss style), an amount
// at a line's end counting nothing on the next line. The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { findMoney } from './index';

describe('findMoney: events10 classes', () => {
  it.each([
    ["Бюджет 2'300'000 руб., без учёта перелёта.", [[2_300_000, 'RUB']]],
    ['Budget: USD 42’500 all in.', [[42_500, 'USD']]],
    ["budget 120'000 EUR", [[120_000, 'EUR']]],
    // An amount that ends its line: the next line's first word is no counted thing.
    ['На всё про всё 2 млн\nМесто ещё ищем', [[2_000_000, null]]],
    // Guards: a counted thing on the same line stays no money; a quote mark is no grouping.
    ['закажите 3 тысячи буклетов', []],
  ] as const)('%s', (text, found) => {
    expect(findMoney(text).map((m) => [m.amount, m.currency ?? null])).toEqual(found);
  });
});
