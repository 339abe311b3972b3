import { describe, expect, it } from 'vitest';
import { rememberRange, storedRange } from './analytics-range';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
};

describe('the Analytics range remembered per device', () => {
  it('starts at 30 days and keeps a named range', () => {
    const s = memory();
    expect(storedRange(s)).toBe('30d');
    rememberRange('365d', s);
    expect(storedRange(s)).toBe('365d');
  });
  it('does not keep a custom range and ignores unknown values', () => {
    const s = memory();
    rememberRange('90d', s);
    rememberRange('custom', s);
    expect(storedRange(s)).toBe('90d');
    s.setItem('sw.analytics.range', '1000y');
    expect(storedRange(s)).toBe('30d');
  });
});
