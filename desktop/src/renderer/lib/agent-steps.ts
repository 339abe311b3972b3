// What the agents did for one customer message, in people's words: an agent run's activity docs
// (shared/agents/activity-log.ts, JSON inputs and outputs) become a few readable steps (how the
// message was understood and how sure, the knowledge found, facts learnt, tools used, a hand-off and
// why, the reply check) and a one-line summary ("answered from 2 knowledge articles · 82% confident"). Step
// kinds map to dictionary keys `agentSteps.*`; tool and step names to their labels, never raw ids.
// The Activity timeline (lib/activity-labels.ts) tells the same docs as sentences of its own, with
// durations and reasons; both name intents, tools, steps and hand-off reasons through i18n/labels.ts
// and read the twin's facts through `addedFacts`.
import type { ActivityDoc } from '@app/shared/schemas';
import type { Translate } from '../i18n/i18n';
import { handoffReasonLabel, intentLabel, labelOf, stepLabel } from '../i18n/labels';

export type AgentStep =
  | { kind: 'route'; intent: string; confidence?: number; source?: string }
  | { kind: 'knowledge'; titles: string[] }
  | { kind: 'no-knowledge' }
  | { kind: 'facts'; facts: { key: string; value: string }[] }
  | { kind: 'tool'; tool: string; ok: boolean }
  | { kind: 'handoff'; reason: string }
  | { kind: 'score'; value: number }
  | { kind: 'gate'; ok: boolean; failure?: string; fallback?: string }
  | { kind: 'unsafe' }
  | { kind: 'model-fallback' }
  | { kind: 'error'; step: string };

export type RunSummary = {
  outcome: 'answered' | 'handed-off' | 'silent' | 'failed';
  /** Knowledge passages the answer cites (the reply's citations, else what was found). */
  sources: number;
  confidence?: number;
};

const parse = (text: string | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The twin step's learnt facts (its output's `added`, each `key=value`): read here for both views. */
export function addedFacts(added: unknown): { key: string; value: string }[] {
  if (!Array.isArray(added)) return [];
  return added.flatMap((f) => {
    const s = str(f);
    const at = s?.indexOf('=') ?? -1;
    return s && at > 0 ? [{ key: s.slice(0, at), value: s.slice(at + 1) }] : [];
  });
}

/** Tool calls the log writes again as their own kind of step (a hand-off) are shown once. */
const handoffTools = new Set(['call_human']);

/** One activity doc as a step, or nothing when it says nothing a rep needs (model calls, bookkeeping). */
function stepOf(a: ActivityDoc): AgentStep | undefined {
  const out = parse(a.output);
  if (a.kind === 'error' || a.status === 'error') {
    if (a.kind === 'tool-call') return { kind: 'tool', tool: a.name, ok: false };
    return { kind: 'error', step: a.name };
  }
  if (a.kind === 'handoff') {
    return { kind: 'handoff', reason: str(obj(parse(a.input)).reason) ?? '' };
  }
  if (a.kind === 'tool-call') {
    if (handoffTools.has(a.name)) return undefined;
    return { kind: 'tool', tool: a.name, ok: a.status === 'ok' };
  }
  if (a.kind !== 'step') return undefined;
  switch (a.name) {
    case 'route': {
      const o = obj(out);
      const intent = str(o.intent);
      if (!intent) return undefined;
      const confidence = num(o.confidence);
      const source = str(o.source);
      return {
        kind: 'route',
        intent,
        ...(confidence === undefined ? {} : { confidence }),
        ...(source ? { source } : {}),
      };
    }
    case 'retrieve': {
      const hits = Array.isArray(out) ? out.map(obj) : [];
      if (hits.length === 0) return { kind: 'no-knowledge' };
      const titles = [...new Set(hits.map((h) => str(h.title) ?? str(h.sourceId) ?? '').filter(Boolean))];
      return { kind: 'knowledge', titles };
    }
    case 'update-twin': {
      const facts = addedFacts(obj(out).added);
      return facts.length ? { kind: 'facts', facts } : undefined;
    }
    case 'score': {
      const value = num(obj(out).value);
      return value === undefined ? undefined : { kind: 'score', value };
    }
    case 'reply-gate': {
      const o = obj(out);
      const ok = a.status === 'ok';
      const failure = str(o.failure);
      const fallback = str(o.fallback);
      return { kind: 'gate', ok, ...(failure ? { failure } : {}), ...(fallback ? { fallback } : {}) };
    }
    case 'safety-check':
      return obj(out).toxic === true ? { kind: 'unsafe' } : undefined;
    case 'llm-fallback':
      return { kind: 'model-fallback' };
    default:
      return undefined;
  }
}

/** The readable steps of one run, in the order they were taken. */
export function agentSteps(docs: readonly ActivityDoc[]): AgentStep[] {
  const sorted = [...docs].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  const steps = sorted.flatMap((a) => {
    const s = stepOf(a);
    return s ? [s] : [];
  });
  // A hand-off is written by the supervisor and by the tool: one line.
  let handoffSeen = false;
  return steps.filter((s) => {
    if (s.kind !== 'handoff') return true;
    if (handoffSeen) return false;
    handoffSeen = true;
    return true;
  });
}

/** The run in one line's worth of facts; `cited`: the reply's citations, when there is a reply. */
export function runSummary(
  steps: readonly AgentStep[],
  reply?: { text: string; citations?: readonly unknown[] },
): RunSummary {
  const route = steps.find((s) => s.kind === 'route');
  const confidence = route?.kind === 'route' ? route.confidence : undefined;
  const found = steps.find((s) => s.kind === 'knowledge');
  const sources = reply?.citations?.length ?? (found?.kind === 'knowledge' ? found.titles.length : 0);
  const base = { sources, ...(confidence === undefined ? {} : { confidence }) };
  if (steps.some((s) => s.kind === 'handoff')) return { outcome: 'handed-off', ...base };
  if (reply?.text) return { outcome: 'answered', ...base };
  if (steps.some((s) => s.kind === 'error')) return { outcome: 'failed', ...base };
  return { outcome: 'silent', ...base };
}

const toolName = (t: Translate, tool: string) =>
  labelOf(t, 'tool', tool, t('agentSteps.teamTool', { name: tool.replace(/[_-]+/g, ' ').trim() }));

/** One step in the UI's language. `factText` names a twin fact (key and value) as the twin view does. */
export function stepText(
  t: Translate,
  step: AgentStep,
  factText: (key: string, value: string) => string = (k, v) => `${k}: ${v}`,
): string {
  switch (step.kind) {
    case 'route': {
      const intent = intentLabel(t, step.intent);
      const by = step.source ? labelOf(t, 'agentSteps.source', step.source, '') : '';
      return step.confidence === undefined
        ? t('agentSteps.route', { intent })
        : by
          ? t('agentSteps.routeSureBy', { intent, confidence: step.confidence, by })
          : t('agentSteps.routeSure', { intent, confidence: step.confidence });
    }
    case 'knowledge':
      return t('agentSteps.knowledge', { n: step.titles.length, titles: step.titles.join(', ') });
    case 'no-knowledge':
      return t('agentSteps.noKnowledge');
    case 'facts':
      return t('agentSteps.facts', { facts: step.facts.map((f) => factText(f.key, f.value)).join(', ') });
    case 'tool':
      return t(step.ok ? 'agentSteps.tool' : 'agentSteps.toolFailed', { tool: toolName(t, step.tool) });
    case 'handoff':
      return step.reason
        ? t('agentSteps.handoff', { reason: handoffReasonLabel(t, step.reason) })
        : t('agentSteps.handoffNoReason');
    case 'score':
      return t('agentSteps.score', { score: step.value });
    case 'gate':
      if (step.ok) return t('agentSteps.gateOk');
      return t(step.fallback === 'offline' ? 'agentSteps.gateOffline' : 'agentSteps.gateHandoff', {
        why: labelOf(t, 'agentSteps.gate', step.failure ?? '', t('agentSteps.gate.other')),
      });
    case 'unsafe':
      return t('agentSteps.unsafe');
    case 'model-fallback':
      return t('agentSteps.modelFallback');
    case 'error':
      return t('agentSteps.error', { step: stepLabel(t, step.step) });
  }
}

/** The collapsed line: "AI: answered from 2 knowledge articles · 0.82". */
export function summaryText(t: Translate, s: RunSummary): string {
  const what =
    s.outcome === 'answered'
      ? s.sources > 0
        ? t('agentSteps.summary.answeredFrom', { n: s.sources })
        : t('agentSteps.summary.answered')
      : t(`agentSteps.summary.${s.outcome}`);
  return s.confidence === undefined
    ? what
    : `${what} · ${t('agentSteps.confidence', { confidence: s.confidence })}`;
}
