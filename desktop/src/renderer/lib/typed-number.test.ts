// The typed numbers of the deal's page: grouping spaces and commas, decimal commas and points, and
// what is no number.
import { describe, expect, it } from 'vitest';
import { numberOf } from './typed-number';

describe('numberOf', () => {
  it('reads digits grouped by spaces, as Intl writes them in Russian', () => {
    expect(numberOf('190 000')).toBe(190000);
    expect(numberOf('2\u00a0000\u202f000')).toBe(2000000);
  });
  it('reads a decimal comma or point', () => {
    expect(numberOf('1,5')).toBe(1.5);
    expect(numberOf('1.5')).toBe(1.5);
  });
  it('reads commas that group thousands, as English writes them', () => {
    expect(numberOf('1,234,567')).toBe(1234567);
    // One comma before three digits groups them too: "190,000" was read as 190.
    expect(numberOf('190,000')).toBe(190000);
    expect(numberOf('12,50')).toBe(12.5);
    expect(numberOf('1,234.5')).toBe(1234.5);
  });
  it('gives undefined for nothing or what is no number', () => {
    expect(numberOf('')).toBeUndefined();
    expect(numberOf('  ')).toBeUndefined();
    expect(numberOf('abc')).toBeUndefined();
    expect(numberOf('1,2,3')).toBeUndefined();
    // What Number() reads but nobody types as an amount.
    expect(numberOf('0x10')).toBeUndefined();
    expect(numberOf('1e3')).toBeUndefined();
    expect(numberOf('+5')).toBeUndefined();
    expect(numberOf('Infinity')).toBeUndefined();
  });
  it('reads a minus sign and a bare decimal point', () => {
    expect(numberOf('-12,5')).toBe(-12.5);
    expect(numberOf('.5')).toBe(0.5);
  });
});
