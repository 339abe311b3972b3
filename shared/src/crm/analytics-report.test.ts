// Breakdowns, stage-to-stage conversion, time in stage and trends against numbers computed by hand
// (each expectation says how) on one small team.
import { describe, expect, it } from 'vitest';
import { defaultPipeline, type PipelineDoc } from '../schemas/pipelines';
import { aiResolution, inPeriod, leadSummary } from './analytics';
import {
  breakdown,
  bucketFor,
  bucketStart,
  groupByKeys,
  localDay,
  localDays,
  stageConversion,
  timeInStage,
  trends,
  type AnalyticsData,
} from './analytics-report';

const day = (d: number, h = 10) =>
  `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;
const sales = defaultPipeline();
const enterprise: PipelineDoc = {
  ...defaultPipeline(),
  id: 'ent',
  name: 'Enterprise',
  stages: [
    { id: 'pilot', kind: 'open', probability: 50 },
    { id: 'signed', kind: 'won', probability: 100 },
    { id: 'dropped', kind: 'lost', probability: 0 },
  ],
};
const src = (channel: string, campaign?: string) => ({ channel, ...(campaign ? { campaign } : {}) });

// The team: 7 leads (l7 before the period), 3 conversations, 4 messages.
const data: AnalyticsData = {
  pipelines: [sales, enterprise],
  leads: [
    {
      id: 'l1',
      stage: 'won',
      createdAt: day(2),
      source: src('telegram', 'spring'),
      ownerId: 'u1',
      value: { amount: 1000, currency: 'USD' },
      conversationId: 'cv1',
    },
    { id: 'l2', stage: 'lost', createdAt: day(3), source: src('telegram', 'spring'), ownerId: 'u1' },
    {
      id: 'l3',
      stage: 'proposal',
      createdAt: day(4),
      stageChangedAt: day(6),
      source: src('email'),
      ownerId: 'u2',
      conversationId: 'cv3',
    },
    { id: 'l4', stage: 'new', createdAt: day(5), source: src('webchat', 'spring') },
    {
      id: 'l5',
      pipelineId: 'ent',
      stage: 'pilot',
      createdAt: day(9),
      source: src('email', 'fall'),
      ownerId: 'u2',
    },
    {
      id: 'l6',
      pipelineId: 'ent',
      stage: 'signed',
      createdAt: day(10),
      source: src('telegram', 'fall'),
      ownerId: 'u2',
      value: { amount: 500, currency: 'EUR' },
    },
    {
      id: 'l7',
      stage: 'won',
      createdAt: day(1),
      source: src('telegram'),
      ownerId: 'u1',
      value: { amount: 5, currency: 'USD' },
    },
  ],
  conversations: [
    { id: 'cv1', channel: 'telegram', mode: 'ai', createdAt: day(2) }, // resolved by AI
    { id: 'cv2', channel: 'webchat', mode: 'human', assigneeId: 'u1', createdAt: day(4) }, // rep took over
    { id: 'cv3', channel: 'email', mode: 'ai', handoffReason: 'asked for a person', createdAt: day(5) },
  ],
  messages: [
    { conversationId: 'cv1', direction: 'inbound', createdAt: day(2), author: { kind: 'customer' } },
    {
      conversationId: 'cv1',
      direction: 'outbound',
      createdAt: '2026-03-02T10:00:30.000Z',
      author: { kind: 'agent' },
    },
    { conversationId: 'cv2', direction: 'inbound', createdAt: day(4), author: { kind: 'customer' } },
    {
      conversationId: 'cv2',
      direction: 'outbound',
      createdAt: '2026-03-04T10:02:00.000Z',
      author: { kind: 'rep' },
    },
  ],
  activity: [],
};
const period = { from: day(2), to: day(20) };
type Row = ReturnType<typeof breakdown>[number];
const brief = (rows: Row[]) =>
  rows.map((r) => [
    r.key,
    r.leads.created,
    r.leads.won,
    r.leads.lost,
    r.aiResolution.conversations,
    r.aiResolution.resolved,
  ]);

describe('breakdown', () => {
  it('by channel: telegram l1 l2 l6 (2 won, 1 lost), email l3 l5, webchat l4; conversations by their channel', () => {
    const rows = breakdown(data, 'channel', period);
    expect(brief(rows)).toEqual([
      ['telegram', 3, 2, 1, 1, 1],
      ['email', 2, 0, 0, 1, 0],
      ['webchat', 1, 0, 0, 1, 0],
    ]);
    const telegram = rows[0]!;
    expect(telegram.leads.conversionToWon).toBeCloseTo(2 / 3);
    expect(telegram.leads.winRate).toBeCloseTo(2 / 3);
    expect(telegram.leads.revenueWon).toEqual({ USD: 1000, EUR: 500 });
    // cv1 answered in 30 s, cv2 in 2 min; email's cv3 has no messages.
    expect(telegram.firstResponseMs).toEqual({ count: 1, median: 30_000, p90: 30_000 });
    expect(rows[2]!.firstResponseMs).toEqual({ count: 1, median: 120_000, p90: 120_000 });
    expect(rows[1]!.firstResponseMs).toEqual({ count: 0, median: 0, p90: 0 });
    expect(rows[1]!.aiResolution.handedOff).toBe(1);
  });

  it('by owner: u2 has l3 l5 l6, u1 l1 l2, nobody l4; cv1 and cv3 follow their lead, cv2 its assignee', () => {
    expect(brief(breakdown(data, 'owner', period))).toEqual([
      ['u2', 3, 1, 0, 1, 0],
      ['u1', 2, 1, 1, 2, 1],
      ['', 1, 0, 0, 0, 0],
    ]);
  });

  it('by campaign: spring l1 l2 l4, fall l5 l6, none l3 (and the unlinked cv2)', () => {
    expect(brief(breakdown(data, 'campaign', period))).toEqual([
      ['spring', 3, 1, 1, 1, 1],
      ['fall', 2, 1, 0, 0, 0],
      ['', 1, 0, 0, 2, 0],
    ]);
  });

  it('by pipeline: sales l1-l4 with cv1 and cv3, ent l5 l6; cv2 in none', () => {
    const rows = breakdown(data, 'pipeline', period);
    expect(brief(rows)).toEqual([
      ['default', 4, 1, 1, 2, 1], // cv1 (l1) and cv3 (l3)
      ['ent', 2, 1, 0, 0, 0],
      ['', 0, 0, 0, 1, 0], // cv2, linked to no lead
    ]);
    expect(rows[1]!.leads.revenueWon).toEqual({ EUR: 500 });
  });

  it('the groups add up to the whole for every group-by', () => {
    const whole = leadSummary(data.leads, data.pipelines, period);
    const ai = aiResolution(data.conversations, data.messages, data.activity, period);
    for (const by of groupByKeys) {
      const rows = breakdown(data, by, period);
      const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
      expect(
        sum((r) => r.leads.created),
        by,
      ).toBe(whole.created);
      expect(
        sum((r) => r.leads.won),
        by,
      ).toBe(whole.won);
      expect(
        sum((r) => r.aiResolution.conversations),
        by,
      ).toBe(ai.conversations);
      expect(
        sum((r) => r.aiResolution.resolved),
        by,
      ).toBe(ai.resolved);
    }
  });
});

describe('stage-to-stage conversion', () => {
  it('each step is reached(next) / reached(stage), lost stages are not steps', () => {
    // Sales leads in the period: l1 won, l2 lost, l3 proposal, l4 new. Reached: new 4 (all),
    // qualified 2 (l3, l1), proposal 2, negotiation 1 (l1), won 1.
    expect(stageConversion(data.leads, sales, period)).toEqual([
      { fromStageId: 'new', toStageId: 'qualified', from: 4, to: 2, rate: 0.5 },
      { fromStageId: 'qualified', toStageId: 'proposal', from: 2, to: 2, rate: 1 },
      { fromStageId: 'proposal', toStageId: 'negotiation', from: 2, to: 1, rate: 0.5 },
      { fromStageId: 'negotiation', toStageId: 'won', from: 1, to: 1, rate: 1 },
    ]);
    expect(stageConversion(data.leads, enterprise, { from: day(11) })).toEqual([
      { fromStageId: 'pilot', toStageId: 'signed', from: 0, to: 0, rate: 0 },
    ]);
  });
});

describe('time in stage', () => {
  const asOf = Date.parse(day(20));
  it('without history: the current stay, since stageChangedAt or createdAt', () => {
    // l4 in new since Mar 5 -> 15 days; l3 in proposal since Mar 6 -> 14 days.
    expect(timeInStage(data.leads, sales, period, asOf)).toEqual([
      { stageId: 'new', count: 1, medianDays: 15, averageDays: 15 },
      { stageId: 'qualified', count: 0, medianDays: 0, averageDays: 0 },
      { stageId: 'proposal', count: 1, medianDays: 14, averageDays: 14 },
      { stageId: 'negotiation', count: 0, medianDays: 0, averageDays: 0 },
    ]);
  });

  it('with the stage history: every stay, the first one from creation', () => {
    const changes = [
      // l3: created in new on Mar 4, qualified Mar 5, proposal Mar 6 -> new 1, qualified 1, proposal 14.
      { leadId: 'l3', pipelineId: 'default', from: 'new', to: 'qualified', at: day(5) },
      { leadId: 'l3', pipelineId: 'default', from: 'qualified', to: 'proposal', at: day(6) },
      // l2: created Mar 3 10:00, qualified 22:00 (0.5 day in new), lost Mar 7 10:00 (3.5 days qualified).
      { leadId: 'l2', pipelineId: 'default', from: 'qualified', to: 'lost', at: day(7) },
      { leadId: 'l2', pipelineId: 'default', from: 'new', to: 'qualified', at: day(3, 22) },
      // Another pipeline's record is not this one's.
      { leadId: 'l5', pipelineId: 'ent', to: 'pilot', at: day(9) },
    ];
    // new: 0.5, 1, 15 (l4, no history) -> median 1, average 16.5 / 3 = 5.5.
    expect(timeInStage(data.leads, sales, period, asOf, changes)).toEqual([
      { stageId: 'new', count: 3, medianDays: 1, averageDays: 5.5 },
      { stageId: 'qualified', count: 2, medianDays: 2.25, averageDays: 2.25 },
      { stageId: 'proposal', count: 1, medianDays: 14, averageDays: 14 },
      { stageId: 'negotiation', count: 0, medianDays: 0, averageDays: 0 },
    ]);
  });
});

describe('trends', () => {
  it('buckets: days up to 2 months, weeks up to a year, else months; weeks start on Monday', () => {
    const t0 = Date.parse(day(1));
    expect(bucketFor(t0, t0 + 7 * 86_400_000)).toBe('day');
    expect(bucketFor(t0, t0 + 90 * 86_400_000)).toBe('week');
    expect(bucketFor(t0, t0 + 400 * 86_400_000)).toBe('month');
    // 2026-03-01 is a Sunday; 2026-03-04 a Wednesday.
    expect(bucketStart('2026-03-04', 'week')).toBe('2026-03-02');
    expect(bucketStart('2026-03-01', 'week')).toBe('2026-02-23');
    expect(bucketStart('2026-03-19', 'month')).toBe('2026-03-01');
  });

  it('per day in UTC: leads created, won now, revenue, and AI resolution of the conversations started', () => {
    const t = trends(
      data,
      { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' },
      {
        timeZone: 'UTC',
        now: Date.parse(day(20)),
      },
    );
    expect(t.bucket).toBe('day');
    expect(
      t.points.map((p) => [p.start, p.created, p.won, p.revenueWon, p.conversations, p.resolvedByAi]),
    ).toEqual([
      ['2026-03-01', 1, 1, { USD: 5 }, 0, 0], // l7
      ['2026-03-02', 1, 1, { USD: 1000 }, 1, 1], // l1, cv1
      ['2026-03-03', 1, 0, {}, 0, 0], // l2
      ['2026-03-04', 1, 0, {}, 1, 0], // l3, cv2
      ['2026-03-05', 1, 0, {}, 1, 0], // l4, cv3
      ['2026-03-06', 0, 0, {}, 0, 0],
      ['2026-03-07', 0, 0, {}, 0, 0],
    ]);
    expect(t.points[1]!.aiShare).toBe(1);
  });

  it('in the time zone: 22:30 UTC on Mar 1 is Mar 2 in Moscow; weeks and a pipeline filter', () => {
    const late = {
      ...data,
      leads: [{ id: 'x', stage: 'new', createdAt: '2026-03-01T22:30:00.000Z' }],
      conversations: [],
    };
    expect(localDay(Date.parse('2026-03-01T22:30:00.000Z'), 'Europe/Moscow')).toBe('2026-03-02');
    const range = { from: '2026-02-28T21:00:00.000Z', to: '2026-03-03T21:00:00.000Z' }; // Mar 1-3, Moscow
    const moscow = trends(late, range, { timeZone: 'Europe/Moscow', now: 0 });
    expect(moscow.points.map((p) => [p.start, p.created])).toEqual([
      ['2026-03-01', 0],
      ['2026-03-02', 1],
      ['2026-03-03', 0],
    ]);
    // Weeks over the whole of March (UTC): Feb 23 (l7 Mar 1), Mar 2 (l1-l4), Mar 9 (l5, l6), 16, 23, 30.
    const weeks = trends(
      data,
      { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      {
        bucket: 'week',
        timeZone: 'UTC',
        now: 0,
      },
    );
    expect(weeks.points.map((p) => [p.start, p.created])).toEqual([
      ['2026-02-23', 1],
      ['2026-03-02', 4],
      ['2026-03-09', 2],
      ['2026-03-16', 0],
      ['2026-03-23', 0],
      ['2026-03-30', 0],
    ]);
    const ent = trends(
      data,
      { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      {
        bucket: 'month',
        timeZone: 'UTC',
        pipelineId: 'ent',
        now: 0,
      },
    );
    expect(ent.points).toEqual([
      {
        start: '2026-03-01',
        created: 2,
        won: 1,
        revenueWon: { EUR: 500 },
        conversations: 3,
        resolvedByAi: 1,
        aiShare: 1 / 3,
      },
    ]);
  });

  it('an open start begins at the first doc; the buckets add up to the summary', () => {
    const t = trends(data, {}, { timeZone: 'UTC', now: Date.parse(day(20)) });
    expect(t.points[0]!.start).toBe('2026-03-01');
    expect(t.points.at(-1)!.start).toBe('2026-03-20');
    const whole = leadSummary(data.leads, data.pipelines);
    expect(t.points.reduce((n, p) => n + p.created, 0)).toBe(whole.created);
    expect(t.points.reduce((n, p) => n + p.won, 0)).toBe(whole.won);
  });
});

describe('fast paths agree with the plain definitions', () => {
  it('localDays = localDay for every hour around clock changes, in several zones', () => {
    const start = Date.parse('2026-03-07T00:00:00.000Z'); // New York springs forward on Mar 8
    for (const tz of ['UTC', 'America/New_York', 'Europe/Moscow', 'Asia/Kathmandu', 'Australia/Lord_Howe']) {
      const fast = localDays(tz);
      for (let h = 0; h < 72; h++) {
        const ms = start + h * 3_600_000 + 7 * 60_000;
        expect(fast(new Date(ms).toISOString()), `${tz} +${h}h`).toBe(localDay(ms, tz));
      }
    }
    // An ISO time with an offset is read as the instant it names.
    expect(localDays('UTC')('2026-03-02T01:00:00+03:00')).toBe('2026-03-01');
  });

  it('periods compare canonical ISO times as strings and any other form by its instant', () => {
    const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };
    expect(inPeriod('2026-03-02T00:00:00.000Z', period)).toBe(true);
    expect(inPeriod('2026-03-02T23:59:59.999Z', period)).toBe(true);
    expect(inPeriod('2026-03-03T00:00:00.000Z', period)).toBe(false);
    expect(inPeriod('2026-03-03T01:00:00+03:00', period)).toBe(true); // 22:00 UTC on Mar 2
    expect(inPeriod('2026-03-02T02:00:00+03:00', period)).toBe(false); // 23:00 UTC on Mar 1
    expect(inPeriod('not a time', period)).toBe(false);
    expect(inPeriod('2026-03-02T10:00:00.000Z', { from: '2026-03-02T12:00:00+03:00' })).toBe(true);
  });
});
