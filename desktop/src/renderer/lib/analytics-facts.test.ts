// The rollup's figures against the shared analytics functions over the same docs: built from a
// fixture, then after edits, stage moves and deletions arrive as changes (and after a round trip
// through the stored record), for several ranges, groupings and time zones.
import { describe, expect, it } from 'vitest';
import {
  aiResolution,
  breakdown,
  firstResponseTimes,
  funnel,
  leadSummary,
  stageConversion,
  timeInStage,
  trends,
  type GroupBy,
  type Period,
} from '@app/shared/crm';
import { defaultPipeline, type PipelineDoc } from '@app/shared/schemas';
import { analyticsFigures, analyticsNumbers, type AnalyticsFigures } from './analytics-facts';
import { RollupState, type RollupCollection } from './analytics-rollup-state';

type Doc = Record<string, unknown> & { id: string };
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T15:30:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const sales = defaultPipeline();
const enterprise: PipelineDoc = {
  ...defaultPipeline(),
  id: 'ent',
  name: 'Enterprise',
  stages: [
    { id: 'pilot', kind: 'open', probability: 50 },
    { id: 'trial', kind: 'open', probability: 70 },
    { id: 'signed', kind: 'won', probability: 100 },
    { id: 'dropped', kind: 'lost', probability: 0 },
  ],
};
const pipelines = [sales, enterprise];

/** A deterministic value in [0, 1) per (index, purpose). */
const rnd = (n: number, k: number) => {
  let x = Math.imul(n ^ Math.imul(k + 1, 0x9e3779b1), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[], n: number, k: number) => list[Math.floor(rnd(n, k) * list.length)]!;
const channels = ['telegram', 'webchat', 'email', 'vk'];

function fixture() {
  const conversations: Doc[] = [];
  const messages: Doc[] = [];
  const leads: Doc[] = [];
  const activity: Doc[] = [];
  const changes: Doc[] = [];
  for (let i = 0; i < 60; i++) {
    const created = NOW - rnd(i, 1) * 400 * DAY;
    const c: Doc = {
      id: `conv${i}`,
      channel: pick(channels, i, 2),
      mode: rnd(i, 3) < 0.15 ? 'human' : 'ai',
      createdAt: iso(created),
      ...(rnd(i, 4) < 0.3 ? { assigneeId: pick(['u1', 'u2'], i, 5) } : {}),
      ...(rnd(i, 6) < 0.1 ? { waitingSince: iso(created + DAY) } : {}),
      ...(rnd(i, 7) < 0.05 ? { handoffReason: 'asked' } : {}),
    };
    conversations.push(c);
    const n = Math.floor(rnd(i, 8) * 6);
    for (let k = 0; k < n; k++) {
      const inbound = k % 2 === 0 || rnd(i * 10 + k, 9) < 0.2;
      messages.push({
        id: `m${i}-${k}`,
        conversationId: c.id,
        channel: c.channel,
        direction: inbound ? 'inbound' : 'outbound',
        author: { kind: inbound ? 'customer' : rnd(i * 10 + k, 10) < 0.3 ? 'rep' : 'ai' },
        createdAt: iso(created + k * rnd(i * 10 + k, 11) * 3_600_000),
      });
    }
    if (rnd(i, 12) < 0.1)
      activity.push({ id: `a${i}`, kind: 'handoff', conversationId: c.id, createdAt: c.createdAt });
    if (rnd(i, 13) < 0.1)
      activity.push({ id: `b${i}`, kind: 'note', conversationId: c.id, createdAt: c.createdAt });
  }
  // A conversation without its doc, over two channels (its messages group by their own channel).
  for (let k = 0; k < 4; k++)
    messages.push({
      id: `orphan-${k}`,
      conversationId: 'gone',
      channel: k < 2 ? 'telegram' : 'email',
      direction: k % 2 ? 'outbound' : 'inbound',
      author: { kind: k % 2 ? 'ai' : 'customer' },
      createdAt: iso(NOW - 20 * DAY + k * 60_000),
    });
  // One more, unanswered, on a channel nothing else has: no group of its own (no first response).
  messages.push({
    id: 'orphan-x',
    conversationId: 'gone2',
    channel: 'phone',
    direction: 'inbound',
    author: { kind: 'customer' },
    createdAt: iso(NOW - 3 * DAY),
  });
  for (let i = 0; i < 120; i++) {
    const ent = rnd(i, 20) < 0.3;
    const p = ent ? enterprise : sales;
    const created = NOW - rnd(i, 21) * 420 * DAY;
    const stage = pick(p.stages, i, 22).id;
    const moved = rnd(i, 23) < 0.6;
    leads.push({
      id: `l${String(i).padStart(3, '0')}`,
      title: `Deal ${i}`,
      ...(ent ? { pipelineId: 'ent' } : rnd(i, 24) < 0.5 ? { pipelineId: 'default' } : {}),
      stage,
      createdAt: iso(created),
      ...(moved ? { stageChangedAt: iso(created + rnd(i, 25) * (NOW - created)) } : {}),
      ...(rnd(i, 26) < 0.8
        ? { value: { amount: Math.round(rnd(i, 27) * 100_000) / 100, currency: pick(['USD', 'EUR'], i, 28) } }
        : {}),
      ...(rnd(i, 29) < 0.8 ? { ownerId: pick(['u1', 'u2', 'u3'], i, 30) } : {}),
      ...(rnd(i, 31) < 0.7
        ? {
            source: {
              channel: pick(channels, i, 32),
              ...(rnd(i, 33) < 0.5 ? { campaign: pick(['spring', 'fair'], i, 34) } : {}),
            },
          }
        : {}),
      ...(rnd(i, 35) < 0.5 ? { conversationId: `conv${Math.floor(rnd(i, 36) * 60)}` } : {}),
    });
    if (moved && rnd(i, 37) < 0.7) {
      const stages = p.stages.map((s) => s.id);
      const hops = 1 + Math.floor(rnd(i, 38) * 3);
      for (let h = 0; h < hops; h++)
        changes.push({
          id: `sc-${i}-${h}`,
          leadId: `l${String(i).padStart(3, '0')}`,
          pipelineId: h === 2 ? (ent ? 'default' : 'ent') : p.id,
          from: stages[h % stages.length],
          to: stages[(h + 1) % stages.length],
          at: iso(created + (h + 1) * rnd(i, 39 + h) * 5 * DAY),
          by: 'u1',
          createdAt: iso(created),
        });
    }
  }
  return { leads, conversations, messages, activity, stage_changes: changes };
}

type Docs = ReturnType<typeof fixture>;
type Query = { period: Period; pipeline: PipelineDoc; groupBy: GroupBy; timeZone: string };

const sorted = (list: Doc[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The figures as the screen computed them before the rollup: the shared functions over the docs. */
function direct(docs: Docs, q: Query): AnalyticsFigures {
  const leads = sorted(docs.leads) as never[];
  const conversations = sorted(docs.conversations) as never[];
  const messages = sorted(docs.messages) as never[];
  const activity = sorted(docs.activity).filter((a) => a.kind === 'handoff') as never[];
  const changes = sorted(docs.stage_changes) as never[];
  const data = { leads, pipelines, conversations, messages, activity };
  return {
    summary: leadSummary(leads, pipelines, q.period),
    funnel: funnel(leads, q.pipeline, q.period),
    steps: stageConversion(leads, q.pipeline, q.period),
    stay: timeInStage(leads, q.pipeline, q.period, NOW, changes),
    groups: breakdown(data, q.groupBy, q.period),
    series: trends(data, q.period, { timeZone: q.timeZone, now: NOW }),
    ai: aiResolution(conversations, messages, activity, q.period),
    times: firstResponseTimes(messages, q.period),
    moves: changes.length,
  };
}

const queries: Query[] = [
  { period: { from: iso(NOW - 365 * DAY) }, pipeline: sales, groupBy: 'channel', timeZone: 'UTC' },
  { period: { from: iso(NOW - 30 * DAY) }, pipeline: sales, groupBy: 'owner', timeZone: 'Europe/Moscow' },
  { period: {}, pipeline: enterprise, groupBy: 'pipeline', timeZone: 'America/New_York' },
  {
    period: { from: '2026-03-01T00:00:00.000Z', to: '2026-06-10T00:00:00.000Z' },
    pipeline: enterprise,
    groupBy: 'campaign',
    timeZone: 'Asia/Kolkata',
  },
  { period: { from: iso(NOW - 90 * DAY) }, pipeline: sales, groupBy: 'campaign', timeZone: 'UTC' },
];

const names: RollupCollection[] = ['leads', 'conversations', 'messages', 'activity', 'stage_changes'];

function built(docs: Docs): RollupState {
  const state = new RollupState();
  for (const n of names) state.apply(n, docs[n]);
  return state;
}

function expectSame(state: RollupState, docs: Docs) {
  for (const q of queries) {
    const want = direct(docs, q);
    expect(want.summary.created).toBeGreaterThan(0);
    expect(analyticsFigures(state.view(), { ...q, pipelines, now: NOW })).toEqual(want);
    // The numbers the screen shows before its charts are the shared functions' too.
    expect(analyticsNumbers(state.view(), { ...q, pipelines })).toEqual({
      summary: want.summary,
      ai: want.ai,
    });
  }
}

/** Applies changed docs to the fixture and to the rollup, rereading threads the rollup asks for. */
function change(docs: Docs, state: RollupState, name: RollupCollection, next: Doc[], deleted: string[] = []) {
  const list = docs[name];
  for (const d of next) {
    const at = list.findIndex((x) => x.id === d.id);
    if (at >= 0) list[at] = d;
    else list.push(d);
  }
  for (const id of deleted)
    list.splice(
      list.findIndex((x) => x.id === id),
      1,
    );
  const reread = state.apply(name, [...next, ...deleted.map((id) => ({ id, _deleted: true }))]);
  for (const c of reread)
    state.rebuildThread(
      c,
      docs.messages.filter((m) => m.conversationId === c),
    );
  return reread;
}

describe('analytics rollup', () => {
  it('gives the shared functions’ figures for the docs it was built from', () => {
    const docs = fixture();
    expectSame(built(docs), docs);
  });

  it('stays equal after edits, stage moves and deletions arrive, and after a round trip through its record', () => {
    const docs = fixture();
    const state = built(docs);
    const lead = (id: string) => docs.leads.find((l) => l.id === id)!;
    // A deal won, one moved to another pipeline, one's value and owner edited, two deleted.
    change(
      docs,
      state,
      'leads',
      [
        { ...lead('l003'), stage: 'won', stageChangedAt: iso(NOW - DAY) },
        { ...lead('l010'), pipelineId: 'ent', stage: 'trial' },
        { ...lead('l020'), value: { amount: 12.34, currency: 'RUB' }, ownerId: 'u9' },
      ],
      ['l005', 'l040'],
    );
    // A stage move recorded for a deal, a record deleted.
    change(
      docs,
      state,
      'stage_changes',
      [
        {
          id: 'sc-new',
          leadId: 'l003',
          pipelineId: 'default',
          from: 'new',
          to: 'won',
          at: iso(NOW - DAY),
          by: 'u1',
          createdAt: iso(NOW - DAY),
        },
      ],
      [docs.stage_changes[0]!.id],
    );
    // A conversation taken over, one handed off by activity, one deleted; a hand-off deleted.
    change(docs, state, 'conversations', [{ ...docs.conversations[1]!, mode: 'human' }], ['conv7']);
    change(
      docs,
      state,
      'activity',
      [{ id: 'a-new', kind: 'handoff', conversationId: 'conv2', createdAt: iso(NOW) }],
      docs.activity
        .filter((a) => a.kind === 'handoff')
        .slice(0, 1)
        .map((a) => a.id),
    );
    // Messages: an earlier first reply (folds in), a first message deleted and one moved to another
    // conversation (both make the thread be read again), a rep reply turned into the AI's.
    const talked = [...new Set(docs.messages.map((m) => String(m.conversationId)))].filter(
      (c) => c !== 'gone',
    );
    const thread = docs.messages.filter((m) => m.conversationId === talked[0]);
    const firstOf = (c: string) => docs.messages.find((m) => m.conversationId === c)!;
    const rep = docs.messages.find((m) => (m.author as { kind: string }).kind === 'rep')!;
    const reread = change(
      docs,
      state,
      'messages',
      [
        {
          id: 'm-early',
          conversationId: talked[0],
          channel: 'email',
          direction: 'outbound',
          author: { kind: 'ai' },
          createdAt: iso(Date.parse(String(thread[0]?.createdAt ?? iso(NOW))) - 1000),
        },
        { ...firstOf(talked[1]!), conversationId: talked[2] },
        { ...rep, author: { kind: 'ai' } },
      ],
      [firstOf(talked[3]!).id, 'orphan-0'],
    );
    expect(reread.size).toBeGreaterThan(0);
    expectSame(state, docs);
    expectSame(RollupState.fromRecord(structuredClone(state.toRecord())), docs);
  });
});
