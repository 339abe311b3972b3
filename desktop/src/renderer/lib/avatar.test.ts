import { describe, expect, it } from 'vitest';
import { avatarColor, initialsOf } from './avatar';

describe('avatar', () => {
  it('takes the first letters of the first two words, in either script', () => {
    expect(initialsOf('Анна Петрова')).toBe('АП');
    expect(initialsOf('john miller jr')).toBe('JM');
    expect(initialsOf('Артём')).toBe('А');
    expect(initialsOf('  "Ivan"  (Acme) ')).toBe('IA');
    expect(initialsOf('900100200')).toBe('9');
    expect(initialsOf('')).toBe('?');
    expect(initialsOf('—')).toBe('?');
  });

  it('gives a person the same colour every time, and spreads people over the colours', () => {
    expect(avatarColor('contact:telegram:42')).toBe(avatarColor('contact:telegram:42'));
    const used = new Set(Array.from({ length: 200 }, (_, i) => avatarColor(`contact-${i}`)));
    expect(used.size).toBe(8);
    for (const c of used) expect(c).toBeGreaterThanOrEqual(0);
  });
});
