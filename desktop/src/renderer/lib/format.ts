// Dates, times, numbers and amounts in the UI's language (Intl, one cached set of formatters per
// language: creating one per table cell is what makes scrolling slow). Components take them from
// `useFormat()` (i18n), so Russian shows `22.11.2026`, `07:29` and `240 000 ₽`, English `11/22/2026`,
// `7:29 AM` and `RUB 240,000`.
import { phoneShown, viewerRegion } from '@app/shared/crm';
import { dayKey, isTimeZone, systemTimeZone, zoneOffsetMs } from '@app/shared/time';

/** The UI's languages (i18n.ts holds their dictionaries). */
export type Locale = 'en' | 'ru';

export type Formatter = {
  date(iso: string): string;
  time(iso: string): string;
  dateTime(iso: string): string;
  number(n: number): string;
  /** A share (0..1) as a percentage: `79%` / `79 %`. */
  percent(share: number): string;
  money(amount: number, currency: string): string;
  /** A duration in its largest fitting unit: `1.5 s`, `2 min` / `1,5 с`, `2 мин`. */
  duration(ms: number): string;
  /** The unit `duration` writes `ms` in: figures shown side by side share the unit of the largest. */
  durationUnit(ms: number): DurationUnit;
  /** A duration in the given unit (`0.5 min`, `12 min`), for figures that are read side by side. */
  durationIn(ms: number, unit: DurationUnit): string;
  /**
   * A meeting's date and time in the rep's time zone (the formatter's); when the meeting is set in
   * another zone (the customer's, `zone`) whose clock differs at that moment, its time there too,
   * with the zone's name: `11/20/2026, 11:00 AM (2:00 PM Moscow Time)` / `20.11.2026, 11:00 (14:00
   * Москва)`. The day there is named when it is another day.
   */
  dateTimeIn(iso: string, zone: string | undefined): string;
  /** The part `dateTimeIn` adds: the time in `zone` with its name (`14:00 Москва`), '' when the rep's. */
  timeElsewhere(iso: string, zone: string | undefined): string;
  /**
   * A time zone as people name it, in the UI's language: `Москва`, `Moscow Standard Time`, `Eastern
   * Time` / `Восточная Америка`; a zone Intl names only by its offset (or by an English name in
   * Russian) reads as its offset, `UTC+3`; never the zone id (`Europe/Moscow`).
   */
  zone(zone: string): string;
  /**
   * A stored phone (E.164) as the viewer reads it: a number of the viewer's country in its national
   * form (`8 (912) 345-67-89` for a Russian reader), any other international (`+1 415 555 0143`).
   */
  phone(value: string): string;
  /** A month's heading (`2026-11`): `November 2026` / `Ноябрь 2026` (no `г.`, capitalised). */
  monthYear(month: string): string;
  /** A file size in its largest fitting unit: `820 byte`, `1.2 MB` / `1,2 МБ`. */
  bytes(n: number): string;
  /**
   * When an item of a list happened, as short as it can be read (an inbox's rows): the time on the
   * same day as `now`, the weekday within the week before, the day and month within the year, else the
   * date. Days are those of the formatter's time zone (the device's by default).
   */
  when(iso: string, now: number): string;
  /**
   * A day's heading in a conversation (between messages of different days): `Today`, `Yesterday` /
   * `Сегодня`, `Вчера`, else the weekday and date (`Monday, November 30` / `Понедельник, 30 ноября`),
   * with the year when it is not `now`'s. Days of the formatter's time zone.
   */
  dayHeading(iso: string, now: number): string;
  /** The day (`2026-11-30`) a moment falls on in the formatter's time zone, '' for a bad time. */
  dayOf(iso: string): string;
};

export type DurationUnit = 'ms' | 's' | 'min' | 'h';

const tags: Record<Locale, string> = { en: 'en-US', ru: 'ru-RU' };
const cache = new Map<string, Formatter>();

/** Intl formatters for durations and file sizes in the language `tag`. */
function measureFormats(tag: string) {
  const unit = (u: string, digits: number) =>
    new Intl.NumberFormat(tag, {
      style: 'unit',
      unit: u,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    });
  const units = {
    ms: unit('millisecond', 0),
    s: unit('second', 1),
    min: unit('minute', 0),
    h: unit('hour', 1),
  };
  const sizes = (['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const).map(
    (u) =>
      new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 }),
  );
  const unitOf = (ms: number): DurationUnit =>
    ms < 1000 ? 'ms' : ms < 60_000 ? 's' : ms < 3_600_000 ? 'min' : 'h';
  const perUnit: Record<DurationUnit, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };
  const inUnit: Record<DurationUnit, Intl.NumberFormat> = {
    ms: units.ms,
    s: units.s,
    min: unit('minute', 1),
    h: units.h,
  };
  const measures: Pick<Formatter, 'duration' | 'durationUnit' | 'durationIn' | 'bytes'> = {
    duration(ms) {
      if (ms < 1000) return units.ms.format(ms);
      if (ms < 60_000) return units.s.format(ms / 1000);
      if (ms < 3_600_000) return units.min.format(ms / 60_000);
      return units.h.format(ms / 3_600_000);
    },
    durationUnit: unitOf,
    durationIn(ms, u) {
      return inUnit[u].format(ms / perUnit[u]);
    },
    bytes(n) {
      let i = 0;
      let v = n;
      while (v >= 1024 && i < sizes.length - 1) {
        v /= 1024;
        i++;
      }
      return sizes[i]!.format(v);
    },
  };
  return measures;
}

type Elsewhere = { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat; offset: Intl.DateTimeFormat };

/**
 * Other time zones in the UI's language: a zone's name (`Москва`) and a time there with that name
 * (`14:00 Москва`), each zone's formatters made once.
 */
function zoneFormats(locale: Locale, tag: string) {
  const elsewhere = new Map<string, Elsewhere>();
  const elsewhereOf = (z: string) => {
    let f = elsewhere.get(z);
    if (!f) {
      const opts = { hour: 'numeric', minute: '2-digit', timeZone: z, timeZoneName: 'longGeneric' } as const;
      f = {
        time: new Intl.DateTimeFormat(tag, opts),
        day: new Intl.DateTimeFormat(tag, { ...opts, day: 'numeric', month: 'short' }),
        offset: new Intl.DateTimeFormat(tag, { timeZone: z, timeZoneName: 'shortOffset' }),
      };
      elsewhere.set(z, f);
    }
    return f;
  };
  /**
   * A time with its zone's name in the UI's language (`Moscow Standard Time`, `Москва`). A zone Intl
   * names only by its offset, or (Chromium's ICU for some zones in Russian) by an English name, reads
   * `UTC+3`; Russian's ", стандартное время" is left out (the city says it).
   */
  const nameOf = (f: Elsewhere, t: number, value: string) => {
    const name = value.replace(/, (стандартное|летнее) время$/, '');
    if (!/GMT|UTC/.test(name) && !(locale === 'ru' && /[A-Za-z]/.test(name))) return name;
    const offset = f.offset.formatToParts(t).find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
    return offset.replace(/^GMT(?:[+-]0)?$/, 'UTC').replace(/^GMT/, 'UTC');
  };
  /** The time `t` in zone `z` with the zone's name, and the day too unless `sameDay`. */
  const timeIn = (z: string, t: number, sameDay: boolean) => {
    const f = elsewhereOf(z);
    return (sameDay ? f.time : f.day)
      .formatToParts(t)
      .map((p) => (p.type === 'timeZoneName' ? nameOf(f, t, p.value) : p.value))
      .join('');
  };
  const zoneLabel = (z: string) => {
    if (!isTimeZone(z)) return z;
    const f = elsewhereOf(z);
    const t = Date.now();
    const value = f.time.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value;
    return value ? nameOf(f, t, value) : z;
  };
  return { timeIn, zoneLabel };
}

/** A formatter of amounts in a currency, made once per currency and wholeness. */
function moneyFormat(tag: string, number: Intl.NumberFormat): Formatter['money'] {
  const money = new Map<string, Intl.NumberFormat>();
  return (amount, currency) => {
    const whole = Number.isInteger(amount);
    const k = `${currency}|${whole}`;
    let f = money.get(k);
    if (!f) {
      try {
        f = new Intl.NumberFormat(tag, {
          style: 'currency',
          currency,
          currencyDisplay: 'narrowSymbol',
          ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
        });
      } catch {
        return `${number.format(amount)} ${currency}`; // not an ISO 4217 code
      }
      money.set(k, f);
    }
    return f.format(amount);
  };
}

/** Days as a list and a conversation read them (`when`, `dayHeading`, `dayOf`) in the zone `zoneName`. */
function dayFormats(tag: string, zoneName: string, zone: { timeZone?: string }) {
  const date = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', ...zone });
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'short', ...zone });
  const dayMonth = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', ...zone });
  const relativeDay = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const fullDay = new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', ...zone });
  const fullDayYear = new Intl.DateTimeFormat(tag, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...zone,
  });
  const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase(tag) + text.slice(1);
  const days: Pick<Formatter, 'when' | 'dayHeading' | 'dayOf'> = {
    when(iso, now) {
      const t = Date.parse(iso);
      if (Number.isNaN(t)) return '';
      const day = dayKey(t, zoneName);
      const today = dayKey(now, zoneName);
      if (day === today) return time.format(t);
      // Within the six days before today (a day ahead, a clock skew, reads as a date).
      if (day < today && now - t < 6 * 86_400_000) return weekday.format(t);
      if (day.slice(0, 4) === today.slice(0, 4)) return dayMonth.format(t);
      return date.format(t);
    },
    dayHeading(iso, now) {
      const t = Date.parse(iso);
      if (Number.isNaN(t)) return '';
      const day = dayKey(t, zoneName);
      const today = dayKey(now, zoneName);
      // Whole days between the two keys (calendar days, not 24-hour spans).
      const apart = Math.round(
        (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000,
      );
      if (apart === 0 || apart === 1) return capitalised(relativeDay.format(-apart, 'day'));
      const sameYear = day.slice(0, 4) === today.slice(0, 4);
      // "г." after the year reads as clutter in a heading (as in monthYear).
      return capitalised((sameYear ? fullDay : fullDayYear).format(t).replace(/\s?г\.$/, ''));
    },
    dayOf(iso) {
      const t = Date.parse(iso);
      return Number.isNaN(t) ? '' : dayKey(t, zoneName);
    },
  };
  return days;
}

/** A month's heading (`November 2026` / `Ноябрь 2026`) of a `2026-11` key. */
function monthYearFormat(tag: string): Formatter['monthYear'] {
  const monthName = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (month) => {
    const t = Date.parse(`${month.slice(0, 7)}-01T00:00:00Z`);
    if (Number.isNaN(t)) return '';
    // Russian writes `ноябрь 2026 г.`: the month and the year only, the month capitalised.
    const text = monthName
      .formatToParts(t)
      .filter(
        (p) => p.type === 'month' || p.type === 'year' || (p.type === 'literal' && !/\p{L}/u.test(p.value)),
      )
      .map((p) => p.value)
      .join('')
      .trim();
    return text.charAt(0).toLocaleUpperCase(tag) + text.slice(1);
  };
}

export function formatter(locale: Locale, timeZone?: string): Formatter {
  const key = `${locale}|${timeZone ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const tag = tags[locale];
  const zone = timeZone ? { timeZone } : {};
  const zoneName = timeZone ?? systemTimeZone();
  const date = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', ...zone });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short', ...zone });
  const number = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const { timeIn, zoneLabel } = zoneFormats(locale, tag);
  const at = (f: Intl.DateTimeFormat) => (iso: string) => {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? '' : f.format(t);
  };
  const region = viewerRegion(locale, globalThis.navigator?.language);
  const made: Formatter = {
    zone: zoneLabel,
    phone: (value) => phoneShown(value, region),
    date: at(date),
    time: at(time),
    dateTime: at(dateTime),
    number: (n) => number.format(n),
    percent: (share) => percent.format(share),
    ...dayFormats(tag, zoneName, zone),
    ...measureFormats(tag),
    timeElsewhere(iso, z) {
      const t = Date.parse(iso);
      if (Number.isNaN(t) || !z || z === zoneName || !isTimeZone(z)) return '';
      if (zoneOffsetMs(t, z) === zoneOffsetMs(t, zoneName)) return '';
      return timeIn(z, t, dayKey(t, z) === dayKey(t, zoneName));
    },
    dateTimeIn(iso, z) {
      const t = Date.parse(iso);
      if (Number.isNaN(t)) return '';
      const there = made.timeElsewhere(iso, z);
      return there ? `${dateTime.format(t)} (${there})` : dateTime.format(t);
    },
    monthYear: monthYearFormat(tag),
    money: moneyFormat(tag, number),
  };
  cache.set(key, made);
  return made;
}
