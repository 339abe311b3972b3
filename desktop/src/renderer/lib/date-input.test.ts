// Dates and times typed and shown in the UI's language (date-input.ts): Russian and English forms,
// ISO pasted, unfinished typing not taken for a date, 12- and 24-hour clocks.
import { describe, expect, it } from 'vitest';
import { dayToDate, halfHours, readDay, readTime, showDay, showTime, zoneLabel } from './date-input';

describe('date input', () => {
  it('shows a day as each language writes it', () => {
    expect(showDay('2026-12-05', 'ru')).toBe('05.12.2026');
    expect(showDay('2026-12-05', 'en')).toBe('12/05/2026');
    expect(showDay('', 'ru')).toBe('');
    expect(showDay('2026-02-31', 'en')).toBe('');
  });

  it('reads what a rep types, in the language and as ISO', () => {
    expect(readDay('05.12.2026', 'ru')).toBe('2026-12-05');
    expect(readDay('5.12.2026', 'ru')).toBe('2026-12-05');
    expect(readDay('12/5/2026', 'en')).toBe('2026-12-05');
    expect(readDay('Dec 5, 2026', 'en')).toBe('2026-12-05');
    expect(readDay('5 декабря 2026 г.', 'ru')).toBe('2026-12-05');
    expect(readDay('2026-12-05', 'ru')).toBe('2026-12-05');
    expect(readDay(' ', 'en')).toBe('');
  });

  it('takes no unfinished or impossible date', () => {
    expect(readDay('05.12.20', 'ru')).toBeUndefined();
    expect(readDay('31.02.2026', 'ru')).toBeUndefined();
    expect(readDay('13/13/2026', 'en')).toBeUndefined();
    expect(readDay('tomorrow', 'en')).toBeUndefined();
  });

  it('reads and shows times on each language’s clock', () => {
    expect(showTime('14:30', 'ru')).toBe('14:30');
    expect(showTime('09:05', 'ru')).toBe('09:05');
    expect(showTime('14:30', 'en')).toMatch(/^2:30\sPM$/);
    expect(readTime(showTime('14:30', 'en'), 'en')).toBe('14:30');
    expect(readTime('2:30 PM', 'en')).toBe('14:30');
    expect(readTime('2:30 pm', 'en')).toBe('14:30');
    expect(readTime('14.30', 'ru')).toBe('14:30');
    expect(readTime('9', 'ru')).toBe('09:00');
    expect(readTime('25:00', 'ru')).toBeUndefined();
    expect(readTime('', 'en')).toBe('');
  });

  it('offers every half hour and names the zone', () => {
    expect(halfHours).toHaveLength(48);
    expect(halfHours[19]).toBe('09:30');
    expect(zoneLabel('Europe/Moscow', 'en', Date.parse('2026-12-01T00:00:00Z'))).toMatch(/GMT\+3|MSK/);
    expect(zoneLabel('Not/AZone', 'en')).toBe('Not/AZone');
    expect(dayToDate('2026-12-05')?.getDate()).toBe(5);
  });
});
