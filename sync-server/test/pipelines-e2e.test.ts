// Pipelines per team through a real sync server: an admin edits the default pipeline and adds one of
// its own (stages added, renamed, reordered, won/lost, probabilities), leads follow the team's stages
// (API writes, CSV import and export), removing a stage with leads needs a target, bad input is a
// readable 4xx, and a rep can read pipelines but write them neither through the API nor the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocs } from '@app/shared/fixtures';
import type { RunningServer } from '../src/server';
import {
  acceptInvite,
  call,
  CORE,
  register,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
} from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let admin: Session;
let rep: Session;

beforeAll(async () => {
  dir = tempDir('pipelines-');
  server = await startTestServer(dir.path, CORE);
  admin = await register(server.url, 'Pipelines');
  const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
    token: admin.accessToken,
    body: { email: uniqueEmail('rep'), role: 'rep' },
  });
  rep = await acceptInvite(server.url, invite.body);
}, 60_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

const as = (who: () => Session) => (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, { token: who().accessToken, ...(body ? { body } : {}) });
const asAdmin = as(() => admin);
const asRep = as(() => rep);

async function newContact(name: string): Promise<string> {
  const res = await asRep('POST', '/contacts', { name });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('pipelines per team', () => {
  it('a new team works the default pipeline: the six stages with probabilities, readable by a rep', async () => {
    const res = await asRep('GET', '/pipelines');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ id: 'default', currencies: ['USD'] });
    expect(res.body.items[0].stages.map((s: { id: string }) => s.id)).toEqual([
      'new',
      'qualified',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    const lead = await asRep('POST', '/leads', { contactId: await newContact('Ann'), title: 'Default deal' });
    expect(lead.status).toBe(201);
    expect(lead.body.stage).toBe('new');
  });

  it('an admin adds a pipeline; leads follow its stages, and a lost stage needs a reason', async () => {
    const created = await asAdmin('POST', '/pipelines', {
      id: 'enterprise',
      name: 'Enterprise',
      stages: [
        { id: 'discovery', name: 'Discovery', kind: 'open', probability: 10 },
        { id: 'pilot', name: 'Pilot', kind: 'open', probability: 60 },
        { id: 'signed', name: 'Signed', kind: 'won', probability: 100 },
        { id: 'dropped', name: 'Dropped', kind: 'lost', probability: 0 },
      ],
      currencies: ['EUR', 'USD'],
    });
    expect(created.status).toBe(201);
    const contactId = await newContact('Boris');
    const lead = await asRep('POST', '/leads', {
      contactId,
      title: 'Pilot for Boris',
      pipelineId: 'enterprise',
      value: { amount: 1000, currency: 'EUR' },
    });
    expect(lead.status).toBe(201);
    expect(lead.body.stage).toBe('discovery');

    const wrong = await asRep('PATCH', `/leads/${lead.body.id}`, { stage: 'proposal' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({
      code: 'unknown-stage',
      message: "Stage 'proposal' is not in pipeline 'Enterprise' (stages: discovery, pilot, signed, dropped)",
    });
    const noReason = await asRep('PATCH', `/leads/${lead.body.id}`, { stage: 'dropped' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('lost-reason-required');
    const lost = await asRep('PATCH', `/leads/${lead.body.id}`, {
      stage: 'dropped',
      lostReason: 'Budget cut',
    });
    expect(lost.status).toBe(200);
    const moved = await asRep('PATCH', `/leads/${lead.body.id}`, { stage: 'pilot', probability: 80 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: 'pilot', probability: 80 });

    const elsewhere = await asRep('POST', '/leads', { contactId, title: 'x', pipelineId: 'nowhere' });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error).toMatchObject({
      code: 'pipeline-not-found',
      message: "Pipeline 'nowhere' was not found",
    });

    const malformed = await asRep('POST', '/leads', { contactId, title: 'x', pipelineId: 42 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('pipelineId: must be string');
    const listed = await asRep('GET', '/leads?pipelineId=enterprise&stage=pilot');
    expect(listed.body.items.map((l: { id: string }) => l.id)).toEqual([lead.body.id]);
  });

  it('stage edits: add, rename, reorder; removing a stage with leads needs a target, then moves them', async () => {
    const contactId = await newContact('Vera');
    const lead = await asRep('POST', '/leads', { contactId, title: 'Vera deal', stage: 'proposal' });
    expect(lead.status).toBe(201);
    const current = (await asAdmin('GET', '/pipelines/default')).body;
    const stages = current.stages.filter((s: { id: string }) => s.id !== 'proposal');
    stages.splice(1, 0, { id: 'demo', name: 'Demo booked', kind: 'open', probability: 40 });
    stages[0] = { ...stages[0], name: 'Inbound' };
    const refused = await asAdmin('PATCH', '/pipelines/default', { stages });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('stage-in-use');
    expect(refused.body.error.message).toMatch(/^Stage 'proposal' holds 1 lead\(s\): say where they go/);
    const badTarget = await asAdmin('PATCH', '/pipelines/default', { stages, moveTo: { proposal: 'gone' } });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error.code).toBe('unknown-stage');

    const done = await asAdmin('PATCH', '/pipelines/default', { stages, moveTo: { proposal: 'demo' } });
    expect(done.status).toBe(200);
    expect(done.body.movedLeads).toBe(1);
    expect(done.body.pipeline.stages.map((s: { id: string }) => s.id)).toEqual([
      'new',
      'demo',
      'qualified',
      'negotiation',
      'won',
      'lost',
    ]);
    expect((await asRep('GET', `/leads/${lead.body.id}`)).body.stage).toBe('demo');

    const dup = await asAdmin('PATCH', '/pipelines/default', { stages: [...stages, stages[0]] });
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatchObject({
      code: 'invalid-pipeline',
      message: "Stage id 'new' appears twice in 'Sales'",
    });
    const badKind = await asAdmin('PATCH', '/pipelines/default', {
      stages: [{ id: 'x', kind: 'maybe', probability: 5 }],
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain('stages.0.kind: must be one of: open, won, lost');
    expect((await asAdmin('DELETE', '/pipelines/default')).status).toBe(400);
    expect((await asAdmin('DELETE', '/pipelines/enterprise')).status).toBe(409);
  });

  it('CSV import takes stages by id or name of the team pipeline; export names pipeline and stage', async () => {
    const csv = [
      'name,deal,stage,amount,currency',
      'Gleb,Gleb deal,Demo booked,500,',
      'Dina,Dina deal,proposal,700,USD',
    ].join('\n');
    const res = await call(server.url, 'POST', '/api/v1/contacts/import?skipInvalid=true', {
      token: rep.accessToken,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(201);
    expect(res.body.rows[0]).toMatchObject({ status: 'created', lead: 'created' });
    expect(res.body.rows[1].status).toBe('failed');
    expect(res.body.rows[1].reason).toContain("stage: 'proposal' is not a stage of 'Sales'");
    const gleb = (await asRep('GET', `/leads/${res.body.rows[0].leadId}`)).body;
    // The team's first currency, not a fixed one.
    expect(gleb).toMatchObject({
      stage: 'demo',
      pipelineId: 'default',
      value: { amount: 500, currency: 'USD' },
    });
    // The imported deal's stage history starts with its creation, by the rep who imported it.
    const history = (await asRep('GET', `/leads/${res.body.rows[0].leadId}/stage-changes`)).body;
    expect(history.items).toMatchObject([{ to: 'demo', via: 'import', by: { kind: 'rep' } }]);
    expect(history.items[0].from).toBeUndefined();

    const exported = await call(server.url, 'GET', '/api/v1/leads/export.csv', { token: rep.accessToken });
    const lines = String(exported.body)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['pipeline', 'stage', 'stage_name', 'probability']));
    const row = lines.find((l) => l.includes('Gleb deal'))!.split(',');
    expect(row[header.indexOf('stage')]).toBe('demo');
    expect(row[header.indexOf('stage_name')]).toBe('Demo booked');
    expect(row[header.indexOf('probability')]).toBe('40');
  });

  it('hostile pipeline and analytics input is a readable 4xx, never a 500', async () => {
    const bodies: unknown[] = [
      { stages: [1, 2] },
      { stages: 'x' },
      { stages: [{ id: 'a', kind: 'open', probability: 'x' }] },
      { moveTo: { new: 5 } },
      { moveTo: [] },
      { name: null },
      { name: '' },
      { currencies: ['usd'] },
      { currencies: ['USD', 'USD'] },
      { stages: [{ id: 'won', kind: 'won', probability: 100 }] },
      { unknown: true },
      [],
      'text',
    ];
    for (const body of bodies) {
      for (const [method, path] of [
        ['PATCH', '/pipelines/default'],
        ['POST', '/pipelines'],
      ] as const) {
        const res = await asAdmin(method, path, body);
        expect(
          res.status,
          `${method} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.error.message).toBe('string');
      }
    }
    for (const path of [
      '/pipelines/%00',
      '/pipelines/_design',
      '/analytics/summary?from=2026-02-30',
      '/analytics/summary?to=x&from=y',
      '/analytics/summary?pipelineId=',
      '/leads?pipelineId=',
    ]) {
      const res = await asAdmin('GET', path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it('a rep reads pipelines but cannot write them, through the API or the sync gateway', async () => {
    expect(
      (
        await asRep('POST', '/pipelines', {
          name: 'Mine',
          stages: [{ id: 'a', kind: 'open', probability: 1 }],
          currencies: ['USD'],
        })
      ).status,
    ).toBe(403);
    expect((await asRep('PATCH', '/pipelines/default', { name: 'Hijacked' })).status).toBe(403);
    expect((await asRep('DELETE', '/pipelines/enterprise')).status).toBe(403);

    const stored = await call(server.url, 'GET', '/sync/pipelines/default', { token: rep.accessToken });
    expect(stored.status).toBe(200);
    const hijack = {
      ...stored.body,
      name: 'Hijacked',
      stages: [{ id: 'mine', kind: 'open', probability: 100 }],
    };
    const own = { ...sampleDocs.pipelines, id: undefined, _id: 'rep-pipeline' };
    const attempts = [
      await call(server.url, 'PUT', '/sync/pipelines/default', { token: rep.accessToken, body: hijack }),
      await call(server.url, 'PUT', '/sync/pipelines/rep-pipeline', { token: rep.accessToken, body: own }),
      await call(server.url, 'DELETE', `/sync/pipelines/default?rev=${stored.body._rev}`, {
        token: rep.accessToken,
      }),
    ];
    for (const res of attempts) expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const bulk = await call(server.url, 'POST', '/sync/pipelines/_bulk_docs', {
      token: rep.accessToken,
      body: { docs: [hijack, own] },
    });
    expect(bulk.body.map((r: { error?: string }) => r.error)).toEqual(['forbidden', 'forbidden']);
    expect((await asRep('GET', '/pipelines/default')).body.name).toBe('Sales');
    // Leads pushed through the gateway follow the team's stages too.
    const lead = (id: string, extra: Record<string, unknown>) => ({
      _id: id,
      contactId: 'c1',
      title: id,
      source: { channel: 'manual' },
      createdAt: '2026-03-02T10:00:00.000Z',
      updatedAt: '2026-03-02T10:00:00.000Z',
      ...extra,
    });
    const pushed = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: rep.accessToken,
      body: {
        docs: [
          lead('gw-ok', { pipelineId: 'enterprise', stage: 'pilot' }),
          lead('gw-bad-stage', { pipelineId: 'enterprise', stage: 'proposal' }),
          lead('gw-no-pipeline', { pipelineId: 'nowhere', stage: 'new' }),
          lead('gw-default', { stage: 'demo' }),
        ],
      },
    });
    expect(pushed.body.map((r: { ok?: boolean; reason?: string }) => r.reason ?? 'ok')).toEqual([
      'ok',
      "stage: 'proposal' is not a stage of pipeline 'Enterprise' (discovery, pilot, signed, dropped)",
      "pipelineId: pipeline 'nowhere' was not found",
      'ok',
    ]);
    // A lead already stored in a stage its pipeline no longer has (an older device, an admin's edit
    // meanwhile) may still be edited in other fields; it may not be moved to another unknown stage.
    const legacy = lead('gw-legacy', { stage: 'ghost', title: 'Legacy' });
    const { _id: legacyId, ...legacyBody } = legacy;
    const inStore = await server.store
      .teamDb(admin.team.id, 'leads')
      .insert({ _id: legacyId, ...legacyBody });
    const edited = await call(server.url, 'PUT', '/sync/leads/gw-legacy', {
      token: rep.accessToken,
      body: { ...legacy, _rev: inStore.rev, title: 'Legacy, edited' },
    });
    expect(edited.status).toBe(201);
    const moved = await call(server.url, 'PUT', '/sync/leads/gw-legacy', {
      token: rep.accessToken,
      body: { ...legacy, _rev: edited.body.rev, stage: 'ghost-2' },
    });
    expect(moved.status).toBe(403);
    const put = await call(server.url, 'PUT', '/sync/leads/gw-put', {
      token: rep.accessToken,
      body: lead('gw-put', { stage: 'proposal' }),
    });
    expect(put).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(put.body.reason).toContain("stage: 'proposal' is not a stage of pipeline 'Sales'");
    // The admin may write through the gateway (the same access table).
    const adminPut = await call(server.url, 'PUT', '/sync/pipelines/rep-pipeline', {
      token: admin.accessToken,
      body: own,
    });
    expect(adminPut.status).toBe(201);
  });

  it("an admin chooses the team's board pipeline (one at a time; the default clears it); a rep may not", async () => {
    const make = async (name: string) => {
      const res = await asAdmin('POST', '/pipelines', {
        name,
        currencies: ['USD'],
        stages: [
          { id: 'open', kind: 'open', probability: 10 },
          { id: 'won', kind: 'won', probability: 100 },
        ],
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const [a, b] = [await make('Board A'), await make('Board B')];
    const primaries = async () =>
      ((await asRep('GET', '/pipelines')).body.items as { id: string; boardDefault?: boolean }[])
        .filter((p) => p.boardDefault)
        .map((p) => p.id);
    expect(await asAdmin('PUT', `/pipelines/${a}/primary`)).toMatchObject({
      status: 200,
      body: { primary: a },
    });
    expect(await primaries()).toEqual([a]);
    await asAdmin('PUT', `/pipelines/${b}/primary`);
    expect(await primaries()).toEqual([b]);
    expect((await asRep('PUT', `/pipelines/${a}/primary`)).status).toBe(403);
    expect((await asAdmin('PUT', '/pipelines/nope/primary')).status).toBe(404);
    await asAdmin('PUT', '/pipelines/default/primary');
    expect(await primaries()).toEqual([]);
  });
});
