import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { defaultPipeline, type PipelineDoc } from '../schemas/pipelines';
import { sampleDocs } from '../schemas/fixtures';
import { boardTotals } from './forecast';
import {
  checkLeadStage,
  checkPipeline,
  planStageEdit,
  probabilityOf,
  stageLike,
  teamPipelines,
} from './pipelines';

const enterprise = structuredClone(sampleDocs.pipelines) as unknown as PipelineDoc;

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'ok';
};

describe('pipelines', () => {
  it('a team without stored pipelines works the built-in default; a stored default replaces it', () => {
    expect(teamPipelines([]).map((p) => p.id)).toEqual(['default']);
    expect(teamPipelines([enterprise]).map((p) => p.id)).toEqual(['default', 'pipeline-enterprise']);
    const edited = { ...defaultPipeline(), name: 'Продажи' };
    expect(teamPipelines([enterprise, edited]).map((p) => p.name)).toEqual(['Продажи', 'Enterprise']);
  });

  it('a lead takes its stage probability unless the rep set one', () => {
    expect(probabilityOf({ stage: 'pilot' }, enterprise)).toBe(60);
    expect(probabilityOf({ stage: 'pilot', probability: 35 }, enterprise)).toBe(35);
    expect(probabilityOf({ stage: 'proposal' }, defaultPipeline())).toBe(50);
  });

  it('refuses repeated stage ids and a pipeline with no open stage', () => {
    const twice = { ...enterprise, stages: [...enterprise.stages, enterprise.stages[0]!] };
    expect(codeOf(() => checkPipeline(twice))).toBe(
      "invalid-pipeline: Stage id 'discovery' appears twice in 'Enterprise'",
    );
    const closedOnly = { ...enterprise, stages: enterprise.stages.filter((s) => s.kind !== 'open') };
    expect(codeOf(() => checkPipeline(closedOnly))).toMatch(/needs at least one open stage/);
    expect(codeOf(() => checkPipeline(enterprise))).toBe('ok');
  });

  it('removing a stage that holds leads needs a target; a target outside the pipeline is refused', () => {
    const after = { ...enterprise, stages: enterprise.stages.filter((s) => s.id !== 'pilot') };
    const counts = new Map([['pilot', 3]]);
    expect(codeOf(() => planStageEdit(enterprise, after, counts))).toMatch(
      /^stage-in-use: Stage 'Pilot' holds 3 lead\(s\)/,
    );
    expect(codeOf(() => planStageEdit(enterprise, after, counts, { pilot: 'pilot' }))).toMatch(
      /^unknown-stage: Cannot move leads to 'pilot'/,
    );
    expect([...planStageEdit(enterprise, after, counts, { pilot: 'discovery' })]).toEqual([
      ['pilot', 'discovery'],
    ]);
    // An empty stage goes without a word; a renamed or reordered one moves nobody.
    expect([...planStageEdit(enterprise, after, new Map())]).toEqual([]);
    const reordered = { ...enterprise, stages: [...enterprise.stages].reverse() };
    expect([...planStageEdit(enterprise, reordered, counts)]).toEqual([]);
  });

  it('a lead needs a stage of its pipeline, and a reason when it is moved to a lost stage', () => {
    expect(codeOf(() => checkLeadStage({ stage: 'proposal' }, enterprise))).toBe(
      "unknown-stage: Stage 'proposal' is not in pipeline 'Enterprise' (stages: discovery, pilot, signed, dropped)",
    );
    expect(codeOf(() => checkLeadStage({ stage: 'dropped' }, enterprise, { stage: 'pilot' }))).toMatch(
      /^lost-reason-required/,
    );
    expect(codeOf(() => checkLeadStage({ stage: 'dropped', lostReason: 'Budget cut' }, enterprise))).toBe(
      'ok',
    );
    // A lead lost before reasons were required may still be edited.
    expect(codeOf(() => checkLeadStage({ stage: 'lost' }, defaultPipeline(), { stage: 'lost' }))).toBe('ok');
  });
});

describe('default stages in a team pipeline', () => {
  it('maps won, lost and new by kind; keeps ids the pipeline has; no guess for the rest', () => {
    expect(stageLike(enterprise, 'won')).toBe('signed');
    expect(stageLike(enterprise, 'lost')).toBe('dropped');
    expect(stageLike(enterprise, 'new')).toBe('discovery');
    expect(stageLike(enterprise, 'pilot')).toBe('pilot');
    expect(stageLike(enterprise, 'negotiation')).toBeUndefined();
    expect(stageLike(defaultPipeline(), 'won')).toBe('won');
  });
});

describe('forecast', () => {
  it('sums amounts and amount x probability per stage and currency, open and won apart', () => {
    const leads = [
      { stage: 'discovery', value: { amount: 1000, currency: 'EUR' } }, // 10 % -> 100
      { stage: 'pilot', value: { amount: 2000, currency: 'EUR' } }, // 60 % -> 1200
      { stage: 'pilot', value: { amount: 500, currency: 'USD' }, probability: 90 }, // -> 450
      { stage: 'pilot' }, // no amount: counted, adds nothing
      { stage: 'signed', value: { amount: 700, currency: 'EUR' } },
      { stage: 'dropped', value: { amount: 9999, currency: 'EUR' } },
      { stage: 'proposal', value: { amount: 1, currency: 'EUR' } }, // not a stage of this pipeline
    ];
    const totals = boardTotals(leads, enterprise);
    expect(totals.stages.find((s) => s.stageId === 'pilot')).toEqual({
      stageId: 'pilot',
      count: 3,
      amount: { EUR: 2000, USD: 500 },
      weighted: { EUR: 1200, USD: 450 },
    });
    expect(totals.open).toEqual({
      count: 4,
      amount: { EUR: 3000, USD: 500 },
      weighted: { EUR: 1300, USD: 450 },
    });
    expect(totals.won).toEqual({ count: 1, amount: { EUR: 700 } });
    expect(totals.stages.find((s) => s.stageId === 'dropped')?.weighted).toEqual({ EUR: 0 });
  });

  it('rounds to cents', () => {
    const totals = boardTotals(
      [{ stage: 'discovery', value: { amount: 0.1, currency: 'USD' }, probability: 33.3 }],
      enterprise,
    );
    expect(totals.open.weighted).toEqual({ USD: 0.03 });
  });
});
