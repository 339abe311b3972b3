// GET /api/v1/analytics/summary through a real sync server, on data pushed through the sync gateway as
// the desktop pushes it: hand-computed numbers for a period, and the same numbers the desktop computes
// offline from the same docs (the shared definitions over what a client replicates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiResolution, firstResponseTimes, funnel, leadSummary, percentile } from '@app/shared/crm';
import type { ConversationDoc, LeadDoc, MessageDoc, PipelineDoc } from '@app/shared/schemas';
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
  // 10 leads in the period (1 won, 1 lost), one before it and one after it.
  await push('leads', [
    lead('l-won', 'won', 2, { value: { amount: 1000, currency: 'USD' } }),
    lead('l-lost', 'lost', 3, { lostReason: 'Too expensive' }),
    ...Array.from({ length: 4 }, (_, i) => lead(`l-new-${i}`, 'new', 4 + i)),
    ...Array.from({ length: 3 }, (_, i) => lead(`l-q-${i}`, 'qualified', 8 + i)),
    lead('l-prop', 'proposal', 12),
    lead('l-before', 'won', 1, { value: { amount: 5, currency: 'USD' } }),
    lead('l-after', 'new', 20),
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
  await push('messages', [
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
