// Dates, times, numbers and amounts in the UI's language (Intl, one cached set of formatters per
// language: creating one per table cell is what makes scrolling slow). Components take them from
// `useFormat()` (i18n), so Russian shows `22.11.2026`, `07:29` and `240 000 ₽`, English `11/22/2026`,
// `7:29 AM` and `RUB 240,000`.
import { dayKey, systemTimeZone } from '@app/shared/time';

/** The UI's languages (i18n.ts holds their dictionaries). */
export type Locale = 'en' | 'ru';

export type Formatter = {
  date(iso: string): string;
  time(iso: string): string;
  dateTime(iso: string): string;
  number(n: number): string;
  money(amount: number, currency: string): string;
  /** A duration in its largest fitting unit: `1.5 s`, `2 min` / `1,5 с`, `2 мин`. */
  duration(ms: number): string;
  /** A file size in its largest fitting unit: `820 byte`, `1.2 MB` / `1,2 МБ`. */
  bytes(n: number): string;
  /**
   * When an item of a list happened, as short as it can be read (an inbox's rows): the time on the
   * same day as `now`, the weekday within the week before, the day and month within the year, else the
   * date. Days are those of the formatter's time zone (the device's by default).
   */
  when(iso: string, now: number): string;
};

const tags: Record<Locale, string> = { en: 'en-US', ru: 'ru-RU' };
const cache = new Map<string, Formatter>();

export function formatter(locale: Locale, timeZone?: string): Formatter {
  const key = `${locale}|${timeZone ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const tag = tags[locale];
  const zone = timeZone ? { timeZone } : {};
  const date = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', ...zone });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short', ...zone });
  const number = new Intl.NumberFormat(tag);
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'short', ...zone });
  const dayMonth = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', ...zone });
  const zoneName = timeZone ?? systemTimeZone();
  const money = new Map<string, Intl.NumberFormat>();
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
  const at = (f: Intl.DateTimeFormat) => (iso: string) => {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? '' : f.format(t);
  };
  const made: Formatter = {
    date: at(date),
    time: at(time),
    dateTime: at(dateTime),
    number: (n) => number.format(n),
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
    duration(ms) {
      if (ms < 1000) return units.ms.format(ms);
      if (ms < 60_000) return units.s.format(ms / 1000);
      if (ms < 3_600_000) return units.min.format(ms / 60_000);
      return units.h.format(ms / 3_600_000);
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
    money(amount, currency) {
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
    },
  };
  cache.set(key, made);
  return made;
}
