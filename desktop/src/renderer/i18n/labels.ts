// Names of the domain's enums and ids in the UI's language: channels, message authors, agent roles,
// tools, member roles, score factors, activity kinds and statuses. A value the dictionaries do not know
// (a team's own webhook tool, a factor added later) is shown as it is.
import { positionCode, positionShown } from '@app/shared/crm';
import { en, type MessageKey } from './en';
import type { Words } from '../lib/activity-text';
import type { Formatter } from '../lib/format';
import type { Translate } from './i18n';

const known = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** `prefix.value` translated when the dictionaries have it, else `fallback` (the value itself). */
export function labelOf(t: Translate, prefix: string, value: string, fallback: string = value): string {
  const key = `${prefix}.${value}`;
  return known(key) ? t(key) : fallback;
}

export const channelLabel = (t: Translate, channel: string) => labelOf(t, 'channel', channel);
export const authorLabel = (t: Translate, kind: string) => labelOf(t, 'author', kind);
export const agentRoleLabel = (t: Translate, role: string) => labelOf(t, 'role', role);
export const toolLabel = (t: Translate, tool: string) => labelOf(t, 'tool', tool);
export const memberRoleLabel = (t: Translate, role: string) => labelOf(t, 'member.role', role);
export const factorLabel = (t: Translate, factor: string) =>
  labelOf(t, 'score.factor', factor, t('score.factor.other'));
/** An agent step or tool call by name: a tool's name, a step's, a role's (model calls), else as it is. */
export const stepLabel = (t: Translate, name: string) =>
  labelOf(t, 'tool', name, labelOf(t, 'step', name, labelOf(t, 'role', name)));

/**
 * Why the AI handed a conversation over, in the UI's language: the supervisor's own reasons
 * (shared/agents/roles/supervisor.ts) are known sentences; a reason an agent wrote itself is shown as
 * it was written.
 */
export function handoffReasonLabel(t: Translate, reason: string): string {
  if (reason === 'customer asked for a human') return t('handoff.asked');
  if (reason.startsWith('out of scope')) return t('handoff.outOfScope');
  const low = /^low routing confidence \(([\d.]+) < ([\d.]+)\)$/.exec(reason);
  if (low) return t('handoff.lowConfidence', { value: Number(low[1]), threshold: Number(low[2]) });
  return reason;
}

/**
 * A contact's position as people read it: the customer's title as they said it ("CEO"), a rank stored
 * alone ("head") in the UI's language, an older twin's "owner/CEO: CEO" without its rank (issue 64).
 */
export function positionLabel(t: Translate, value: string): string {
  const code = positionCode(value);
  return code ? labelOf(t, 'fact.position', code) : positionShown(value);
}

/** A customer intent (shared/agents/intents/sales-intents.ts) by name. */
export const intentLabel = (t: Translate, intent: string) => labelOf(t, 'intent', intent);

/** An ISO time as the rules write it into a note ("Meeting planned 2026-11-20T11:00:00.000Z"). */
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A score reason's note in the UI's language: the scoring rules' own sentences
 * (shared/agents/roles/scoring.ts) are known and translated with their values, a meeting's time
 * written by `fmt` (in the rep's zone, and in `zone`, the customer's, when it differs); a note
 * written otherwise is shown as it was written.
 */
export function scoreNoteLabel(
  t: Translate,
  note: string,
  fmt: Pick<Formatter, 'dateTimeIn'>,
  zone?: string,
): string {
  const when = (value: string) =>
    isoTime.test(value.trim()) ? fmt.dateTimeIn(value.trim(), zone) || value : value;
  const intents = (list: string) =>
    list === 'stated'
      ? t('score.note.stated')
      : list
          .split(', ')
          .map((i) => intentLabel(t, i))
          .join(', ');
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^Budget stated: (.+)$/s, (m) => t('score.note.budget', { value: m[1]! })],
    [/^Wants to order$/, () => t('score.note.order')],
    [/^Clear need \((.*)\)$/, (m) => t('score.note.need', { list: intents(m[1]!) })],
    [/^Asked about (.+)$/, (m) => t('score.note.asked', { topic: intentLabel(t, m[1]!) })],
    [/^Decision maker: (.+)$/s, (m) => t('score.note.decisionMaker', { value: positionLabel(t, m[1]!) })],
    [/^Role: (.+)$/s, (m) => t('score.note.role', { value: positionLabel(t, m[1]!) })],
    [/^Meeting planned (.+)$/, (m) => t('score.note.meeting', { value: when(m[1]!) })],
    [/^Timeline: (.+)$/s, (m) => t('score.note.timeline', { value: m[1]! })],
    [/^No rush$/, () => t('score.note.noRush')],
    [
      /^(\d+) messages, (\d+) contact details shared$/,
      (m) => t('score.note.engagement', { messages: Number(m[1]), contacts: Number(m[2]) }),
    ],
    [/^Complaint in the conversation$/, () => t('score.note.complaint')],
    [/^Customer opted out$/, () => t('score.note.optOut')],
    [/^Score carried over from version 0$/, () => t('score.note.legacy')],
  ];
  for (const [pattern, write] of rules) {
    const m = pattern.exec(note);
    if (m) return write(m);
  }
  return note;
}

/** Keys whose numbers are shares of one: a model's confidence, evidence, a threshold. */
const shareKeys = /confidence|evidence|threshold|similarity|probability/i;

/**
 * Keys and values of agent steps' inputs and outputs (Activity) in the UI's language: the keys the
 * agents log and yes/no are known, intents are named, confidences are percentages and times are
 * dates; ids and free text stay as they are.
 */
export function activityWords(t: Translate, fmt: Formatter): Words {
  return {
    number: (key, n) => (shareKeys.test(key) && n >= 0 && n <= 1 ? fmt.percent(n) : String(n)),
    key: (name) => labelOf(t, 'activity.key', name, name.replace(/_/g, ' ')),
    value: (key, v) =>
      typeof v === 'boolean'
        ? t(v ? 'common.yes' : 'common.no')
        : key === 'intent' || key === 'intents'
          ? intentLabel(t, v)
          : key === 'factor'
            ? factorLabel(t, v)
            : key === 'note'
              ? scoreNoteLabel(t, v, fmt)
              : isoTime.test(v)
                ? fmt.dateTime(v) || v
                : labelOf(t, 'activity.value', v, v),
  };
}
