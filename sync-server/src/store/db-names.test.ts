import { describe, expect, it } from 'vitest';
import { escapeTeamId, teamDbName } from './db-names';

describe('team database names', () => {
  it('are CouchDB-name-safe and injective', () => {
    const ids = ['tm0123abcd', 'TM0123abcd', 'a-b', 'a_b', 'a/b', 'a..b', '../x', 'x y', 'ä', '-2d-', 'a$b'];
    const names = ids.map((id) => teamDbName(id, 'leads'));
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_$()+/-]*$/);
    for (const n of names) expect(n).not.toContain('/');
    expect(new Set(names).size).toBe(ids.length);
    expect(escapeTeamId('tm0123abcd')).toBe('tm0123abcd');
  });

  it('refuse empty and overlong team ids', () => {
    expect(() => escapeTeamId('')).toThrow();
    expect(() => escapeTeamId('x'.repeat(65))).toThrow();
  });
});
