// Contact details by rules, for Russian and English: name, phones and e-mails (every one given, phones
// in E.164 by libphonenumber-js, a labelled number no region validates as written), company, position, budget, team size, dates and timeline.
// Deterministic: relative dates resolve against the `now` passed in (UTC). A meeting is a time ahead:
// never a past date, nor a form's `Date:`/`Submitted:` line; a position is the customer's own, never
// the role they ask to talk to ("have the manager call me", "позовите менеджера").
import { readPosition } from '../../crm/positions';
import { extractDate } from './extract-date';
import { findPhones } from './extract-phones';
import { phoneRegions } from './phone-regions';

export type ExtractedFact = { key: string; value: string; confidence: number };
export type ExtractOptions = {
  /** Default regions for numbers written without a country code, most likely first (phone-regions.ts). */
  regions?: readonly string[];
};

const email = /[\p{L}0-9._%+-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)*\.\p{L}{2,}/gu;
/** Keys that may hold several values from one message. */
const manyPerMessage = new Set(['phone', 'email']);
const telegram = /(?:^|\s)@([A-Za-z][A-Za-z0-9_]{3,31})\b/;
const nameWord = "([A-ZА-ЯЁ][a-zа-яё'-]+(?:\\s+[A-ZА-ЯЁ][a-zа-яё'-]+)?)";
const namePatterns = [
  new RegExp(`(?:[Мм]еня зовут|[Мм]о[её] имя|[Зз]овут меня)\\s+${nameWord}`, 'u'),
  new RegExp(`(?:^|[.!?,]\\s*)(?:[Ээ]то|[Яя])\\s+${nameWord}\\s+(?:из|с|от)\\s`, 'u'),
  new RegExp(`(?:[Mm]y name is|[Nn]ame's|I am|I'm|[Tt]his is)\\s+${nameWord}`, 'u'),
  new RegExp(`(?:[Кк]онтакт(?:ы)?|[Cc]ontact|[Зз]апишите|[Nn]ote)\\s*:\\s*${nameWord}`, 'u'),
];
const quoted = '[«"“]([^»"”]{2,60})[»"”]';
const companyPatterns = [
  new RegExp(`(?:компани[яиюей]|фирм[аыуе]|организаци[яи]|ООО|ОАО|АО|ИП)\\s*${quoted}`, 'u'),
  new RegExp(`(?:ООО|ОАО|ЗАО|ИП)\\s+([A-ZА-ЯЁ][\\p{L}0-9-]+)`, 'u'),
  /(?:из|работаю в|в)\s+компании\s+([A-ZА-ЯЁ][\p{L}0-9-]+(?:\s+[A-ZА-ЯЁ][\p{L}0-9-]+)?)/u,
  /(?:компания|компании)\s+(?:называется\s+)?([A-ZА-ЯЁ][\p{L}0-9-]+)/u,
  /\b(?:я|это)\s+[A-ZА-ЯЁ][a-zа-яё]+\s+из\s+([A-ZА-ЯЁ][\p{L}0-9-]+)/u,
  /\b(?:from|at|work for|company is called|company called)\s+([A-Z][\p{L}0-9&-]+(?:\s+(?:Corp|Inc|Ltd|LLC|GmbH|Group|[A-Z][\p{L}]+))?)/u,
];

/**
 * A request for a person ("talk to a human manager", "позовите менеджера"): the role named is the one
 * the customer wants to reach, not their own. Removed before positions are read.
 */
const roleWords =
  '(?:manager|director|supervisor|boss|owner|head|ceo|менеджер\\p{L}*|директор\\p{L}*|руководител\\p{L}*|начальник\\p{L}*|владел\\p{L}*|собственник\\p{L}*|основател\\p{L}*|оператор\\p{L}*|консультант\\p{L}*|специалист\\p{L}*)(?:\\s+(?:of|for|отдела|по)\\s+\\p{L}+)?';
const personRequests = [
  new RegExp(
    `\\b(?:talk|speak|chat|get|put|connect|transfer|escalate|pass|send|forward|call|reach|contact|need|want|see|give|ask|is there|are there)\\b[^.!?]{0,30}?\\b${roleWords}`,
    'giu',
  ),
  new RegExp(
    `(?:позов\\p{L}*|позвать|пригласи\\p{L}*|поговор\\p{L}*|пообщат\\p{L}*|связат\\p{L}*|свяжи\\p{L}*|соедин\\p{L}*|переключ\\p{L}*|перевед\\p{L}*|дайте|нуж\\p{L}*|хочу|можно|жалоб\\p{L}*|попрос\\p{L}*|пусть|передайте|вызов\\p{L}*)[^.!?]{0,30}?${roleWords}`,
    'giu',
  ),
  // A question about the role: "who is the manager here?", "кто у вас руководитель?".
  new RegExp(
    `(?:\\b(?:who|who's|where|which|whom)\\b|(?<!\\p{L})(?:кто|где|какой|какая|кому)(?!\\p{L}))[^.!?]{0,30}?${roleWords}`,
    'giu',
  ),
  // A question about what the role would do: "can the manager ...", "could your director ...".
  new RegExp(
    `\\b(?:can|could|would|will|may)\\s+(?:the|your|a|an|some|any)\\s+(?:[\\p{L}-]+\\s+){0,2}?${roleWords}`,
    'giu',
  ),
  // The seller's people: "your director", "вашего руководителя".
  new RegExp(
    `(?:\\byour|(?<!\\p{L})ваш\\p{L}*|(?<!\\p{L})тво\\p{L}*)\\s+(?:[\\p{L}-]+\\s+){0,2}?${roleWords}`,
    'giu',
  ),
  // The role as the one to get in touch: "the manager (should) call me", "менеджер мне перезвонит".
  new RegExp(
    `${roleWords}(?:\\s+(?:to|should|can|could|will|please|мне|пожалуйста))?\\s+(?:call|ring|phone|contact|reach(?: out to)?|get in touch with|e-?mail|text|write to|get back to|reply to)\\s+(?:me|us)\\b`,
    'giu',
  ),
  new RegExp(
    `${roleWords}(?:\\s+(?:мне|нам|пожалуйста))?\\s+(?:пере|по)?(?:звон\\p{L}*|свяж\\p{L}*|напиш\\p{L}*|набер\\p{L}*)`,
    'giu',
  ),
];

/**
 * A form's or a forwarded mail's metadata line (`Date: 1978-04-13 12:20:39`, `Submitted: ...`,
 * `Дата: ...`): when the message was sent, never a meeting the customer asks for.
 */
const metadataLine =
  /^[ \t>*]*(?:date|sent|submitted|received|created|timestamp|posted|submission date|дата|отправлено|получено|создано|fecha|datum|data|envoyé|gesendet|enviado|inviato|verzonden)(?:\s*(?:&|and|и|y|et|und)\s*(?:time|время|hora|heure|uhrzeit))?[ \t]*[:：].*$/gimu;
/** A date written with its year, and a time after it (`2025-10-15 14:00`, `15.10.2025`, `10/15/2025`). */
const dateWithYear =
  /(?<!\d)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([./])(\d{1,2})\5(\d{4}))(?!\d)(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?/gu;

/** Whether a date with its year lies before the day of `now` (day/month and month/day both, for `/`). */
function pastDated(m: RegExpMatchArray, now: Date): boolean {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // An impossible reading (month 15) is no date ahead either.
  const at = (y: string, mo: string, d: string) =>
    Number(mo) > 12 || Number(d) > 31 ? -Infinity : Date.UTC(Number(y), Number(mo) - 1, Number(d));
  if (m[1]) return at(m[1], m[2]!, m[3]!) < today;
  const [d, sep, mo, y] = [m[4]!, m[5]!, m[6]!, m[7]!];
  return at(y, mo, d) < today && (sep !== '/' || at(y, d, mo) < today);
}

/** The text a meeting time may be read from: no metadata lines, no dates already past. */
function meetingText(text: string, now: Date): string {
  let out = text.replace(metadataLine, (m) => ' '.repeat(m.length));
  for (const m of out.matchAll(dateWithYear)) {
    if (pastDated(m, now))
      out = `${out.slice(0, m.index)}${' '.repeat(m[0].length)}${out.slice(m.index + m[0].length)}`;
  }
  return out;
}

/** A date or time word: without one, digits alone never make a meeting time. */
const dateWord =
  /(?:^|[^\p{L}])(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|понедельн|вторн|сред[ау]|четверг|пятниц|суббот|воскресен|monday|tuesday|wednesday|thursday|friday|saturday|sunday|сегодня|завтра|послезавтра|today|tomorrow|tonight|вечер|утр|днём|днем|недел|week|встреч|встрет|созвон|звонок|звонк|демо|demo|call|презентац|meet|appointment|schedule|book|дат[аеуы]|date|числ|день|day|время|time|час|o'clock|noon|полдень|[0-9]\s*(?:am|pm)\b)/iu;

const money =
  /(?:бюджет\p{L}*|budget|до|up to|около|around|about)?\s*(?:[$€₽]\s*)?(\d[\d\s.,]*)\s*(k|к|тыс\.?|тысяч\p{L}*|млн|million|m)?\s*(руб\p{L}*|₽|rub|usd|\$|долл\p{L}*|dollars?|eur|€|евро)?/giu;

function parseMoney(text: string): { amount: number; currency: string } | undefined {
  if (!/(бюджет|budget|руб|₽|\$|usd|eur|€|евро|долл|dollar|тыс|стоимост)/iu.test(text)) return undefined;
  for (const m of text.matchAll(money)) {
    const [all, num, mult, cur] = m;
    if (!num) continue;
    const hasCue = /бюджет|budget/iu.test(all) || cur || /[$€₽]/.test(all) || mult;
    if (!hasCue) continue;
    let amount = Number(
      num
        .replace(/\s/g, '')
        .replace(/,(?=\d{3}\b)/g, '')
        .replace(',', '.'),
    );
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const k = (mult ?? '').toLowerCase();
    if (k === 'k' || k === 'к' || k.startsWith('тыс')) amount *= 1000;
    else if (k === 'млн' || k === 'million' || k === 'm') amount *= 1_000_000;
    const c = `${cur ?? ''}${all}`.toLowerCase();
    const currency = /\$|usd|долл|dollar/.test(c) ? 'USD' : /€|eur|евро/.test(c) ? 'EUR' : 'RUB';
    if (amount < 100 && !mult) continue;
    return { amount, currency };
  }
  return undefined;
}

const teamSize = [
  /(?:команд\p{L}*|отдел\p{L}*)\s+(?:из|на)\s+(\d{1,5})/iu,
  /(?:нас|у нас)\s+(\d{1,5})\s+(?:человек|сотрудник|менеджер)/iu,
  /(\d{1,5})\s+(?:человек\p{L}*|сотрудник\p{L}*|менеджер\p{L}*|пользовател\p{L}*|лиценз\p{L}*)/iu,
  /(?:team of|we are|we're)\s+(\d{1,5})/iu,
  /(\d{1,5})\s+(?:people|employees|users|reps|seats|licenses|sales reps|staff)/iu,
];

const timelines: [RegExp, string][] = [
  [/(?:срочно|как можно скорее|asap|urgent\p{L}*|right away)/iu, 'asap'],
  [/(?:в этом месяце|this month|до конца месяца|by the end of the month)/iu, 'this month'],
  [/(?:в этом квартале|this quarter|до конца квартала)/iu, 'this quarter'],
  [/(?:в следующем месяце|next month)/iu, 'next month'],
  [/(?:в этом году|this year|до конца года)/iu, 'this year'],
  [/(?:просто смотрю|just looking|пока изучаю|no rush|не спешим)/iu, 'no rush'],
];

/** Each e-mail of the text (lower case) and the text with them blanked out. */
function findEmails(text: string): { emails: string[]; rest: string } {
  const emails = [...new Set([...text.matchAll(email)].map((m) => m[0].toLowerCase()))];
  return { emails, rest: text.replace(email, (m) => ' '.repeat(m.length)) };
}

export function extractContactFacts(text: string, now: Date, options: ExtractOptions = {}): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  const add = (key: string, value: string | undefined, confidence: number) => {
    const v = value?.trim().slice(0, 500);
    if (!v) return;
    if (out.some((f) => f.key === key && (!manyPerMessage.has(key) || f.value === v))) return;
    out.push({ key, value: v, confidence });
  };
  const { emails, rest: withoutMail } = findEmails(text);
  for (const mail of emails) add('email', mail, 0.95);
  const regions = options.regions ?? phoneRegions({ text });
  const phones = findPhones(withoutMail, { regions });
  for (const p of phones) add('phone', p.value, p.valid ? 0.9 : 0.75);
  // Dates and roles are read from the text without its e-mails and phones (a phone's digits are no date).
  let plain = withoutMail;
  for (const p of phones) plain = plain.slice(0, p.start) + ' '.repeat(p.end - p.start) + plain.slice(p.end);
  add('telegram', text.match(telegram)?.[1] ? `@${text.match(telegram)![1]}` : undefined, 0.9);
  for (const p of namePatterns) {
    const name = text.match(p)?.[1];
    if (name && !/^(из|from|the|a|an|here|interested|looking)$/i.test(name)) {
      add('name', name, 0.8);
      break;
    }
  }
  for (const p of companyPatterns) {
    const company = text.match(p)?.[1];
    if (company) {
      add('company', company, 0.7);
      break;
    }
  }
  const ownRoles = personRequests.reduce((t, r) => t.replace(r, ' '), plain);
  // The title as the customer said it ("CEO"), never glued to its rank (crm/positions.ts).
  add('position', readPosition(ownRoles), 0.7);
  const budget = parseMoney(plain);
  if (budget) add('budget', `${budget.amount} ${budget.currency}`, 0.8);
  for (const p of teamSize) {
    const n = plain.match(p)?.[1];
    if (n) {
      add('team_size', n, 0.75);
      break;
    }
  }
  // A meeting is asked for ahead: a form's date line and dates already past are none.
  const datable = meetingText(plain, now);
  const date = dateWord.test(datable) ? extractDate(datable, now) : undefined;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (date && Date.parse(date) >= today) add('meeting_at', date, 0.7);
  for (const [p, value] of timelines) {
    if (p.test(text)) {
      add('timeline', value, 0.7);
      break;
    }
  }
  return out;
}

/** The text without its contact details (email, phone, "my name is ..."), for intent routing. */
export function stripContactDetails(text: string): string {
  let out = findEmails(text).rest;
  for (const p of findPhones(out, { regions: phoneRegions({ text }) }).reverse())
    out = `${out.slice(0, p.start)} ${out.slice(p.end)}`;
  for (const p of namePatterns) out = out.replace(p, ' ');
  out = out.replace(/(?:почта|телефон|email|e-mail|phone|тел\.?)\s*:?\s*(?=[\s,.;]|$)/giu, ' ');
  return out
    .replace(/\s*[,;]\s*(?=[,;.!?]|$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
