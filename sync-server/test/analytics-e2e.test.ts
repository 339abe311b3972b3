// GET /api/v1/analytics/summary through a real sync server, on data pushed through the sync gateway as
// the desktop pushes it: hand-computed numbers for a period, and the same numbers the desktop computes
// offline from the same docs (the shared definitions over what a client replicates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aiResolution,
  breakdown,
  firstResponseTimes,
  funnel,
  groupByKeys,
  leadSummary,
  percentile,
  stageConversion,
  timeInStage,
  trends,
  type AnalyticsData,
} from '@app/shared/crm';
import type { ConversationDoc, LeadDoc, MessageDoc, PipelineDoc, StageChangeDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, CORE, register, startTestServer, tempDir, type Session } from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let admin: Session;

const day = (d: number, h = 10) =>
  `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;
const lead = (id: string, stage: string, d: number, extra: Record<string, unknown> = {}) => ({
  _id: id,
  contactId: 'c1',
  title: id,
  stage,
  source: { channel: 'manual' },
  createdAt: day(d),
  updatedAt: day(d),
  ...extra,
});
const conversation = (id: string, d: number, extra: Record<string, unknown> = {}) => ({
  _id: id,
  contactId: 'c1',
  channel: 'webchat',
  externalChatId: id,
  mode: 'ai',
  status: 'open',
  createdAt: day(d),
  updatedAt: day(d),
  ...extra,
});
const message = (id: string, conv: string, direction: string, at: string, author: string) => ({
  _id: id,
  conversationId: conv,
  contactId: 'c1',
  channel: 'webchat',
  direction,
  text: 'hi',
  attachments: [],
  author: { kind: author },
  idempotencyKey: id,
  ...(direction === 'inbound' ? { delivery: { status: 'received' } } : { delivery: { status: 'sent' } }),
  createdAt: at,
  updatedAt: at,
});

beforeAll(async () => {
  dir = tempDir('analytics-');
  server = await startTestServer(dir.path, CORE);
  admin = await register(server.url, 'Analytics');
  const push = async (collection: string, docs: unknown[]) => {
    const res = await call(server.url, 'POST', `/sync/${collection}/_bulk_docs`, {
      token: admin.accessToken,
      body: { docs },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.filter((r: { error?: string }) => r.error)).toEqual([]);
  };
  // 10 leads in the period (1 won, 1 lost), one before it and one after it. Channels: l-won and
  // l-lost telegram (campaign spring, the admin's), the 3 qualified webchat (campaign fall), the rest
  // manual; l-prop is the admin's too and has been in its stage since Mar 13.
  const owner = admin.user.id;
  const telegram = (campaign: string) => ({ source: { channel: 'telegram', campaign }, ownerId: owner });
  await push('leads', [
    lead('l-won', 'won', 2, { value: { amount: 1000, currency: 'USD' }, ...telegram('spring') }),
    lead('l-lost', 'lost', 3, { lostReason: 'Too expensive', ...telegram('spring') }),
    ...Array.from({ length: 4 }, (_, i) => lead(`l-new-${i}`, 'new', 4 + i)),
    ...Array.from({ length: 3 }, (_, i) =>
      lead(`l-q-${i}`, 'qualified', 8 + i, { source: { channel: 'webchat', campaign: 'fall' } }),
    ),
    lead('l-prop', 'proposal', 12, { ownerId: owner, stageChangedAt: day(13) }),
    lead('l-before', 'won', 1, { value: { amount: 5, currency: 'USD' } }),
    lead('l-after', 'new', 20),
  ]);
  // l-prop's stage history: created in new on Mar 12 10:00, qualified at 22:00, proposal on Mar 13.
  const move = (from: string, to: string, at: string) => ({
    _id: `sc-l-prop-${to}`,
    leadId: 'l-prop',
    pipelineId: 'default',
    from,
    to,
    at,
    by: { kind: 'rep', id: owner },
    via: 'board',
    createdAt: at,
  });
  await push('stage_changes', [
    move('new', 'qualified', day(12, 22)),
    move('qualified', 'proposal', day(13)),
  ]);
  await push('conversations', [
    conversation('cv-ai', 2),
    // The customer asked for a human; the AI came back after the wait (mode ai again).
    conversation('cv-asked', 3, {
      handoffReason: 'Customer asked for a person',
      handoffMessageId: 'm-asked-1',
    }),
    conversation('cv-rep', 4),
    conversation('cv-old', 1),
  ]);
  // Messages as the channels and agents write them (sent, by agents): the server's own writes, which no
  // member may push (a client posts only as itself, a message waiting to be sent).
  const written = async (docs: unknown[]) => {
    const res = await server.store.teamDb(admin.team.id, 'messages').bulk({ docs: docs as never[] });
    expect(res.filter((r) => r.error)).toEqual([]);
  };
  await written([
    message('m-ai-1', 'cv-ai', 'inbound', day(2, 10), 'customer'),
    message('m-ai-2', 'cv-ai', 'outbound', '2026-03-02T10:00:20.000Z', 'agent'),
    message('m-rep-1', 'cv-rep', 'inbound', day(4, 10), 'customer'),
    message('m-rep-2', 'cv-rep', 'outbound', '2026-03-04T10:05:00.000Z', 'rep'),
  ]);
}, 60_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

const summary = (query: string) =>
  call(server.url, 'GET', `/api/v1/analytics/summary${query}`, { token: admin.accessToken });

describe('GET /api/v1/analytics/summary', () => {
  it('answers hand-computed numbers for the period', async () => {
    const res = await summary('?from=2026-03-02&to=2026-03-15');
    expect(res.status).toBe(200);
    expect(res.body.leads).toEqual({
      created: 10,
      won: 1,
      lost: 1,
      open: 8,
      conversionToWon: 0.1,
      winRate: 0.5,
      revenueWon: { USD: 1000 },
    });
    expect(res.body.funnel.cumulative).toBe(true);
    expect(
      res.body.funnel.stages.map((s: { stageId: string; reached: number }) => [s.stageId, s.reached]),
    ).toEqual([
      ['new', 10],
      ['qualified', 5],
      ['proposal', 2],
      ['negotiation', 1],
      ['won', 1],
      ['lost', 1],
    ]);
    expect(res.body.aiResolution).toEqual({
      conversations: 3,
      resolved: 1,
      share: 1 / 3,
      handedOff: 1,
      repTookOver: 1,
    });
    expect(res.body.firstResponseMs).toEqual({ count: 2, median: 20_000, p90: 300_000 });
  });

  it('agrees with what the desktop computes offline from the same docs', async () => {
    const read = async <T>(collection: string) =>
      (
        await call(server.url, 'POST', `/sync/${collection}/_all_docs?include_docs=true`, {
          token: admin.accessToken,
          body: {},
        })
      ).body.rows.map((r: { doc: Record<string, unknown> }) => ({ ...r.doc, id: r.doc._id })) as T[];
    const leads = await read<LeadDoc>('leads');
    const conversations = await read<ConversationDoc>('conversations');
    const messages = await read<MessageDoc>('messages');
    const pipelines = (await call(server.url, 'GET', '/api/v1/pipelines', { token: admin.accessToken })).body
      .items as PipelineDoc[];
    const periods: { from?: string; to?: string }[] = [
      { from: '2026-03-02', to: '2026-03-15' },
      { from: '2026-03-05' },
      {},
    ];
    for (const period of periods) {
      const query = new URLSearchParams(period as Record<string, string>).toString();
      const server = (await summary(query ? `?${query}` : '')).body;
      const p = {
        from: period.from && new Date(period.from).toISOString(),
        to: period.to && new Date(period.to).toISOString(),
      };
      const times = firstResponseTimes(messages, p);
      expect(server.leads).toEqual(leadSummary(leads, pipelines, p));
      expect(server.funnel.stages).toEqual(funnel(leads, pipelines[0]!, p));
      expect(server.aiResolution).toEqual(aiResolution(conversations, messages, [], p));
      expect(server.firstResponseMs).toEqual({
        count: times.length,
        median: percentile(times, 50),
        p90: percentile(times, 90),
      });
    }
  });

  it('refuses a bad range with a readable 400, and an unknown pipeline with a 404', async () => {
    const bad = await summary('?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('from: must be a date (YYYY-MM-DD) or an ISO time');
    const reversed = await summary('?from=2026-03-10&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toBe("'from' (2026-03-10) must be before 'to' (2026-03-01)");
    expect((await summary('?pipelineId=nope')).status).toBe(404);
  });
});

const get = (path: string) =>
  call(server.url, 'GET', `/api/v1/analytics/${path}`, { token: admin.accessToken });

/** The team's docs as the desktop replicates them (through the sync gateway). */
async function clientData(): Promise<AnalyticsData & { stageChanges: StageChangeDoc[] }> {
  const read = async <T>(collection: string) =>
    (
      await call(server.url, 'POST', `/sync/${collection}/_all_docs?include_docs=true`, {
        token: admin.accessToken,
        body: {},
      })
    ).body.rows.map((r: { doc: Record<string, unknown> }) => ({ ...r.doc, id: r.doc._id })) as T[];
  return {
    stageChanges: await read<StageChangeDoc>('stage_changes'),
    leads: await read<LeadDoc>('leads'),
    conversations: await read<ConversationDoc>('conversations'),
    messages: await read<MessageDoc>('messages'),
    activity: [],
    pipelines: (await call(server.url, 'GET', '/api/v1/pipelines', { token: admin.accessToken })).body
      .items as PipelineDoc[],
  };
}

describe('analytics breakdowns, stage-to-stage conversion, time in stage and trends', () => {
  it('groupBy=channel and owner: hand-computed groups', async () => {
    const res = await get('summary?from=2026-03-02&to=2026-03-15&groupBy=channel');
    expect(res.status).toBe(200);
    expect(res.body.groupBy).toBe('channel');
    const brief = (groups: { key: string; leads: { created: number; won: number; lost: number } }[]) =>
      groups.map((g) => [g.key, g.leads.created, g.leads.won, g.leads.lost]);
    // manual: 4 new + l-prop; webchat: the 3 qualified; telegram: l-won, l-lost.
    expect(brief(res.body.groups)).toEqual([
      ['manual', 5, 0, 0],
      ['webchat', 3, 0, 0],
      ['telegram', 2, 1, 1],
    ]);
    // The 3 conversations of the period are all webchat: 1 resolved by AI.
    expect(res.body.groups[1].aiResolution).toMatchObject({ conversations: 3, resolved: 1 });
    expect(res.body.groups[2].leads).toMatchObject({ winRate: 0.5, revenueWon: { USD: 1000 } });
    const owners = await get('summary?from=2026-03-02&to=2026-03-15&groupBy=owner');
    expect(brief(owners.body.groups)).toEqual([
      ['', 7, 0, 0],
      [admin.user.id, 3, 1, 1],
    ]);
  });

  it('stage-to-stage conversion and time in stage: hand-computed', async () => {
    const res = await get('summary?from=2026-03-02&to=2026-03-15');
    // Reached (cumulative): new 10, qualified 5, proposal 2, negotiation 1, won 1.
    expect(
      res.body.stageConversion.steps.map((s: { fromStageId: string; toStageId: string; rate: number }) => [
        s.fromStageId,
        s.toStageId,
        s.rate,
      ]),
    ).toEqual([
      ['new', 'qualified', 0.5],
      ['qualified', 'proposal', 0.4],
      ['proposal', 'negotiation', 0.5],
      ['negotiation', 'won', 1],
    ]);
    const asOf = Date.parse(res.body.timeInStage.asOf);
    expect(Math.abs(asOf - Date.now())).toBeLessThan(60_000);
    expect(res.body.timeInStage.basis).toBe('stage-history');
    const days = (iso: string) => (asOf - Date.parse(iso)) / 86_400_000;
    const stage = (id: string) =>
      res.body.timeInStage.stages.find((s: { stageId: string }) => s.stageId === id) as {
        count: number;
        medianDays: number;
        averageDays: number;
      };
    // new: l-new-0..3 still there since Mar 4-7 (no history), and l-prop's half day -> median: Mar 6's.
    expect(stage('new').count).toBe(5);
    expect(stage('new').medianDays).toBeCloseTo(days(day(6)), 1);
    const newStays = [4, 5, 6, 7].map((d) => days(day(d)));
    expect(stage('new').averageDays).toBeCloseTo((newStays.reduce((a, b) => a + b) + 0.5) / 5, 1);
    // qualified: l-q-0..2 since Mar 8-10, and l-prop's half day -> median: between Mar 9's and Mar 10's.
    expect(stage('qualified').count).toBe(4);
    expect(stage('qualified').medianDays).toBeCloseTo((days(day(9)) + days(day(10))) / 2, 1);
    // proposal: l-prop since Mar 13.
    expect(stage('proposal').count).toBe(1);
    expect(stage('proposal').medianDays).toBeCloseTo(days(day(13)), 1);
  });

  it('timeseries: per day in UTC and per week (from Monday)', async () => {
    const res = await get('timeseries?from=2026-03-01&to=2026-03-05');
    expect(res.status).toBe(200);
    expect(res.body.bucket).toBe('day');
    expect(res.body.timeZone).toBe('UTC');
    // Mar 1 l-before (won, $5) and cv-old; Mar 2 l-won and cv-ai (resolved); Mar 3 l-lost and cv-asked;
    // Mar 4 l-new-0 and cv-rep.
    expect(
      res.body.points.map((p: Record<string, unknown>) => [
        p.start,
        p.created,
        p.won,
        p.revenueWon,
        p.conversations,
        p.resolvedByAi,
      ]),
    ).toEqual([
      ['2026-03-01', 1, 1, { USD: 5 }, 1, 1],
      ['2026-03-02', 1, 1, { USD: 1000 }, 1, 1],
      ['2026-03-03', 1, 0, {}, 1, 0],
      ['2026-03-04', 1, 0, {}, 1, 0],
    ]);
    const weeks = await get('timeseries?from=2026-03-02&to=2026-03-16&bucket=week');
    expect(weeks.body.points.map((p: { start: string; created: number }) => [p.start, p.created])).toEqual([
      ['2026-03-02', 7], // Mon Mar 2 - Sun Mar 8: l-won, l-lost, l-new-0..3, l-q-0
      ['2026-03-09', 3], // Mar 9-15: l-q-1, l-q-2, l-prop
    ]);
  });

  it('agrees with what the desktop computes offline for every groupBy, period and time zone', async () => {
    const data = await clientData();
    const periods: { from?: string; to?: string }[] = [
      { from: '2026-03-02', to: '2026-03-15' },
      { from: '2026-03-05' },
      {},
    ];
    for (const period of periods) {
      const p = {
        from: period.from && new Date(period.from).toISOString(),
        to: period.to && new Date(period.to).toISOString(),
      };
      for (const groupBy of groupByKeys) {
        const query = new URLSearchParams({ ...(period as Record<string, string>), groupBy }).toString();
        const server = (await get(`summary?${query}`)).body;
        expect(server.groups, groupBy).toEqual(breakdown(data, groupBy, p));
        expect(server.stageConversion.steps).toEqual(stageConversion(data.leads, data.pipelines[0]!, p));
        expect(server.timeInStage.stages).toEqual(
          timeInStage(
            data.leads,
            data.pipelines[0]!,
            p,
            Date.parse(server.timeInStage.asOf),
            data.stageChanges,
          ),
        );
      }
    }
    for (const [query, opts] of [
      ['from=2026-02-20&to=2026-03-25', { timeZone: 'UTC' }],
      [
        'from=2026-02-20&to=2026-03-25&tz=Europe%2FMoscow&bucket=week',
        { timeZone: 'Europe/Moscow', bucket: 'week' },
      ],
      ['from=2025-12-01&to=2026-04-01&tz=America%2FNew_York', { timeZone: 'America/New_York' }],
    ] as const) {
      const server = (await get(`timeseries?${query}`)).body;
      const q = new URLSearchParams(query);
      const p = { from: new Date(q.get('from')!).toISOString(), to: new Date(q.get('to')!).toISOString() };
      expect(server.points).toEqual(trends(data, p, { ...opts, now: Date.now() }).points);
    }
  });

  it('refuses bad input with a readable 400 and an unknown pipeline with a 404', async () => {
    const cases: [string, string][] = [
      ['summary?groupBy=team', 'groupBy'],
      ['summary?from=2020-01-01&to=2026-01-01', 'at most 731 days'],
      ['timeseries', 'from'],
      ['timeseries?from=2026-03-01&bucket=year', 'bucket'],
      ['timeseries?from=2026-03-01&tz=Mars%2FOlympus', 'tz: must be an IANA time zone'],
      ['timeseries?from=2026-03-10&to=2026-03-01', "'from' (2026-03-10) must be before 'to' (2026-03-01)"],
      ['timeseries?from=2020-01-01', 'at most 731 days'],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.message, path).toContain(message);
    }
    expect((await get('timeseries?from=2026-03-01&pipelineId=nope')).status).toBe(404);
  });
});
