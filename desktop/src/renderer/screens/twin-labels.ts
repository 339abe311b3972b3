// A twin's facts in the UI's language: the keys the agents use (twin-builder.ts: name, company,
// budget, meeting_at, ...) and the values the rules write in a fixed form (a budget "12000 USD", a
// meeting time in ISO, a timeline "this month", a position named by its rank only, "head"). A key or value the dictionaries
// do not know (a model's own key, what a customer typed) is shown as it is.
import type { TwinFact } from '@app/shared/schemas';
import { labelOf, positionLabel } from '../i18n/labels';
import type { Translate } from '../i18n/i18n';
import type { Formatter } from '../lib/format';

export const factKeyLabel = (t: Translate, key: string) => labelOf(t, 'fact', key);

/**
 * Where a fact came from when a channel read it, not the conversation (issue 14): "from the Telegram
 * profile", "pages viewed on the site"; undefined for facts the agents took from messages.
 */
export function factSourceLabel(t: Translate, extractedBy: string | undefined): string | undefined {
  if (!extractedBy) return undefined;
  const label = labelOf(t, 'fact.source', extractedBy, '');
  return label || undefined;
}

/** A fact's value; `zone`: the customer's time zone, named beside a meeting's time when not the rep's. */
export function factValueLabel(
  t: Translate,
  fmt: Formatter,
  key: string,
  value: string,
  zone?: string,
): string {
  if (key === 'birthdate' && /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(value)))
    return fmt.date(`${value}T12:00:00.000Z`);
  if (key === 'meeting_at' && /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(Date.parse(value)))
    return fmt.dateTimeIn(value, zone);
  if (key === 'budget') {
    const m = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(value);
    if (m) return fmt.money(Number(m[1]), m[2]!);
  }
  if (key === 'timeline') return labelOf(t, 'fact.timeline', value);
  if (key === 'position') return positionLabel(t, value);
  if (key === 'phone') return fmt.phone(value);
  return value;
}

/** Facts a summary's sentences tell; the rest are listed under "What we know". */
const told = new Set(['position', 'company', 'budget', 'need', 'team_size', 'timeline', 'meeting_at']);
const reach = ['phone', 'email', 'telegram'];

/**
 * The twin's active facts as a few sentences in the UI's language ("Head at Acme. Budget: ₽500,000.
 * Meeting planned for …."), the most telling first; how many other facts the list below holds.
 * `zone`: the customer's time zone, for a meeting's time.
 */
export function twinSentences(
  t: Translate,
  fmt: Formatter,
  facts: readonly TwinFact[],
  zone?: string,
): string[] {
  const active = facts.filter((f) => f.status === 'active');
  const value = (key: string) => {
    const f = active.find((x) => x.key === key);
    return f ? factValueLabel(t, fmt, key, f.value, zone) : undefined;
  };
  const out: string[] = [];
  const position = value('position');
  const company = value('company');
  if (position && company) out.push(t('summary.roleAt', { position: capital(position), company }));
  else if (position) out.push(t('summary.role', { position }));
  else if (company) out.push(t('summary.company', { company }));
  const budget = value('budget');
  if (budget) out.push(t('summary.budget', { budget }));
  const need = active.filter((f) => f.key === 'need').map((f) => f.value);
  if (need.length) out.push(t('summary.need', { need: need.join(', ') }));
  const size = value('team_size');
  if (size) out.push(t('summary.teamSize', { size }));
  const timeline = value('timeline');
  if (timeline) out.push(t('summary.timeline', { timeline }));
  const when = value('meeting_at');
  if (when) out.push(t('summary.meeting', { when }));
  const interests = active.filter((f) => f.key === 'interest').map((f) => f.value);
  if (interests.length) out.push(t('summary.interest', { interest: interests.join(', ') }));
  const points = reach.flatMap((k) => {
    const v = value(k);
    const label = factKeyLabel(t, k);
    // "Telegram" keeps its capital; "Phone", "E-mail" read in the sentence's case.
    return v ? [`${k === 'telegram' ? label : label.toLocaleLowerCase()} ${v}`] : [];
  });
  if (points.length) out.push(t('summary.reach', { points: points.join(', ') }));
  const more = active.filter((f) => !told.has(f.key) && !reach.includes(f.key) && f.key !== 'interest');
  if (more.length) out.push(t('summary.more', { n: more.length }));
  return out;
}

const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
