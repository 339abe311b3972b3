// The stage check of leads pushed through the gateway, against a store that answers as told: a
// database that is not there holds nothing (a refusal by the stage, not a 503), any other failure of
// the store is a 503 that says how it answered. Found by bench/fuzz.ts (seed 3001, case 1837): a push
// of a lead in an unknown stage, 350 cases after a restore with confirm=replace (which drops and
// creates the team's databases), met a 404 from the leads database and answered 503 `store-unavailable`.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '@app/shared/errors';
import type { Forwarder } from './forward';
import { checkLeadStages } from './lead-stages';

type Answer = { status: number; body?: unknown };

/** A forwarder whose store answers `pipelines` and `leads` reads as given. */
function fakeForwarder(answers: { pipelines: Answer; leads: Answer }): Forwarder & { calls: string[] } {
  const calls: string[] = [];
  const message = (a: Answer) => {
    const stream = new PassThrough();
    stream.end(a.body === undefined ? '' : JSON.stringify(a.body));
    return Object.assign(stream, { statusCode: a.status }) as unknown as IncomingMessage;
  };
  return {
    calls,
    upstream: {} as Forwarder['upstream'],
    call: async (_op, req) => {
      calls.push(`${req.method} ${req.path}`);
      return message(req.path.startsWith('/pipelines') ? answers.pipelines : answers.leads);
    },
    pipe: () => undefined,
    json: async (from) => {
      const chunks: Buffer[] = [];
      for await (const c of from) chunks.push(c as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    },
  };
}

const dbs = { leads: 'leads', pipelines: 'pipelines' };
const lead = (stage: string) => ({ _id: 'lead-1', title: 'A lead', stage });

describe('checkLeadStages', () => {
  it('refuses a stage of no pipeline when the leads database is not there (a restore dropped it): no 503', async () => {
    const fwd = fakeForwarder({ pipelines: { status: 404 }, leads: { status: 404 } });
    const verdicts = await checkLeadStages([lead('5o7')], dbs, fwd);
    expect(fwd.calls).toEqual(['GET /pipelines/_all_docs', 'POST /leads/_all_docs']);
    expect(verdicts).toEqual([{ ok: false, reason: expect.stringContaining("stage: '5o7' is not a stage") }]);
  });

  it('passes a lead in a stage of the default pipeline without reading the leads', async () => {
    const fwd = fakeForwarder({ pipelines: { status: 200, body: { rows: [] } }, leads: { status: 404 } });
    expect(await checkLeadStages([lead('new')], dbs, fwd)).toEqual([{ ok: true }]);
    expect(fwd.calls).toEqual(['GET /pipelines/_all_docs']);
  });

  it('passes a lead whose stored copy is already in that unknown stage', async () => {
    const fwd = fakeForwarder({
      pipelines: { status: 200, body: { rows: [] } },
      leads: { status: 200, body: { rows: [{ key: 'lead-1', doc: lead('5o7') }] } },
    });
    expect(await checkLeadStages([lead('5o7')], dbs, fwd)).toEqual([{ ok: true }]);
  });

  it("answers 503 with the store's status when the store fails otherwise", async () => {
    const fwd = fakeForwarder({ pipelines: { status: 200, body: { rows: [] } }, leads: { status: 500 } });
    const error = await checkLeadStages([lead('5o7')], dbs, fwd).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('store-unavailable');
    expect((error as Error).message).toBe('The database did not answer the stage check (HTTP 500)');
  });
});
