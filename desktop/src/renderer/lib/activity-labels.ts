// The Activity timeline in people's words: each agent step (shared/agents/activity-log.ts) or failed
// delivery becomes an entry with a kind (its icon and filter), one sentence ("Agent answered Anna in
// Telegram from 2 knowledge articles", "Handed over to a rep: …", "Called tool “Create a task”
// (120 ms)"), the links it is about and its details as label/value rows, never JSON. Routine steps
// (taking the message in, cancelling follow-ups, checks that passed) are marked so the screen can fold
// them away.
import {
  ArrowLeftRight,
  Cog,
  FilePen,
  Gauge,
  Inbox,
  Mail,
  Pencil,
  ScanText,
  Sparkles,
  TriangleAlert,
  UserCheck,
  Wrench,
  type LucideIcon,
} from 'lucide-react';
import type { ActivityDoc, MessageDoc } from '@app/shared/schemas';
import type { Formatter } from './format';
import { readableValue, type Words } from './activity-text';
import { addedFacts } from './agent-steps';
import { deliveryView } from './delivery-reason';
import { addDays, dayKey } from '@app/shared/time';
import { errorText } from '../i18n/error-text';
import type { Locale, Translate } from '../i18n/i18n';
import {
  activityWords,
  agentRoleLabel,
  channelLabel,
  handoffReasonLabel,
  intentLabel,
  labelOf,
  stepLabel,
  toolLabel,
} from '../i18n/labels';

/** What an entry is, for its icon and the kind filter. */
export const entryKinds = ['answer', 'handoff', 'tool', 'fact', 'error', 'step'] as const;
export type EntryKind = (typeof entryKinds)[number];

export const entryIcons: Record<EntryKind, LucideIcon> = {
  answer: Mail,
  handoff: ArrowLeftRight,
  tool: Wrench,
  fact: Pencil,
  error: TriangleAlert,
  step: Cog,
};

/**
 * A step's own icon, by what it did (a step used to show a bare dot, which says nothing): reading the
 * message, scoring the deal, taking the message in, proposing a deal change, checking the twin, asking
 * a model; any other step a cog.
 */
const stepIcons: Record<string, LucideIcon> = {
  route: ScanText,
  score: Gauge,
  intake: Inbox,
  'lead-change-proposed': FilePen,
  'update-twin': UserCheck,
};

/** The icon an entry is drawn with. */
export function entryIcon(entry: Pick<ActivityEntry, 'kind' | 'step' | 'model'>): LucideIcon {
  if (entry.kind !== 'step') return entryIcons[entry.kind];
  if (entry.model) return Sparkles;
  return (entry.step && stepIcons[entry.step]) || entryIcons.step;
}

export type DetailRow = { label: string; value: string };
export type DetailSection = { title: string; rows: DetailRow[] };
export type EntryLink = { kind: 'conversation' | 'contact' | 'deal'; href: string; label: string };

export type ActivityEntry = {
  id: string;
  at: string;
  kind: EntryKind;
  /** The step's name (`route`, `score`, …), for a step's own icon. */
  step?: string;
  /** A model was asked (an LLM call that is not the answer). */
  model?: boolean;
  /** The agent (role) that acted, for the agent filter; `sender` for deliveries. */
  role: string;
  sentence: string;
  /** Routine work shown only when every step is asked for. */
  routine: boolean;
  links: EntryLink[];
  details: DetailSection[];
  /** Lower-case text the search box looks in. */
  haystack: string;
  /** What the entry is about, for the timeline's groups (a conversation, its runs) and the channel filter. */
  conversationId?: string;
  runId?: string;
  /** The customer message the run answered (quoted above its steps). */
  messageId?: string;
  channel?: string;
  /** The customer's name as the sentence says it. */
  who?: string;
};

/** What the timeline knows beside the step: names of contacts, conversations' channels, run siblings. */
export type EntryContext = {
  t: Translate;
  fmt: Formatter;
  contactName(id: string | undefined): string | undefined;
  conversationChannel(id: string | undefined): string | undefined;
  /** The other steps of the same run (the knowledge search's hits, the intake's deal). */
  run(runId: string): readonly ActivityDoc[];
};

const parse = (text: string | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A value's rows: an object's own keys (named in the UI's language), else the value as one row. */
export function detailRows(text: string | undefined, words: Words, whole: string): DetailRow[] {
  const v = parse(text);
  if (v === undefined || v === '') return [];
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined && x !== null && x !== '')
      .map(([k, x]) => ({
        label: words.key(k),
        value: readableValue(typeof x === 'string' ? x : JSON.stringify(x), words, k) || '—',
      }));
  }
  return [{ label: whole, value: readableValue(typeof v === 'string' ? v : JSON.stringify(v), words) }];
}

/** Distinct knowledge documents the run's search found (what an answer was written from). */
function knowledgeSources(run: readonly ActivityDoc[]): number {
  const retrieve = run.find((d) => d.name === 'retrieve' && d.status === 'ok');
  const hits = parse(retrieve?.output);
  if (!Array.isArray(hits)) return 0;
  return new Set(hits.map((h) => String(record(h).sourceId ?? record(h).chunkId ?? ''))).size;
}

/** `phone=+7 900…` facts (the twin step's output) as "phone +7 900…" in the UI's language (a phone as the locale writes it). */
function factsText(t: Translate, fmt: Formatter, list: unknown): string {
  return addedFacts(list)
    .map(({ key, value }) =>
      `${labelOf(t, 'fact', key).toLocaleLowerCase()} ${key === 'phone' ? fmt.phone(value) : value}`.trim(),
    )
    .join(', ');
}

const routineSteps = new Set([
  'intake',
  'cancel-follow-ups',
  'retrieve',
  'plan-handoff-status',
  'handoff-wait',
  'update-twin',
  'safety-check',
  'reply-gate',
  'route-check',
  // The supervisor's checks that only matter when they change the course (issue 64: the demo's walk).
  'experiment-variant',
  'customer-mood',
  'reply-budget',
  'translate-question',
  'catalog',
  'injection-check',
  'extract-check',
]);

type Said = { kind: EntryKind; sentence: string; routine?: boolean };

/** A logged error (`code: message`) in the UI's language when its code has a sentence, else as written. */
export function reasonText(t: Translate, error: string | undefined): string {
  if (!error) return '';
  const m = /^([a-z]+(?:-[a-z]+)+): ?(.*)$/s.exec(error);
  return m ? errorText(t, { code: m[1], message: m[2] || error }) : error;
}

/** The run's last answer from a model: earlier ones asked for tools, the last one wrote the reply. */
function isFinalAnswer(doc: ActivityDoc, run: readonly ActivityDoc[]): boolean {
  const answers = run.filter((d) => d.kind === 'llm-call' && d.role === 'answer').map((d) => d.id);
  return answers.length === 0 || doc.id === answers.sort().at(-1);
}

function say(doc: ActivityDoc, c: EntryContext, who: string, where: string): Said {
  const { t, fmt } = c;
  const out = record(parse(doc.output));
  const input = record(parse(doc.input));
  const reason = reasonText(t, doc.error);
  const failed = doc.status === 'error' || doc.kind === 'error';
  if (doc.name === 'llm-fallback')
    return {
      kind: 'error',
      sentence: t('act.s.llmFailed', { model: doc.model || doc.provider || '—', reason }),
    };
  if (doc.kind === 'tool-call') {
    const tool = toolLabel(t, doc.name);
    // Under a millisecond says nothing ("0 ms" reads as a figure from nothing): no time then.
    const time = doc.durationMs === undefined || doc.durationMs < 1 ? '' : fmt.duration(doc.durationMs);
    if (doc.status === 'denied') return { kind: 'error', sentence: t('act.s.toolDenied', { tool, reason }) };
    if (failed) return { kind: 'error', sentence: t('act.s.toolFailed', { tool, reason }) };
    // The hand-off entry says it in words; its tool call is a detail.
    return {
      kind: 'tool',
      sentence: time ? t('act.s.tool', { tool, time }) : t('act.s.toolNoTime', { tool }),
      routine: doc.name === 'call_human',
    };
  }
  if (doc.kind === 'handoff')
    return {
      kind: 'handoff',
      sentence: t('act.s.handoff', { reason: handoffReasonLabel(t, String(input.reason ?? reason)) }),
    };
  if (failed) return { kind: 'error', sentence: t('act.s.failed', { step: stepLabel(t, doc.name), reason }) };
  if (doc.status === 'denied')
    return {
      kind: 'error',
      sentence: reason
        ? t('act.s.stopped', { step: stepLabel(t, doc.name), reason })
        : t('act.s.stoppedNoReason', { step: stepLabel(t, doc.name) }),
    };
  if (doc.kind === 'llm-call') {
    if (doc.role !== 'answer' || !isFinalAnswer(doc, c.run(doc.runId)))
      return {
        kind: 'step',
        sentence: t('act.s.model', { step: stepLabel(t, doc.name), model: doc.model || doc.provider || '—' }),
        routine: true,
      };
    const n = knowledgeSources(c.run(doc.runId));
    return {
      kind: 'answer',
      sentence: n ? t('act.s.answered', { who, where, n }) : t('act.s.answeredPlain', { who, where }),
    };
  }
  switch (doc.name) {
    case 'update-twin': {
      const facts = factsText(t, fmt, out.added);
      return facts
        ? { kind: 'fact', sentence: t('act.s.saved', { facts, who }) }
        : { kind: 'step', sentence: t('act.s.twinChecked', { who }), routine: true };
    }
    case 'route': {
      const intent = typeof out.intent === 'string' ? intentLabel(t, out.intent) : '';
      return intent
        ? { kind: 'step', sentence: t('act.s.route', { who, intent }) }
        : { kind: 'step', sentence: stepLabel(t, doc.name) };
    }
    case 'score':
      return typeof out.value === 'number'
        ? { kind: 'step', sentence: t('act.s.score', { who, value: out.value }) }
        : { kind: 'step', sentence: stepLabel(t, doc.name) };
    case 'intake':
      return { kind: 'step', sentence: t('act.s.intake', { who, where }), routine: true };
    case 'lead-change-proposed':
      return { kind: 'step', sentence: t('act.s.proposed', { who }) };
  }
  return {
    kind: 'step',
    sentence: t('act.s.generic', { role: agentRoleLabel(t, doc.role), step: stepLabel(t, doc.name) }),
    routine: routineSteps.has(doc.name),
  };
}

function links(
  t: Translate,
  ids: { conversationId?: string; contactId?: string; leadId?: string },
  who: string,
): EntryLink[] {
  const out: EntryLink[] = [];
  if (ids.conversationId)
    out.push({
      kind: 'conversation',
      href: `#/inbox/${encodeURIComponent(ids.conversationId)}`,
      label: t('act.link.conversation'),
    });
  if (ids.contactId)
    out.push({ kind: 'contact', href: `#/contacts/${encodeURIComponent(ids.contactId)}`, label: who });
  if (ids.leadId)
    out.push({ kind: 'deal', href: `#/deals/${encodeURIComponent(ids.leadId)}`, label: t('act.link.deal') });
  return out;
}

/** The deal a step was about: its own output's, else the run's intake's. */
function leadOf(doc: ActivityDoc, run: readonly ActivityDoc[]): string | undefined {
  const own = record(parse(doc.output)).leadId;
  if (typeof own === 'string') return own;
  const intake = run.find((d) => d.name === 'intake');
  const id = record(parse(intake?.output)).leadId;
  return typeof id === 'string' ? id : undefined;
}

/** "in Telegram", "в веб-чате", "по электронной почте": a channel as a sentence says where, with its preposition. */
function whereOn(t: Translate, channel: string | undefined): string {
  if (!channel) return t('act.someChannel');
  return labelOf(t, 'act.on', channel, t('act.onChannel', { channel: channelLabel(t, channel) }));
}

export function activityEntry(doc: ActivityDoc, c: EntryContext): ActivityEntry {
  const { t, fmt } = c;
  const words = activityWords(t, fmt);
  const who = c.contactName(doc.contactId) ?? t('act.customer');
  const channel = c.conversationChannel(doc.conversationId);
  const where = whereOn(t, channel);
  const said = say(doc, c, who, where);
  const isTool = doc.kind === 'tool-call';
  const facts: DetailRow[] = [
    { label: t('act.d.agent'), value: agentRoleLabel(t, doc.role) },
    { label: t('act.d.step'), value: stepLabel(t, doc.name) },
    { label: t('act.d.status'), value: labelOf(t, 'activity.status', doc.status) },
    ...(doc.durationMs === undefined
      ? []
      : [{ label: t('act.d.duration'), value: fmt.duration(doc.durationMs) }]),
    ...(doc.model || doc.provider
      ? [{ label: t('act.d.model'), value: [doc.provider, doc.model].filter(Boolean).join(' · ') }]
      : []),
    ...(doc.tokens
      ? [
          {
            label: t('act.d.tokens'),
            value: t('activity.tokens', { n: (doc.tokens.prompt ?? 0) + (doc.tokens.completion ?? 0) }),
          },
        ]
      : []),
    ...(doc.tokens?.costUsd ? [{ label: t('act.d.cost'), value: fmt.money(doc.tokens.costUsd, 'USD') }] : []),
    ...(doc.error ? [{ label: t('act.d.reason'), value: doc.error }] : []),
  ];
  const details: DetailSection[] = [
    { title: t('act.d.what'), rows: facts },
    {
      title: isTool ? t('act.d.arguments') : t('act.d.input'),
      rows: detailRows(doc.input, words, t('act.d.value')),
    },
    {
      title: isTool ? t('act.d.result') : t('act.d.output'),
      rows: detailRows(doc.output, words, t('act.d.value')),
    },
  ].filter((s) => s.rows.length > 0);
  const entry: ActivityEntry = {
    id: doc.id,
    at: doc.startedAt,
    kind: said.kind,
    step: doc.name,
    ...(doc.kind === 'llm-call' ? { model: true } : {}),
    role: doc.role,
    sentence: said.sentence,
    routine: said.routine ?? false,
    links: links(
      t,
      {
        ...(doc.conversationId ? { conversationId: doc.conversationId } : {}),
        ...(doc.contactId ? { contactId: doc.contactId } : {}),
        ...(() => {
          const leadId = leadOf(doc, c.run(doc.runId));
          return leadId ? { leadId } : {};
        })(),
      },
      who,
    ),
    details,
    haystack: '',
    ...(doc.conversationId ? { conversationId: doc.conversationId } : {}),
    runId: doc.runId,
    ...(doc.messageId ? { messageId: doc.messageId } : {}),
    ...(channel ? { channel } : {}),
    who,
  };
  entry.haystack = haystackOf(entry);
  return entry;
}

/** A reply or rep message the channel could not deliver, with the channel's reason. */
export function deliveryEntry(m: MessageDoc, c: EntryContext): ActivityEntry {
  const { t } = c;
  const who = c.contactName(m.contactId) ?? t('act.customer');
  const where = whereOn(t, m.channel);
  const raw = m.delivery.lastError ?? t('act.noReason');
  const reason = deliveryView(t, m, true).why ?? raw;
  const entry: ActivityEntry = {
    id: `delivery:${m.id}`,
    at: m.updatedAt ?? m.createdAt,
    kind: 'error',
    role: 'sender',
    sentence: t('act.s.notDelivered', { who, where, reason }),
    routine: false,
    links: links(t, { conversationId: m.conversationId, contactId: m.contactId }, who),
    details: [
      {
        title: t('act.d.what'),
        rows: [
          { label: t('act.d.text'), value: m.text.slice(0, 300) },
          { label: t('act.d.attempts'), value: String(m.delivery.attempts ?? 0) },
          { label: t('act.d.reason'), value: reason },
          ...(raw === reason ? [] : [{ label: t('act.d.channelSaid'), value: raw }]),
        ],
      },
    ],
    haystack: '',
    conversationId: m.conversationId,
    channel: m.channel,
    who,
  };
  entry.haystack = haystackOf(entry);
  return entry;
}

const haystackOf = (e: ActivityEntry) =>
  [e.sentence, ...e.links.map((l) => l.label), ...e.details.flatMap((s) => s.rows.map((r) => r.value))]
    .join('\n')
    .toLocaleLowerCase();

/** The timeline's filters: kind (`all` hides routine steps unless `everyStep`), agent, channel, search text. */
export type EntryFilter = {
  kind: EntryKind | 'all';
  role: string;
  text: string;
  everyStep: boolean;
  /** A channel (`telegram`, `webchat`, …) or `all`; absent is `all`. */
  channel?: string;
};

export function filterEntries(entries: readonly ActivityEntry[], f: EntryFilter): ActivityEntry[] {
  const q = f.text.trim().toLocaleLowerCase();
  return entries.filter(
    (e) =>
      (f.kind === 'all' ? f.everyStep || !e.routine : e.kind === f.kind && (f.everyStep || !e.routine)) &&
      (f.role === 'all' || e.role === f.role) &&
      (!f.channel || f.channel === 'all' || e.channel === f.channel) &&
      (!q || e.haystack.includes(q)),
  );
}

export type TimelineRow =
  { type: 'day'; key: string; label: string } | { type: 'entry'; entry: ActivityEntry };

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: Locale, timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withYear}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone,
    });
    dayFormats.set(key, f);
  }
  return f;
}

/** A heading's first letter capitalised, the rest as Intl wrote it ("Пятница, 20 ноября", not "20 Ноября"). */
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/**
 * Entries, newest first, under a heading per day of the rep's time zone: "Today", "Yesterday", else
 * the weekday and date (with the year when it is not this one).
 */
export function timelineRows(
  entries: readonly ActivityEntry[],
  o: { t: Translate; locale: Locale; timeZone: string; now: number },
): TimelineRow[] {
  const today = dayKey(o.now, o.timeZone);
  const yesterday = addDays(today, -1);
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const rows: TimelineRow[] = [];
  let last = '';
  for (const entry of sorted) {
    const ms = Date.parse(entry.at);
    const day = Number.isNaN(ms) ? '' : dayKey(ms, o.timeZone);
    if (day !== last) {
      last = day;
      const label =
        day === today
          ? o.t('act.day.today')
          : day === yesterday
            ? o.t('act.day.yesterday')
            : day
              ? capitalised(dayFormat(o.locale, o.timeZone, day.slice(0, 4) !== today.slice(0, 4)).format(ms))
              : '—';
      rows.push({ type: 'day', key: day, label });
    }
    rows.push({ type: 'entry', entry });
  }
  return rows;
}
