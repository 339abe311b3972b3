import { describe, expect, it } from 'vitest';
import { viewerRegion } from '@app/shared/crm';
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

  it("writes a meeting's time in the rep's zone, and the customer's time and zone when they differ", () => {
    // "Tomorrow at 2 pm" in Moscow: 11:00 UTC.
    const meeting = '2026-11-20T11:00:00.000Z';
    const ruUtc = formatter('ru', 'UTC');
    const enUtc = formatter('en', 'UTC');
    expect(plain(ruUtc.dateTimeIn(meeting, 'Europe/Moscow'))).toBe('20.11.2026, 11:00 (14:00 Москва)');
    expect(plain(enUtc.dateTimeIn(meeting, 'Europe/Moscow'))).toBe(
      '11/20/26, 11:00 AM (2:00 PM Moscow Standard Time)',
    );
    // The rep in Moscow: nothing to add. No zone, or one Intl does not know: the rep's time only.
    expect(plain(formatter('ru', 'Europe/Moscow').dateTimeIn(meeting, 'Europe/Moscow'))).toBe(
      '20.11.2026, 14:00',
    );
    expect(plain(ruUtc.dateTimeIn(meeting, undefined))).toBe('20.11.2026, 11:00');
    expect(plain(ruUtc.dateTimeIn(meeting, 'Mars/Olympus'))).toBe('20.11.2026, 11:00');
    // Another day there: its day is named; a zone named by its offset reads UTC+n, not GMT+n.
    expect(plain(formatter('en', 'America/New_York').dateTimeIn('2026-11-20T02:00:00Z', 'Asia/Tokyo'))).toBe(
      '11/19/26, 9:00 PM (Nov 20, 11:00 AM Japan Standard Time)',
    );
    expect(plain(formatter('ru', 'Europe/Moscow').dateTimeIn(meeting, 'UTC'))).toBe(
      '20.11.2026, 14:00 (11:00 UTC)',
    );
    expect(ruUtc.dateTimeIn('not a date', 'Europe/Moscow')).toBe('');
    // A zone named in Russian by its region, never in English.
    expect(plain(ruUtc.dateTimeIn(meeting, 'America/New_York'))).toBe(
      '20.11.2026, 11:00 (06:00 Восточная Америка)',
    );
    expect(ruUtc.timeElsewhere(meeting, 'Europe/Moscow')).toMatch(/^14:00 \S+/);
    expect(ruUtc.timeElsewhere(meeting, 'UTC')).toBe('');
  });

  it('names a month and its year without the Russian "г." and capitalised', () => {
    expect(formatter('ru', 'UTC').monthYear('2026-11')).toBe('Ноябрь 2026');
    expect(formatter('ru', 'UTC').monthYear('2026-03-01')).toBe('Март 2026');
    expect(formatter('en', 'UTC').monthYear('2026-11')).toBe('November 2026');
    expect(formatter('en', 'UTC').monthYear('soon')).toBe('');
  });

  it("writes figures read side by side in one unit: the largest one's", () => {
    const ru = formatter('ru', 'UTC');
    const en = formatter('en', 'UTC');
    expect(en.durationUnit(45_000)).toBe('s');
    expect(en.durationUnit(720_000)).toBe('min');
    const unit = en.durationUnit(720_000);
    expect(plain(en.durationIn(45_000, unit))).toBe('0.8 min');
    expect(plain(en.durationIn(720_000, unit))).toBe('12 min');
    expect(plain(ru.durationIn(1500, 's'))).toBe('1,5 с');
    expect(plain(ru.durationIn(90_000, 'min'))).toBe('1,5 мин');
  });
});

describe('zone', () => {
  it('names a time zone in the UI language, never by its id (issue 64: «часовой пояс Europe/Moscow»)', () => {
    expect(formatter('ru').zone('Europe/Moscow')).toBe('Москва');
    expect(formatter('en').zone('Europe/Moscow')).toBe('Moscow Standard Time');
    expect(formatter('ru').zone('Asia/Yekaterinburg')).toBe('Екатеринбург');
    expect(formatter('en').zone('America/New_York')).toBe('Eastern Time');
    expect(formatter('ru').zone('UTC')).toBe('UTC');
    for (const z of ['Europe/Moscow', 'America/New_York', 'Asia/Tokyo', 'Europe/London'])
      for (const l of ['ru', 'en'] as const) expect(formatter(l).zone(z)).not.toContain('/');
  });
});

describe('phone', () => {
  it("shows a phone in the viewer's national form when it is of their country, else international (issue 64)", () => {
    // The test runs with no Russian or US browser region given: the UI language's usual country.
    expect(formatter('en').phone('+14155550143')).toBe('(415) 555-0143');
    expect(formatter('ru').phone('+14155550143')).toBe('+1 415 555 0143');
    expect(formatter('ru').phone('+79123456789')).toBe('8 (912) 345-67-89');
    expect(formatter('en').phone('+79123456789')).toBe('+7 912 345 67 89');
    expect(formatter('en').phone('12345')).toBe('12345');
    expect(viewerRegion('en', 'en-GB')).toBe('GB');
    expect(viewerRegion('ru', 'en-GB')).toBe('RU');
    expect(viewerRegion('ru', 'ru-KZ')).toBe('KZ');
  });
});

describe('dayHeading', () => {
  // 2026-11-30 10:00 in Moscow (UTC+3).
  const now = Date.parse('2026-11-30T07:00:00Z');
  const en = formatter('en', 'Europe/Moscow');
  const ru = formatter('ru', 'Europe/Moscow');

  it('names today and yesterday in words, by the calendar days of the zone', () => {
    expect(en.dayHeading('2026-11-30T00:30:00+03:00', now)).toBe('Today');
    expect(ru.dayHeading('2026-11-30T00:30:00+03:00', now)).toBe('Сегодня');
    // 23:30 Moscow the day before is yesterday there, though less than 24 hours ago.
    expect(en.dayHeading('2026-11-29T23:30:00+03:00', now)).toBe('Yesterday');
    expect(ru.dayHeading('2026-11-29T23:30:00+03:00', now)).toBe('Вчера');
    // In UTC, 21:30 on the 29th is yesterday of 07:00 on the 30th too.
    expect(formatter('en', 'UTC').dayHeading('2026-11-29T21:30:00Z', now)).toBe('Yesterday');
  });

  it('names older days by weekday and date, with the year only when it is another year', () => {
    expect(en.dayHeading('2026-11-23T12:00:00+03:00', now)).toBe('Monday, November 23');
    expect(ru.dayHeading('2026-11-23T12:00:00+03:00', now)).toBe('Понедельник, 23 ноября');
    expect(en.dayHeading('2025-12-31T12:00:00+03:00', now)).toBe('Wednesday, December 31, 2025');
    expect(ru.dayHeading('2025-12-31T12:00:00+03:00', now)).toBe('Среда, 31 декабря 2025');
    expect(en.dayHeading('not a time', now)).toBe('');
  });

  it('tells the day a moment falls on in its zone', () => {
    expect(en.dayOf('2026-11-29T22:30:00Z')).toBe('2026-11-30');
    expect(formatter('en', 'UTC').dayOf('2026-11-29T22:30:00Z')).toBe('2026-11-29');
  });
});
