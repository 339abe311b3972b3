// The stage notifier's pipeline read: with the team's pipelines in memory, a move into a stage that
// does not notify (a new deal's first stage, most moves) asks the store nothing; before the mirror has
// loaded, the pipeline is read from the store. The whole notification path runs in
// test/stage-notify-e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { defaultPipeline, type PipelineDoc, type StageChangeDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { notifyStageChange, type PipelinesMirror } from './stage-notify';

const now = new Date('2026-12-03T10:00:00.000Z');
const change: StageChangeDoc = {
  id: 'sc-1',
  leadId: 'lead-1',
  pipelineId: 'default',
  to: 'new',
  at: now.toISOString(),
  by: { kind: 'agent' },
  createdAt: now.toISOString(),
};

/** A store that records which databases were asked for, and has none of them. */
function recordingStore(asked: string[]): Store {
  return {
    dbName: (team: string, collection: string) => `${team}-${collection}`,
    teamDb: (_team: string, collection: string) => {
      asked.push(collection);
      return {
        get: () => Promise.reject(Object.assign(new Error('missing'), { statusCode: 404 })),
      };
    },
  } as unknown as Store;
}

const mirror = (loaded: boolean, pipelines: PipelineDoc[] = []): PipelinesMirror => ({
  loaded,
  snapshot: () => pipelines,
});

describe('stage notifications read the pipeline from memory', () => {
  it('a stage that does not notify costs no request once the mirror has loaded', async () => {
    const asked: string[] = [];
    const outcome = await notifyStageChange(
      { store: recordingStore(asked), teamId: 't1', now, maxAgeMs: 60_000, pipelines: mirror(true) },
      change,
    );
    expect(outcome).toEqual({ sent: false, why: 'stage does not notify' });
    expect(asked).toEqual([]);
  });

  it("a stage that notifies in the mirror's pipeline goes on to read the deal", async () => {
    const asked: string[] = [];
    const pipeline = defaultPipeline();
    pipeline.stages[0]!.notify = { enabled: true, templates: { en: 'Hello {{name}}' } };
    const outcome = await notifyStageChange(
      {
        store: recordingStore(asked),
        teamId: 't1',
        now,
        maxAgeMs: 60_000,
        pipelines: mirror(true, [pipeline]),
      },
      change,
    );
    expect(outcome).toEqual({ sent: false, why: 'no deal' });
    expect(asked).toEqual(['leads']);
  });

  it('before the mirror has loaded, the pipeline is read from the store', async () => {
    const asked: string[] = [];
    await notifyStageChange(
      { store: recordingStore(asked), teamId: 't1', now, maxAgeMs: 60_000, pipelines: mirror(false) },
      change,
    );
    expect(asked).toEqual(['pipelines']);
  });
});
