// Table tests of the reader's classes added after replaying the blind event-request set events8 (issue
// 61, tuning data since 2026-12-07 19:50 UTC): «бюдж» (the chat short form) as a budget word; large US
// and world cities in the gazetteer; ambiguous names ("Austin", "Phoenix") in an all-lowercase message
// (voice-to-text) after a place preposition. The sentences are new ones, not the set's rows.
import { describe, expect, it } from 'vitest';
import { findMoney } from './index';
import { findPlace } from './places/match';

describe('findMoney: «бюдж» before an amount', () => {
  it.each([
    ['бюдж 300к\nпод Казанью', [[300_000, null]]],
    ['бюдж. 700к\nпод Тверью', [[700_000, null]]],
    // Guard: a count of people after the short form is no money.
    ['бюдж 300 человек', []],
  ] as const)('%s', (text, found) => {
    expect(findMoney(text).map((m) => [m.amount, m.currency ?? null])).toEqual(found);
  });
});

describe('places: large US and world cities, lowercase ambiguous names', () => {
  it.each([
    ['party in denver', 'Denver'],
    ['в Денвере', 'Denver'],
    ['in Minneapolis', 'Minneapolis'],
    ['в Новом Орлеане', 'New Orleans'],
    ['in salt lake city next week', 'Salt Lake City'],
    ['в Калгари', 'Calgary'],
    ['in Stuttgart', 'Stuttgart'],
    ['in austin', 'Austin'],
    ['dinner in phoenix budget 20k', 'Phoenix'],
    // Guards: an ambiguous name not after a place preposition, or lowercase in a message with capitals.
    ['call austin tomorrow', undefined],
    ['Party in phoenix style, Friday', undefined],
  ])('%s', (text, en) => {
    expect(findPlace(text)?.place.en).toBe(en);
  });
});
