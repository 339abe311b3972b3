// A twin's facts in the UI's language: the keys the agents use (twin-builder.ts: name, company,
// budget, meeting_at, ...) and the values the rules write in a fixed form (a budget "12000 USD", a
// meeting time in ISO, a timeline "this month", a position "head: …"). A key or value the dictionaries
// do not know (a model's own key, what a customer typed) is shown as it is.
import type { TwinFact } from '@app/shared/schemas';
import { labelOf } from '../i18n/labels';
import type { Translate } from '../i18n/i18n';
import type { Formatter } from '../lib/format';

export const factKeyLabel = (t: Translate, key: string) => labelOf(t, 'fact', key);

const positions: [RegExp, string][] = [
  [/^owner\/CEO(?::|$)/, 'owner'],
  [/^head(?::|$)/, 'head'],
  [/^purchasing$/, 'purchasing'],
  [/^manager$/, 'manager'],
];

/**
 * Where a fact came from when a channel read it, not the conversation (issue 14): "from the Telegram
 * profile", "pages viewed on the site"; undefined for facts the agents took from messages.
 */
export function factSourceLabel(t: Translate, extractedBy: string | undefined): string | undefined {
  if (!extractedBy) return undefined;
  const label = labelOf(t, 'fact.source', extractedBy, '');
  return label || undefined;
}

export function factValueLabel(t: Translate, fmt: Formatter, key: string, value: string): string {
  if (key === 'birthdate' && /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isFinite(Date.parse(value)))
    return fmt.date(`${value}T12:00:00.000Z`);
  if (key === 'meeting_at' && /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(Date.parse(value)))
    return fmt.dateTime(value);
  if (key === 'budget') {
    const m = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(value);
    if (m) return fmt.money(Number(m[1]), m[2]!);
  }
  if (key === 'timeline') return labelOf(t, 'fact.timeline', value);
  if (key === 'position') {
    const found = positions.find(([re]) => re.test(value));
    if (found) return labelOf(t, 'fact.position', found[1]);
  }
  return value;
}

/** The twin's active facts as one line ("Company: …; Budget: …"), in the UI's language. */
export function twinDigest(t: Translate, fmt: Formatter, facts: readonly TwinFact[]): string {
  return facts
    .filter((f) => f.status === 'active')
    .map((f) => `${factKeyLabel(t, f.key)}: ${factValueLabel(t, fmt, f.key, f.value)}`)
    .join('; ');
}
