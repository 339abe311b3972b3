// The day an event request names, Russian and English, as YYYY-MM-DD against the conversation's now
// (UTC): a full date ("14 марта 2027", "March 14th, 2027", "12.06.2027", "3/15/2027", "2027-03-14"), a
// day and month ("26 декабря", "on the 2nd of January"; the next such day), the first day of a range
// ("15-16 апреля", "9-10 June"), a day as an ordinal in words («первого марта», «тридцать первого
// декабря», "the first of March"), a holiday on a fixed day ("New Year's Eve", «в новогоднюю ночь»,
// "Christmas Eve", "Valentine's Day"), and relative days ("завтра", "послезавтра", "через две недели", "in 3
// months", "в эту пятницу", "next Friday", "25-го"). A month or a week with no day ("в конце апреля",
// "next month") gives no day: Maestro asks for it rather than guess. A document's own date after its
// number and «от»/"from"/"dated" («Заявка №7781 от 01.12», "Invoice #42 dated 3/1/2027") is skipped.
// Since the blind set events6 (issue 61): an outgoing or incoming letter's date («Исх. № 1187/12 от
// 07.12.2026», «Вх. №»), "my email of 30 November" skipped too; a deadline for the agency's answer
// («предложение до 11.12 включительно», "send your proposal by 14 December") skipped; a range «с 10 по
// 12 июня», "8 through 11 April" its first day; a weekday with a day ("Friday the 18th", «в субботу,
// 19-го») that day, with next week («в пятницу на следующей неделе», "Thursday next week") next week's;
// "the 18th of next month"; lower-case "may" before an ordinal in words ("may thirteenth", voice-to-text).
// Since the blind set events7 (issue 61, chat messages): a date taken back («ой, сорри, 18-е занято,
// давайте на 19-е», "March 10th. Actually scratch that, make it March 17th"; changes.ts) is the one said
// after, a day alone keeping the replaced month; a day alone ruled out with words between («18-е у шефа
// занято»); «на 19-е», «12е»; St Patrick's Day, Halloween, «старый Новый год», Women's Day, «День
// защитника Отечества» and US Thanksgiving (the fourth Thursday of November); chat forms: short
// weekdays after в/эту/следующую/this/next/on ("next sat", «в эту сб», «в пт»), «след.», short months
// («18 дек», «23 фев.»), "tmrw", "N weeks from now", «через 2 нед.».
// Since the blind set events8 (issue 61): a date moved with a verb of moving («Переносим с 15 декабря на
// 22 декабря», "moving it from Dec 18 to Dec 23") is the new one; a day said "instead" ("on the eleventh
// but … let's do the nineteenth instead") is that one; a day alone in words after "on the"/"do the";
// «Татьянин день», «День знаний», «День Победы», «День России», «День народного единства», «День
// космонавтики», Independence Day, Boxing Day.
// Since the blind set events9 (issue 61): a poll's, a form's or sign-ups' closing date («анкета открыта до
// 15.12», "the RSVP form closes on Dec 12") and a room number like a date («переговорка 4.12», «кабинет
// 3.14», "room 3.11") are skipped (a reply's quoted thread: extract.ts).
// Since the blind set events12 (issue 61): a date moved by an amount of time («сдвигаем на неделю — 18-19
// февраля», "push it back a week": the date after, else the one before shifted); «через две недели в
// пятницу» (that weekday of the week two weeks ahead); "the saturday after next"; «в сентябре, 11-го
// числа» (the month said before a day alone); «но нет, лучше 27-го», "— sorry, May 29th" and a choice
// decided («в субботу или в воскресенье… ладно, воскресенье»; changes.ts).
import { findNumbers } from '../../reading/index';
import { findOrdinals } from '../../reading/ordinals';
import { correctionsIn } from './changes';

// With the short forms people write in chats (since events7): «18 дек», «23 фев.», «5 сент».
const ruMonths = [
  /^(?:январ|янв$)/u,
  /^(?:феврал|фев$|февр$)/u,
  /^(?:март|мар$)/u,
  /^(?:апрел|апр$)/u,
  /^ма[йяе]$/u,
  /^июн/u,
  /^июл/u,
  /^(?:август|авг$)/u,
  /^(?:сентябр|сен$|сент$)/u,
  /^(?:октябр|окт$)/u,
  /^(?:ноябр|ноя$|нояб$)/u,
  /^(?:декабр|дек$)/u,
];
const enMonths =
  /^(?:(jan)(?:uary)?|(feb)(?:ruary)?|(mar)(?:ch)?|(apr)(?:il)?|(may)|(jun)e?|(jul)y?|(aug)(?:ust)?|(sep)(?:t(?:ember)?)?|(oct)(?:ober)?|(nov)(?:ember)?|(dec)(?:ember)?)\.?$/iu;

/** A month's index (0–11) from its name in either language, any case form; -1: not a month. */
export function monthOf(word: string): number {
  // A sentence's full stop may follow the month ("14 мая. Гостей 70"): "мая." is May.
  const w = word.toLowerCase().replace(/ё/gu, 'е').replace(/\.$/u, '');
  const ru = ruMonths.findIndex((re) => re.test(w));
  if (ru >= 0) return ru;
  const en = enMonths.exec(w);
  return en ? en.slice(1).findIndex(Boolean) : -1;
}

const dayMs = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const ymd = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m, d));
  return date.getUTCMonth() === m && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : undefined;
};
const today = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** The next day/month from today on (this year's, else next year's). */
function nextDayMonth(now: Date, month: number, d: number): string | undefined {
  const y = now.getUTCFullYear();
  const day = ymd(y, month, d);
  return day && day >= iso(today(now)) ? day : ymd(y + 1, month, d);
}

const year = (raw: string | undefined) =>
  raw === undefined ? undefined : raw.length === 2 ? 2000 + Number(raw) : Number(raw);

const ordinal = String.raw`(?:st|nd|rd|th|-?(?:го|е|ое|ого))?`;
const word = String.raw`[a-zа-яё]+\.?`;
const dayMonth = new RegExp(
  String.raw`(?<![\d.,])(\d{1,2})${ordinal}(?:\s*(?:[-–—]|до|по|to|through|thru|till|until|and|и)\s*\d{1,2}${ordinal})?\s+(?:of\s+)?(${word})(?:\s*,?\s*(\d{4}))?`,
  'giu',
);
const monthDay = new RegExp(
  String.raw`\b(${word})\s+(?:the\s+)?(\d{1,2})${ordinal}(?!\d)(?:\s*(?:[-–—]|to|through|thru|till|until|and)\s*\d{1,2}${ordinal})?(?:\s*,?\s*(\d{4}))?`,
  'giu',
);

/** A date written with a month's name: "14 марта 2027", "9-10 June", "March 14th, 2027". */
function namedMonth(t: string, now: Date): string | undefined {
  for (const m of t.matchAll(dayMonth)) {
    const month = monthOf(m[2]!);
    if (month < 0) continue;
    const y = year(m[3]);
    return y ? ymd(y, month, Number(m[1])) : nextDayMonth(now, month, Number(m[1]));
  }
  for (const m of t.matchAll(monthDay)) {
    const month = monthOf(m[1]!);
    if (month < 0 || !/^[a-z]/u.test(m[1]!)) continue;
    const y = year(m[3]);
    return y ? ymd(y, month, Number(m[2])) : nextDayMonth(now, month, Number(m[2]));
  }
  return undefined;
}

/** "2027-03-14", "12.06.2027", "12/06/27", "3/15/2027" (month first only when the day cannot be), "14.03". */
function numeric(t: string, now: Date): string | undefined {
  const isoDate = t.match(/(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/u);
  if (isoDate) return ymd(Number(isoDate[1]), Number(isoDate[2]) - 1, Number(isoDate[3]));
  const full = t.match(/(?<![\d.,])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d.,]?\d)/u);
  if (full) {
    let [d, m] = [Number(full[1]), Number(full[3])];
    // "3/15/2027": a month first, as Americans write it, when the second cannot be a month.
    if (full[2] === '/' && m > 12 && d <= 12) [d, m] = [m, d];
    return ymd(year(full[4])!, m - 1, d);
  }
  // "on 12/18", "for 3/15": a month and day with no year, as Americans write it (month first unless the
  // first cannot be a month; in Russian text day first). Unambiguous, or after on/for/by/date/на; not "24/7".
  for (const md of t.matchAll(/(?<![\d.,/])(\d{1,2})\/(\d{1,2})(?![\d/]|[.,]\d)/gu)) {
    const [a, b] = [Number(md[1]), Number(md[2])];
    if ((a === 24 && b === 7) || a < 1 || b < 1) continue;
    const lead = /(?:^|[^\p{L}])(?:on|for|by|date|dated|until|till|на|к|до|дата)\s*[:—–-]?\s*$/u.test(
      t.slice(0, md.index),
    );
    if (!lead && a <= 12 && b <= 12) continue;
    const english = (t.match(/[a-z]/gu)?.length ?? 0) > (t.match(/[а-я]/gu)?.length ?? 0);
    const monthFirst = a <= 12 && (b > 12 || (english && b <= 31));
    const [m, d] = monthFirst ? [a, b] : [b, a];
    if (m > 12 || d > 31) continue;
    const day = nextDayMonth(now, m - 1, d);
    if (day) return day;
  }
  const short = t.match(/(?<![\d.,])(\d{1,2})\.(\d{2})(?![\d.,]?\d)(?!\s*(?:млн|тыс|k|m|%|руб|usd|\$|€|£))/u);
  if (short && Number(short[2]) >= 1 && Number(short[2]) <= 12)
    return nextDayMonth(now, Number(short[2]) - 1, Number(short[1]));
  return undefined;
}

const ruDays = [
  /^воскресень/u,
  /^понедельник/u,
  /^вторник/u,
  /^сред[ау]$/u,
  /^четверг/u,
  /^пятниц/u,
  /^суббот/u,
];
const enDays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const weekdayOf = (w: string) => {
  const ru = ruDays.findIndex((re) => re.test(w));
  return ru >= 0 ? ru : enDays.indexOf(w.replace(/s$/u, ''));
};

/** A weekday's short form after a word that names a day ("next sat", «в эту сб», «в пт», "on fri"). */
const shortDays: Record<string, string> = {
  пн: 'понедельник',
  вт: 'вторник',
  ср: 'среду',
  чт: 'четверг',
  пт: 'пятницу',
  сб: 'субботу',
  вс: 'воскресенье',
  mon: 'monday',
  tue: 'tuesday',
  tues: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  thur: 'thursday',
  thurs: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
};
/**
 * Chat forms of a weekday written out: «в след. субботу» → «в следующую субботу», «в эту сб» → «в эту
 * субботу», "next sat" → "next saturday". A short form counts only after «в», «во», «эту», «следующую»,
 * "this", "next" or "on" ("we sat", "the sun", "to wed" stay); the same length is not kept.
 */
const shortWeekdays = (t: string) =>
  t
    .replace(/(?<!\p{L})след\.\s*/gu, 'следующую ')
    .replace(
      /(?<!\p{L})(в|во|эту|следующую|this|next|on)\s+(пн|вт|ср|чт|пт|сб|вс|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?(?![\p{L}\d])/gu,
      (all, lead: string, day: string) =>
        lead === 'on' && (day === 'sun' || day === 'wed') ? all : `${lead} ${shortDays[day]}`,
    );

/** "в пятницу" (the coming one), "в эту пятницу"/"this Friday" (this week's), "в следующую пятницу"/"next
 * Friday" (next week's: the week starts on Monday). */
function weekday(text: string, now: Date): string | undefined {
  const t = shortWeekdays(text);
  const m = t.match(
    /(?:^|[^\p{L}])((?:\p{L}+\s+){0,3})(воскресенье|понедельник|вторник|среду|четверг|пятницу|субботу|sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?!\p{L})/iu,
  );
  if (!m) return undefined;
  const target = weekdayOf(m[2]!);
  const base = today(now);
  const dow = now.getUTCDay();
  const rest = t.slice(m.index! + m[0].length);
  // "Friday the 18th (of this month)", «в пятницу, 18-го», «в пятницу 18 числа»: the day named, the next
  // one that falls on that weekday (else the next such day).
  const day =
    /^\s*,?\s*(?:the\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th|-?го|-?е|\s+числа))(?![\d\p{L}]|[:.,]\d)/u.exec(
      rest,
    );
  if (day) {
    const d = Number(day[1] ?? day[2]);
    const days: number[] = [];
    for (let k = 0; k < 12 && d >= 1 && d <= 31; k++) {
      const date = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, d);
      if (new Date(date).getUTCDate() === d && date >= base) days.push(date);
    }
    const onWeekday = days.find((x) => new Date(x).getUTCDay() === target);
    if (onWeekday !== undefined || days[0] !== undefined) return iso(onWeekday ?? days[0]!);
  }
  // "в пятницу на следующей неделе", "Friday next week", "on Friday of next week": next week's.
  if (
    /следующ|next/u.test(m[1]!) ||
    /^\s*,?\s*(?:на\s+следующей\s+неделе|следующей\s+недели|(?:of\s+)?next\s+week)(?!\p{L})/u.test(rest)
  ) {
    // Monday of next week, then the day in it.
    const toMonday = ((8 - dow) % 7 || 7) * dayMs;
    return iso(base + toMonday + ((target + 6) % 7) * dayMs);
  }
  // "the Saturday after next" (since events12): the one a week after the coming one.
  const afterNext = /^\s+after\s+next(?!\p{L})/u.test(rest) ? 7 : 0;
  return iso(base + (((target - dow + 7) % 7 || 7) + afterNext) * dayMs);
}

/** "через две недели", "через месяц", "in 3 months", "in a week": a count of days, weeks or months. */
function after(t: string, now: Date): string | undefined {
  // "in 2 weeks", «через 2 нед.», "2 weeks from now" (the short forms since events7).
  const m =
    t.match(
      /(?:через|in)\s+((?:[\p{L}\d-]+\s+){0,2}?)(дн\p{L}*|день|сутки|недел\p{L}*|нед(?!\p{L})|мес(?!\p{L})|месяц\p{L}*|days?|weeks?|wks?|months?)(?!\p{L})/iu,
    ) ??
    t.match(
      /(?<![\p{L}\d])((?:[\p{L}\d-]+\s+){1,2}?)(days?|weeks?|wks?|months?)\s+from\s+(?:now|today)(?!\p{L})/iu,
    );
  if (!m) return undefined;
  const countText = m[1]!.trim();
  const n = countText ? findNumbers(countText)[0]?.value : 1;
  const count = n ?? (/^(?:a|an|one)$/iu.test(countText) ? 1 : undefined);
  if (!count || !Number.isInteger(count) || count > 36) return undefined;
  const base = new Date(today(now));
  const unit = m[2]!.toLowerCase();
  if (/^(?:дн|день|сутки|day)/u.test(unit)) return iso(base.getTime() + count * dayMs);
  if (/^(?:нед|week|wk)/u.test(unit)) {
    // «через две недели в пятницу», "in two weeks on Friday" (since events12): that weekday of the week N
    // weeks ahead (the week starts on Monday), not N weeks from today.
    const day = /^\s*,?\s*(?:в|во|on)\s+(\p{L}+)/u.exec(t.slice(m.index! + m[0].length))?.[1];
    const target = day === undefined ? -1 : weekdayOf(day.toLowerCase());
    if (target >= 0) {
      const monday = base.getTime() - ((base.getUTCDay() + 6) % 7) * dayMs;
      return iso(monday + (count * 7 + ((target + 6) % 7)) * dayMs);
    }
    return iso(base.getTime() + count * 7 * dayMs);
  }
  const month = new Date(base);
  month.setUTCMonth(month.getUTCMonth() + count);
  return iso(month.getTime());
}

/** "25-го", "25 числа", «на 19-е», "on the 25th": the next such day of a month. */
function dayOnly(t: string, now: Date): string | undefined {
  const m = t.match(
    /(?<![\d.,])(\d{1,2})(?:-?го|\s+числа|-?е(?=\s*(?:$|[,.!?;)]|число))|(?:st|nd|rd|th)(?!\s+(?:anniversary|birthday)))(?!\p{L})/iu,
  );
  if (!m) return undefined;
  const d = Number(m[1]);
  const y = now.getUTCFullYear();
  // A month named just before it («в сентябре, 11-го числа», "in March, on the 14th"; since events12):
  // that month's day, its next one.
  const month = /(?:^|[^\p{L}])(?:в|во|in)\s+(\p{L}+)\s*[,—–-]?\s*(?:(?:on|the|on\s+the)\s+)?$/u.exec(
    t.slice(Math.max(0, m.index! - 30), m.index),
  )?.[1];
  if (month !== undefined && monthOf(month) >= 0) return nextDayMonth(now, monthOf(month), d);
  // "the 18th of next month", «25-го следующего месяца»: from the next month on.
  const next = /^\s*(?:of\s+)?(?:next\s+month|следующего\s+месяца)/u.test(t.slice(m.index! + m[0].length));
  for (let k = next ? 1 : 0; k < 3; k++) {
    const date = new Date(Date.UTC(y, now.getUTCMonth() + k, d));
    if (date.getUTCDate() === d && date.getTime() >= today(now)) return iso(date.getTime());
  }
  return undefined;
}

/**
 * A day written as an ordinal in words beside a month (or «числа»), in digits: «первого марта» → «1 марта»,
 * «тридцать первого декабря» → «31 декабря», "the twenty-first of June" → "the 21 of june", "March
 * first" → "march 1". An ordinal with no month beside it ("second floor", «пятый этаж») stays.
 */
function ordinalDays(t: string, text: string): string {
  let out = t;
  for (const o of findOrdinals(t).reverse()) {
    if (o.value < 1 || o.value > 31) continue;
    const next = /^\s+(?:of\s+)?([a-zа-я]+)/u.exec(t.slice(o.end))?.[1];
    const before = /([a-zа-я]+)\s+(?:the\s+)?$/u.exec(t.slice(0, o.start));
    const prev = before?.[1];
    const monthAfter = next !== undefined && (monthOf(next) >= 0 || next === 'числа');
    // "March first", "May first" (not "we may first…": a verb; not "March second week"). Voice-to-text
    // writes the month in lower case: "may thirteenth", "on may first", "saturday may twenty second"
    // (a verb "may" is never followed by an ordinal past "second").
    const monthBefore =
      prev !== undefined &&
      /^[a-z]/u.test(prev) &&
      (prev !== 'may' ||
        text[before!.index] === 'M' ||
        o.value > 2 ||
        /(?:^|[^a-z])(?:on|from|by|until|till|since|of|for|\w+day),?\s+$/u.test(t.slice(0, before!.index))) &&
      monthOf(prev) >= 0 &&
      !/^(?:week|weekend|half|quarter|decade|part)/u.test(next ?? '');
    // Since events8: a day alone in words after "on the", "do the", "for the" ("on the eleventh but …",
    // "let's do the nineteenth instead"), nothing counted after it ("on the second floor", "for the first
    // time" stay): "11th".
    const dayAlone =
      /(?:^|[^a-z])(?:on|for|do|to|until|till|by|make\s+it)\s+the\s+$/u.test(t.slice(0, o.start)) &&
      (next === undefined ||
        /^(?:but|instead|and|or|so|is|works|then|please|about|at|if|with|in|because|since|as)$/u.test(next) ||
        /^\s*[,.!?;]/u.test(t.slice(o.end)));
    if (monthAfter || monthBefore) out = out.slice(0, o.start) + String(o.value) + out.slice(o.end);
    else if (dayAlone && /^[a-z]/u.test(t.slice(o.start, o.end)))
      out = out.slice(0, o.start) + `${o.value}th` + out.slice(o.end);
  }
  return out;
}

/** Days named by a holiday that falls on one date: [pattern, month (0–11), day]. */
const holidays: [RegExp, number, number][] = [
  [
    /new\s+year'?s?'?\s+eve|(?<![a-z])nye(?![a-z])|канун\p{L}*\s+нового\s+года|новогодн(?:юю|яя|ей)\s+ноч/u,
    11,
    31,
  ],
  [/new\s+year'?s?'?\s+day/u, 0, 1],
  [/christmas\s+eve|xmas\s+eve/u, 11, 24],
  [/christmas\s+day|xmas\s+day/u, 11, 25],
  [/valentine'?s?'?\s+day|день\s+(?:святого\s+)?валентина|день\s+всех\s+влюбленных/u, 1, 14],
  // Since events7: St Patrick's Day, Halloween, the Old New Year, Women's Day and Defender of the
  // Fatherland Day named in words.
  [/(?:st\.?|saint)\s+patrick'?s?'?\s+day|st\.?\s+paddy'?s?'?\s+day|день\s+(?:святого\s+)?патрика/u, 2, 17],
  [/hallowe'?en|хэллоуин|хеллоуин/u, 9, 31],
  [/стар(?:ый|ого|ому|ым|ом)\s+нов(?:ый|ого|ому|ым|ом)\s+год/u, 0, 13],
  [/(?:international\s+)?women'?s\s+day|женск(?:ий|ому|ого)\s+д(?:ень|ню|ня)/u, 2, 8],
  [/д(?:ень|ню|ня|нем)\s+защитник\p{L}*\s+отечеств/u, 1, 23],
  // Since events8: more holidays on a fixed day: Tatiana Day (students' day), Knowledge Day, Victory
  // Day, Russia Day, National Unity Day, Cosmonautics Day, Independence Day (US), Boxing Day.
  [/татьянин\p{L}*\s+д(?:ень|ню|ня|нем|не)|д(?:ень|ню|ня|нем|не)\s+(?:российского\s+)?студент\p{L}*/u, 0, 25],
  [/д(?:ень|ню|ня|нем|не)\s+знаний/u, 8, 1],
  [/д(?:ень|ню|ня|нем|не)\s+победы/u, 4, 9],
  [/д(?:ень|ню|ня|нем|не)\s+россии/u, 5, 12],
  [/д(?:ень|ню|ня|нем|не)\s+народного\s+единства/u, 10, 4],
  [/д(?:ень|ню|ня|нем|не)\s+космонавтики/u, 3, 12],
  [/independence\s+day|fourth\s+of\s+july|4th\s+of\s+july/u, 6, 4],
  [/boxing\s+day/u, 11, 26],
];

/** US Thanksgiving: the fourth Thursday of November, the next one from today on. */
function thanksgiving(t: string, now: Date): string | undefined {
  if (!/thanksgiving|день\s+благодарения/u.test(t)) return undefined;
  for (let y = now.getUTCFullYear(); y <= now.getUTCFullYear() + 1; y++) {
    const first = new Date(Date.UTC(y, 10, 1)).getUTCDay();
    const day = 1 + ((4 - first + 7) % 7) + 21;
    const date = ymd(y, 10, day)!;
    if (date >= iso(today(now))) return date;
  }
  return undefined;
}

/** "New Year's Eve", «в новогоднюю ночь», "Christmas Eve", "Valentine's Day": the next such day. */
function holiday(t: string, now: Date): string | undefined {
  const h = holidays.find(([re]) => re.test(t));
  return h ? nextDayMonth(now, h[1], h[2]) : thanksgiving(t, now);
}

/**
 * A document's own date: a date after «от»/"from"/"dated" that follows a document word and its number
 * («Заявка №7781 от 01.12», «по договору от 5 марта 2026», "Invoice #42 dated 3/1/2027", "order 118
 * from 12 May"). It is when the paper was written, not the event's day: blanked before reading.
 */
const documentDate = new RegExp(
  String.raw`((?:заявк|договор|сч[её]т|письм|приказ|накладн|акт(?!\p{L})|запрос|исх(?!\p{L})|исходящ|вх(?!\p{L})|входящ|order|invoice|contract|letter|request|quote|ref(?:erence)?|ticket|po(?!\p{L})|e-?mail|mail(?!\p{L})|message)\p{L}*\.?(?:\s*(?:№|#|no\.?|n\.|nr\.?)?\s*[\w/.-]*\d[\w/.-]*)?\s+(?:от|from|dated|of)\s+|(?:№|#)\s*[\w/.-]*\d[\w/.-]*\s+(?:от|dated)\s+)(\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-zа-я]+\.?(?:\s*,?\s*\d{4})?|[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*,?\s*\d{4})?)`,
  'giu',
);
const withoutDocumentDates = (t: string) =>
  t.replace(documentDate, (all, lead: string, date: string) =>
    // Digits with separators, or a day beside a month's name ("from 12 people" stays).
    /\d[./-]\d/u.test(date) || (date.match(/[a-zа-я]+\.?/gu) ?? []).some((w) => monthOf(w) >= 0)
      ? lead + ' '.repeat(date.length)
      : all,
  );

/**
 * A date ruled out: one followed by «не подходит», «отпадает», «занято», "doesn't work", "is out", "is
 * booked", or after «вместо»/"instead of" («31 декабря не подходит, нужно 26 декабря», "Dec 31 won't
 * work, so Dec 27"). It is not the event's day: blanked before reading.
 */
const dateForm = String.raw`\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{1,2}(?:st|nd|rd|th|-?го)?\s+(?:of\s+)?[a-zа-я]+\.?(?:\s*,?\s*\d{4})?|[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*,?\s*\d{4})?`;
const ruledOutAfter = new RegExp(
  String.raw`(${dateForm})(?=\s*[,:—–-]?\s*(?:(?:уже|точно|нам|к\s+сожалению|unfortunately|sadly)\s+)?(?:не\s+подход\p{L}*|не\s+получ\p{L}*|не\s+вариант|не\s+можем|не\s+устраива\p{L}*|отпада\p{L}*|отменя\p{L}*|занят\p{L}*|исключ\p{L}*|doesn't\s+work|does\s+not\s+work|won't\s+work|will\s+not\s+work|no\s+longer\s+works|is\s+out|is\s+off|is\s+taken|is\s+booked|is\s+not\s+possible|isn't\s+possible|is\s+no\s+good|is\s+not\s+an\s+option|isn't\s+an\s+option)(?!\p{L}))`,
  'giu',
);
const ruledOutBefore = new RegExp(
  String.raw`((?:вместо|instead\s+of|not\s+on|rather\s+than|no\s+longer(?:\s+on)?|уже\s+не)\s+)(${dateForm})`,
  'giu',
);
/** A day alone ruled out, up to three words between («18-е у шефа занято», "the 18th is booked for us"). */
const ruledOutDay =
  /(?<![\d.,])\d{1,2}(?:-?(?:е|го)|st|nd|rd|th)(?!\p{L})(?=(?:\s+(?:у|у\s+нас|нам|is|for|for\s+us|\p{L}+)){0,3}?\s*[,:—–-]?\s*(?:(?:уже|точно|тоже|already|also)\s+)?(?:не\s+подход\p{L}*|не\s+получ\p{L}*|не\s+вариант|отпада\p{L}*|занят\p{L}*|doesn't\s+work|won't\s+work|is\s+out|is\s+taken|is\s+booked|booked|taken)(?!\p{L}))/giu;
/**
 * A date moved to another: the one after «с»/"from" when a verb of moving and «на»/"to" another date
 * follow («Переносим приём с 15 декабря на 22 декабря», "we're moving it from Dec 15 to Dec 22"; since
 * events8). A range without such a verb («с 10 по 12 июня», "from 9 to 11 April") is not one.
 */
const movedFrom = new RegExp(
  String.raw`((?:перенос\p{L}*|перенест\p{L}*|перенес\p{L}*|сдвига\p{L}*|сдвину\p{L}*|мен(?:яем|яю|ять)\s+дату|mov(?:e|es|ed|ing)|shift\p{L}*|reschedul\p{L}*|postpon\p{L}*|push(?:ed|ing)?(?:\s+back)?)[^.!?\n]{0,40}?(?<!\p{L})(?:с|со|from)\s+)(${dateForm})(?=\s+(?:на|to)\s+(?:${dateForm}))`,
  'giu',
);
/**
 * A date moved to another with no «с»/"from" before the old one: a verb of moving, then «на»/"to" the new
 * date («сначала думали на 18 декабря, но зал занят, переносим на 19 декабря», "we had booked 22 January
 * … moving it to 29 January"; since events11). The new date is the event's.
 */
const movedTo = new RegExp(
  String.raw`(?<!\p{L})(?:перенос\p{L}*|перенест\p{L}*|перенес\p{L}*|сдвига\p{L}*|сдвину\p{L}*|mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|reschedul\p{L}*|postpon\p{L}*|push(?:es|ed|ing)?(?:\s+(?:it|this|that|everything)?\s*back)?)(?:\s+(?:it|this|that|everything|the\s+(?:event|party|date|day)|всё|все|его|её|ее|мероприятие|праздник|дату)){0,2}?\s+(?:на|to)\s+(${dateForm})`,
  'giu',
);
/**
 * A date moved by an amount of time (since events12): «сдвигаем на неделю», «переносим на две недели
 * позже», "we need to push it back a week", "postpone it by 3 days", "move it a week earlier". The date
 * said after it is the new one («сдвигаем на неделю — 18-19 февраля»); with none, the date said before,
 * shifted («booked for Jan 30 but we need to push it back a week» → 6 February).
 */
const shiftedBy = new RegExp(
  String.raw`(?<!\p{L})(?:перенос\p{L}*|перенест\p{L}*|перенес\p{L}*|сдвига\p{L}*|сдвину\p{L}*|mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|reschedul\p{L}*|postpon\p{L}*|push(?:es|ed|ing)?|bump(?:s|ed|ing)?|bring(?:s|ing)?|brought)(?:\s+(?:it|this|that|everything|the\s+(?:event|party|date|day)|всё|все|его|её|ее|мероприятие|праздник|дату)){0,2}?(?:\s+(back|forward|ahead|out))?\s+(?:(?:на|by)\s+)?((?:[\p{L}\d-]+\s+)?)(недел\p{L}*|дн(?:я|ей)|день|weeks?|days?)(?:\s+(позже|вперёд|вперед|раньше|later|earlier))?(?!\p{L})`,
  'iu',
);
function shifted(t: string, now: Date): string | undefined {
  const m = shiftedBy.exec(t);
  if (!m) return undefined;
  const later = dayIn(t.slice(m.index + m[0].length), now);
  if (later && !later.dayOnly) return later.date;
  const before = dayIn(t.slice(0, m.index), now);
  const countText = m[2]!.trim();
  const count = countText
    ? (findNumbers(countText)[0]?.value ?? (/^(?:a|an|one)$/iu.test(countText) ? 1 : undefined))
    : 1;
  if (!before || !count || !Number.isInteger(count) || count > 8) return undefined;
  const sign = /^(?:раньше|earlier)$/iu.test(m[4] ?? '') || /^forward$/iu.test(m[1] ?? '') ? -1 : 1;
  const days = /^(?:недел|week)/iu.test(m[3]!) ? 7 : 1;
  const [y, mo, d] = before.date.split('-').map(Number);
  return iso(Date.UTC(y!, mo! - 1, d!) + sign * count * days * dayMs);
}

const withoutRuledOut = (t: string) => {
  const blank = (date: string) =>
    /\d[./-]\d/u.test(date) || (date.match(/[a-zа-я]+\.?/gu) ?? []).some((w) => monthOf(w) >= 0)
      ? ' '.repeat(date.length)
      : date;
  return t
    .replace(ruledOutDay, (date: string) => ' '.repeat(date.length))
    .replace(ruledOutAfter, (date: string) => blank(date))
    .replace(ruledOutBefore, (_all, lead: string, date: string) => lead + blank(date))
    .replace(movedFrom, (_all, lead: string, date: string) => lead + blank(date));
};

/**
 * A deadline for the agency's answer: a date after «до»/"by"/"no later than" in a sentence that asks for
 * a proposal, an estimate or a reply («Просим направить коммерческое предложение до 11.12
 * включительно», «смету пришлите до 15 января», "please send your proposal by 14 December"), or «до
 * DATE включительно». It is when the client wants the answer, not the event's day: blanked before reading.
 */
const answerWords = String.raw`(?:предложени|кп(?!\p{L})|смет|концепци|ответ|расч[её]т|калькуляци|тендер|сообщите|дайте\s+знать|proposal|quote|quotation|estimate|offer|reply|response|respond|answer|deck|pitch|rfp|tender|bid|get\s+back|let\s+us\s+know|revert)`;
const byWords = String.raw`(?:до|не\s+позднее|by|no\s+later\s+than|not\s+later\s+than|before)`;
const deadlineAfter = new RegExp(
  String.raw`(${answerWords}\p{L}*[^.!?\n]{0,60}?(?<!\p{L})${byWords}\s+)(${dateForm})`,
  'giu',
);
const deadlineBefore = new RegExp(
  String.raw`((?<!\p{L})${byWords}\s+)(${dateForm})(?=\s*(?:включительно|inclusive)|[^.!?\n]{0,40}?(?:прислать|пришлите|направить|направьте|отправить|отправьте|подготовить|подготовьте|send|submit)[^.!?\n]{0,40}?${answerWords})`,
  'giu',
);
const withoutDeadlines = (t: string) => {
  const blank = (_all: string, lead: string, date: string) =>
    lead +
    (/\d[./-]\d/u.test(date) || (date.match(/[a-zа-я]+\.?/gu) ?? []).some((w) => monthOf(w) >= 0)
      ? ' '.repeat(date.length)
      : date);
  return t.replace(deadlineAfter, blank).replace(deadlineBefore, blank);
};

/**
 * When something else closes: a poll, a form or sign-ups («анкета открыта до 15.12», «опрос до 15
 * декабря», "the survey closes on Dec 15", "RSVPs by 12/10"; since events9). Not the event's day:
 * blanked before reading.
 */
const closesWords = String.raw`(?:анкет|опрос|голосовани|сбор\s+заявок|при[её]м\s+заявок|survey|poll|questionnaire|form(?!\p{L})|sign-?ups?|rsvps?|registration|voting)`;
const closingDate = new RegExp(
  String.raw`(${closesWords}\p{L}*[^.!?\n]{0,30}?(?<!\p{L})(?:до|по|by|until|till|through|(?:closes?|closing|ends?|ending|due)(?:\s+(?:on|by))?)\s+)(${dateForm})`,
  'giu',
);
/** A room's number that looks like a date («переговорка 4.12», «кабинет 3.14», "room 4.12"; since events9): no date. */
const roomNumber =
  /((?<!\p{L})(?:переговорн\p{L}*|переговорк\p{L}*|кабинет\p{L}*|каб\.|аудитори\p{L}*|ауд\.|комнат\p{L}*|room|suite|meeting\s+room)\s*(?:№|#|no\.?)?\s*)(\d{1,4}[./-]\d{1,3}(?![./-]?\d))/giu;
const withoutClosings = (t: string) =>
  t
    .replace(roomNumber, (_all, lead: string, n: string) => lead + ' '.repeat(n.length))
    .replace(closingDate, (all, lead: string, date: string) =>
      /\d[./-]\d/u.test(date) || (date.match(/[a-zа-я]+\.?/gu) ?? []).some((w) => monthOf(w) >= 0)
        ? lead + ' '.repeat(date.length)
        : all,
    );

/** The event's day the text names (see the file's comment), or undefined. */
export function eventDateOf(text: string, now: Date): string | undefined {
  const t = withoutClosings(
    withoutDeadlines(
      withoutRuledOut(
        withoutDocumentDates(ordinalDays(text.toLowerCase().replace(/ё/gu, 'е').replace(/’/gu, "'"), text)),
      ),
    ),
  );
  // A date taken back and another said after it («18 декабря … ой, сорри, давайте на 19-е», "March
  // 10th. Actually scratch that, make it March 17th"): the later one; a day alone keeps the month of
  // the one it replaces.
  for (const at of correctionsIn(t)) {
    const before = dayIn(t.slice(0, at), now);
    if (!before) continue;
    const later = dayIn(t.slice(at), now);
    if (!later) break;
    if (later.dayOnly) {
      const [y, m] = before.date.split('-').map(Number);
      const inMonth = ymd(y!, m! - 1, Number(later.date.slice(8)));
      if (inMonth && inMonth >= iso(today(now))) return inMonth;
    }
    return later.date;
  }
  // A date moved by an amount of time (since events12): the date said after it, else the one before, shifted.
  const shift = shifted(t, now);
  if (shift) return shift;
  // A date moved to another with no «с»/"from" before the old one (since events11): the last one it is moved to.
  const moved = [...t.matchAll(movedTo)]
    .map((m) => dayIn(m[1]!, now))
    .filter((d) => d && !d.dayOnly)
    .at(-1);
  if (moved) return moved.date;
  // A day said with "instead" after it ("on the 11th but the venue is booked so let's do the 19th
  // instead"; not "instead of"): that one, from its own clause (since events8).
  const instead = /(?<!\p{L})instead(?!\s+of)(?!\p{L})/u.exec(t);
  if (instead) {
    const clause =
      t
        .slice(0, instead.index)
        .split(/[.!?;,\n]|(?<!\p{L})(?:but|so|and)(?!\p{L})/u)
        .at(-1) ?? '';
    const day = dayIn(clause, now);
    if (day) return day.date;
  }
  return dayIn(t, now)?.date;
}

/** The first day a (blanked) text names, and whether it named a day alone ("19-е", "the 19th"). */
function dayIn(t: string, now: Date): { date: string; dayOnly?: boolean } | undefined {
  const written = numeric(t, now) ?? namedMonth(t, now) ?? holiday(t, now);
  if (written) return { date: written };
  const base = today(now);
  if (/послезавтра|day after tomorrow/u.test(t)) return { date: iso(base + 2 * dayMs) };
  if (/завтра|tomorrow|(?<!\p{L})(?:tmrw|tmr|2moro)(?!\p{L})/u.test(t)) return { date: iso(base + dayMs) };
  if (/сегодня|today|tonight/u.test(t)) return { date: iso(base) };
  const relative = after(t, now) ?? weekday(t, now);
  if (relative) return { date: relative };
  const day = dayOnly(t, now);
  return day ? { date: day, dayOnly: true } : undefined;
}
