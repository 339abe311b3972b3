import { describe, expect, it } from 'vitest';
import { checkWrite } from '../access/policy';
import { stageChangeId, stageChangeOf } from '../schemas/stage-changes';
import { validateDoc } from '../validation';
import { dealTimeInStage, stageSpans } from './stage-history';

const rep = { kind: 'rep' as const, id: 'user-1', name: 'ann@example.com' };
const H = 3_600_000;
const t = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * H).toISOString();

describe('stageChangeOf', () => {
  const lead = { id: 'lead-1', stage: 'new', pipelineId: 'default', conversationId: 'conv-1' };

  it('records a move with who, where and when, and nothing when the stage stayed', () => {
    const moved = { ...lead, stage: 'qualified', stageChangedAt: t(5) };
    const record = stageChangeOf(lead, moved, rep, t(6), 'board')!;
    expect(record).toMatchObject({
      leadId: 'lead-1',
      pipelineId: 'default',
      from: 'new',
      to: 'qualified',
      at: t(5),
      by: rep,
      via: 'board',
      conversationId: 'conv-1',
      createdAt: t(6),
    });
    expect(validateDoc('stage_changes', record).ok).toBe(true);
    expect(stageChangeOf(lead, { ...lead, title: 'x' } as typeof lead, rep, t(6))).toBeUndefined();
  });

  it('records the creation (no from) and a change of pipeline (fromPipelineId)', () => {
    expect(stageChangeOf(null, { ...lead, stageChangedAt: t(1) }, rep, t(1))).not.toHaveProperty('from');
    const other = stageChangeOf(lead, { ...lead, pipelineId: 'p2', stage: 'new' }, rep, t(2))!;
    expect(other).toMatchObject({ from: 'new', fromPipelineId: 'default', pipelineId: 'p2', to: 'new' });
  });

  it('gives the same move the same id, and another move another id', () => {
    const a = stageChangeOf(lead, { ...lead, stage: 'won', stageChangedAt: t(3) }, rep, t(4))!;
    const b = stageChangeOf(lead, { ...lead, stage: 'won', stageChangedAt: t(3) }, { kind: 'agent' }, t(9))!;
    expect(a.id).toBe(b.id);
    expect(stageChangeId('lead-1', t(3), 'lost')).not.toBe(a.id);
    expect(stageChangeId('lead-1', t(4), 'won')).not.toBe(a.id);
    // Any lead id makes a valid, bounded doc id.
    const odd = stageChangeId(`_${'ж'.repeat(200)}`, t(1), 'new');
    expect(odd.length).toBeLessThanOrEqual(128);
    expect(validateDoc('stage_changes', { ...a, id: odd }).ok).toBe(true);
  });
});

describe('the access policy of stage changes', () => {
  const record = (by: object) => ({
    _id: 'sc:1',
    leadId: 'l',
    pipelineId: 'default',
    to: 'won',
    at: t(1),
    by,
  });

  it('lets a rep record only their own moves, and nobody rewrite history', () => {
    expect(checkWrite('rep', 'stage_changes', 'create', record(rep), undefined, 'user-1')).toEqual({
      ok: true,
    });
    const colleague = checkWrite(
      'rep',
      'stage_changes',
      'create',
      record({ ...rep, id: 'user-2' }),
      undefined,
      'user-1',
    );
    expect(colleague).toMatchObject({ ok: false, reason: expect.stringContaining('by.id') });
    const agent = checkWrite(
      'admin',
      'stage_changes',
      'create',
      record({ kind: 'agent' }),
      undefined,
      'user-1',
    );
    expect(agent).toMatchObject({ ok: false, reason: expect.stringContaining("by.kind 'rep'") });
    expect(checkWrite('rep', 'stage_changes', 'create', record(rep))).toMatchObject({ ok: false });
    expect(checkWrite('admin', 'stage_changes', 'update', record(rep), record(rep), 'user-1')).toMatchObject({
      ok: false,
    });
    expect(checkWrite('viewer', 'stage_changes', 'create', record(rep), undefined, 'user-1').ok).toBe(false);
  });
});

describe('stage spans and time in stage', () => {
  const moves = [
    { id: 'b', leadId: 'L', pipelineId: 'default', from: 'qualified', to: 'new', at: t(30) },
    { id: 'a', leadId: 'L', pipelineId: 'default', from: 'new', to: 'qualified', at: t(10) },
    { id: 'c', leadId: 'L', pipelineId: 'default', from: 'new', to: 'won', at: t(40) },
    { id: 'x', leadId: 'other', pipelineId: 'default', from: 'new', to: 'lost', at: t(12) },
  ];

  it('orders the stays and counts the stay before the first move from the creation', () => {
    const spans = stageSpans(moves, { now: t(50), createdAt: t(0), leadId: 'L' });
    expect(spans.map((s) => [s.stage, s.ms / H])).toEqual([
      ['new', 10],
      ['qualified', 20],
      ['new', 10],
      ['won', 10],
    ]);
    expect(spans.at(-1)!.until).toBeUndefined();
  });

  it('adds up returns to a stage and counts the current stay until now', () => {
    const hours = (r: Record<string, number>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v / H]));
    expect(hours(dealTimeInStage(moves, { now: t(50), createdAt: t(0), leadId: 'L' }))).toEqual({
      new: 20,
      qualified: 20,
      won: 10,
    });
    // Without the creation time the first stay starts at the first record; a clock behind counts 0.
    expect(hours(dealTimeInStage(moves, { now: t(35), leadId: 'L' }))).toEqual({
      qualified: 20,
      new: 10,
      won: 0,
    });
    expect(dealTimeInStage([], { now: t(1) })).toEqual({});
  });
});
