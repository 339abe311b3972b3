// What a rep types into a date or time field, read in the UI's language, and how the field shows a
// value: Russian `15.12.2026` and `09:30`, English `12/15/2026` and `9:30 AM`, as the app's formatter
// (format.ts, Intl) writes dates and times everywhere else; typed text is read by date-fns' localized
// patterns, besides an ISO day (`2026-12-15`) or a 24-hour time pasted from elsewhere. Values stay what native inputs hold (`YYYY-MM-DD`, `HH:mm`), so
// forms and their round trips through the rep's time zone (task-views.ts) are unchanged.
import { format, isValid, parse } from 'date-fns';
import { enUS, ru } from 'date-fns/locale';
import type { Locale } from './format';

export const dateLocales = { en: enUS, ru } as const;

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoTime = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A `YYYY-MM-DD` value as a local calendar date (noon: no zone can move it to another day). */
export function dayToDate(value: string): Date | undefined {
  const m = isoDay.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return d.getMonth() === Number(m[2]) - 1 ? d : undefined;
}

export const dateToDay = (d: Date): string => format(d, 'yyyy-MM-dd');

/** How a date field shows a `YYYY-MM-DD` value: `15.12.2026` / `12/15/2026`; '' when empty or bad. */
export function showDay(value: string, locale: Locale): string {
  return isoDay.test(value) && dayToDate(value)
    ? dayFormat[locale].format(Date.parse(`${value}T12:00:00Z`))
    : '';
}

const tags: Record<Locale, string> = { en: 'en-US', ru: 'ru-RU' };
const inUtc = (locale: Locale, opts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(tags[locale], { ...opts, timeZone: 'UTC' });
/** The formatter's (format.ts) date and time, on the UTC clock: values here carry no zone. */
const dayFormat = {
  en: inUtc('en', { year: 'numeric', month: '2-digit', day: '2-digit' }),
  ru: inUtc('ru', { year: 'numeric', month: '2-digit', day: '2-digit' }),
};
const timeFormat = { en: inUtc('en', { timeStyle: 'short' }), ru: inUtc('ru', { timeStyle: 'short' }) };

/** Patterns a typed date is read by, the UI language's own first. */
const dayPatterns: Record<Locale, string[]> = {
  en: ['P', 'M/d/yyyy', 'yyyy-MM-dd', 'MMM d, yyyy', 'MMMM d, yyyy', 'd MMM yyyy'],
  ru: ['P', 'd.M.yyyy', 'yyyy-MM-dd', 'd MMMM yyyy', 'd MMM yyyy'],
};

/**
 * A typed date as `YYYY-MM-DD`: '' for an empty field, undefined for text that is no whole date (a
 * year of fewer than four digits is taken for unfinished typing, not for the year 20).
 */
export function readDay(text: string, locale: Locale): string | undefined {
  const t = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*г\.?$/u, '');
  if (!t) return '';
  if (!/\d{4}/.test(t)) return undefined;
  const ref = new Date(2000, 0, 1, 12);
  for (const pattern of dayPatterns[locale]) {
    const d = parse(t, pattern, ref, { locale: dateLocales[locale] });
    if (isValid(d) && d.getFullYear() >= 1900 && d.getFullYear() <= 2200) return dateToDay(d);
  }
  return undefined;
}

/** How a time field shows `HH:mm`: `09:30` / `9:30 AM`; '' when empty or bad. */
export function showTime(value: string, locale: Locale): string {
  return isoTime.test(value) ? timeFormat[locale].format(Date.parse(`2000-01-01T${value}:00Z`)) : '';
}

const timePatterns = ['p', 'HH:mm', 'H:mm', 'h:mm a', 'h:mma', 'h a', 'ha', 'H'];

/** A typed time as `HH:mm` (24-hour), '' for an empty field, undefined for text that is no time. */
export function readTime(text: string, locale: Locale): string | undefined {
  // Intl writes a narrow no-break space before AM/PM.
  const t = text.trim().replace(/\s+/g, ' ').replace(/\./g, ':').toUpperCase();
  if (!t) return '';
  const ref = new Date(2000, 0, 1);
  for (const pattern of timePatterns) {
    const d = parse(t, pattern, ref, { locale: dateLocales[locale] });
    if (isValid(d)) return format(d, 'HH:mm');
  }
  return undefined;
}

/** The times offered in a time field's list: every half hour of the day, as `HH:mm`. */
export const halfHours: readonly string[] = Array.from(
  { length: 48 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);

/** The short name of a time zone at a moment, in the UI's language (`GMT+3`, `MSK`, `EST`). */
export function zoneLabel(timeZone: string, locale: Locale, at = Date.now()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
      timeZone,
      timeZoneName: 'short',
    }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
