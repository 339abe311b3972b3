import { describe, expect, it } from 'vitest';
import { formatter } from './format';

// Intl separates Russian thousands with a no-break space (U+00A0) or a narrow one (U+202F).
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const at = '2026-11-22T07:29:35Z';

describe('format', () => {
  it('writes dates, times and amounts the Russian way', () => {
    const f = formatter('ru', 'UTC');
    expect(f.date(at)).toBe('22.11.2026');
    expect(f.time(at)).toBe('07:29');
    expect(plain(f.dateTime(at))).toBe('22.11.2026, 07:29');
    expect(plain(f.money(240_000, 'RUB'))).toBe('240 000 ₽');
    expect(plain(f.money(1500.5, 'USD'))).toBe('1 500,50 $');
    expect(plain(f.number(10_000))).toBe('10 000');
  });

  it('writes them the English way', () => {
    const f = formatter('en', 'UTC');
    expect(f.date(at)).toBe('11/22/2026');
    expect(plain(f.time(at))).toBe('7:29 AM');
    expect(plain(f.money(240_000, 'USD'))).toBe('$240,000');
    expect(plain(f.money(240_000, 'RUB'))).toBe('₽240,000');
    expect(f.number(10_000)).toBe('10,000');
  });

  it('writes durations with the units of the language', () => {
    const ru = formatter('ru', 'UTC');
    const en = formatter('en', 'UTC');
    expect(plain(ru.duration(350))).toBe('350 мс');
    expect(plain(ru.duration(1500))).toBe('1,5 с');
    expect(plain(ru.duration(120_000))).toBe('2 мин');
    expect(plain(ru.duration(5_400_000))).toBe('1,5 ч');
    expect(plain(en.duration(1500))).toBe('1.5 sec');
    expect(plain(en.duration(120_000))).toBe('2 min');
  });

  it('writes file sizes in the largest fitting unit of the language', () => {
    const ru = formatter('ru', 'UTC');
    const en = formatter('en', 'UTC');
    expect(plain(en.bytes(820))).toBe('820 byte');
    expect(plain(en.bytes(1536))).toBe('1.5 kB');
    expect(plain(en.bytes(20 * 1024 * 1024))).toBe('20 MB');
    expect(plain(ru.bytes(1536))).toBe('1,5 кБ');
    expect(plain(ru.bytes(5 * 1024 * 1024 * 1024))).toBe('5 ГБ');
  });

  it('leaves bad input empty or plain instead of throwing', () => {
    const f = formatter('ru', 'UTC');
    expect(f.date('not a date')).toBe('');
    expect(plain(f.money(5, 'XX'))).toBe('5 XX');
  });

  it("writes a list item's time as short as it reads: time today, weekday this week, else the date", () => {
    // Sunday 22 November 2026, 18:00 in Moscow (UTC+3).
    const now = Date.parse('2026-11-22T15:00:00Z');
    const ru = formatter('ru', 'Europe/Moscow');
    const en = formatter('en', 'Europe/Moscow');
    expect(ru.when('2026-11-22T05:10:00Z', now)).toBe('08:10');
    expect(plain(en.when('2026-11-22T05:10:00Z', now))).toBe('8:10 AM');
    // 23:30 UTC on the 21st is already the 22nd in Moscow: today there.
    expect(ru.when('2026-11-21T23:30:00Z', now)).toBe('02:30');
    expect(ru.when('2026-11-19T10:00:00Z', now)).toBe('чт');
    expect(en.when('2026-11-19T10:00:00Z', now)).toBe('Thu');
    expect(ru.when('2026-10-03T10:00:00Z', now)).toBe('3 окт.');
    expect(en.when('2026-10-03T10:00:00Z', now)).toBe('Oct 3');
    expect(ru.when('2025-12-30T10:00:00Z', now)).toBe('30.12.2025');
    expect(en.when('not a date', now)).toBe('');
  });
});
