// Table tests of the reader's classes added after replaying the blind event-request set events7 (issue
// 61, tuning data since 2026-12-07 19:16 UTC): "a couple of dozen" / "a couple of hundred" (a pair and
// "of" before a dozen or a multiplier), "half a million" (the article after "half" is no count). The
// sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { findMoney, findNumbers } from './index';

const numbers = (text: string) => findNumbers(text).map((n) => n.value);
const money = (text: string) => findMoney(text).map((m) => [m.amount, m.currency ?? null] as const);

describe('findNumbers: a couple of dozen, a couple of hundred', () => {
  it.each([
    ['about a couple of dozen colleagues', [24]],
    ['a couple of hundred visitors expected', [200]],
    ['we spent a couple of thousand', [2000]],
    // Guards: a couple of things, a dozen of them.
    ['a couple of chairs', [2]],
    ['a dozen of our staff', [12]],
  ] as const)('%s', (text, found) => {
    expect(numbers(text)).toEqual(found);
  });
});

describe('findMoney: half a million', () => {
  it.each([
    ['budget is half a million roubles', [[500_000, 'RUB']]],
    ['half a million dollars all in', [[500_000, 'USD']]],
    ['around half a thousand euros', [[500, 'EUR']]],
    // Guards: a whole million, half a dozen is no money.
    ['a million rubles', [[1_000_000, 'RUB']]],
    ['half a dozen guests', []],
  ] as const)('%s', (text, found) => {
    expect(money(text)).toEqual(found);
  });
});

describe('findMoney: «р» before a slash', () => {
  it.each([
    ['2500 р/чел', [[2500, 'RUB']]],
    ['от 900 р/час', [[900, 'RUB']]],
    // Guard: a letter р starting a word is no currency.
    ['5 разных залов', []],
  ] as const)('%s', (text, found) => {
    expect(money(text)).toEqual(found);
  });
});
