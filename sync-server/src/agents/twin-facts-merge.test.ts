// An agent run's contact write that meets a channel's profile facts written meanwhile keeps both.
import { describe, expect, it } from 'vitest';
import { mergeDocs } from '@app/shared/sync';
import { collections } from '@app/shared/schemas';
import { withConcurrentFacts } from './twin-facts-merge';

const fact = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  key: id,
  value: id,
  observedAt: '2026-01-01T00:00:00.000Z',
  status: 'active',
  ...extra,
});
type Contact = {
  id: string;
  name: string;
  twin: { facts: Array<Record<string, unknown>> };
  fieldUpdatedAt: Record<string, string>;
  updatedAt: string;
};
const contact = (facts: Array<Record<string, unknown>>, twinAt: string): Contact => ({
  id: 'c1',
  name: 'Ann',
  twin: { facts },
  fieldUpdatedAt: { twin: twinAt },
  updatedAt: twinAt,
});

describe('withConcurrentFacts', () => {
  it('the run keeps the profile facts written meanwhile, and the merge keeps the run’s twin', () => {
    const base = contact([fact('old')], '2026-01-01T00:00:00.000Z');
    // The run (read at base) added a fact; the channel (later) added its profile and superseded `old`.
    const local = contact([fact('old'), fact('agent')], '2026-01-02T00:00:00.000Z');
    const remote = contact(
      [fact('old', { status: 'superseded' }), fact('bio', { extractedBy: 'telegram_profile' })],
      '2026-01-03T00:00:00.000Z',
    );
    const merged = withConcurrentFacts(base, local, remote, () => '2026-01-04T00:00:00.000Z');
    expect(merged.twin.facts.map((f) => [f.id, f.status])).toEqual([
      ['old', 'superseded'],
      ['agent', 'active'],
      ['bio', 'active'],
    ]);
    const def = collections.contacts;
    const out = mergeDocs(
      { base, local: merged, remote },
      { mergeFields: def.mergeFields, tracksFields: true, by: 'agent' },
    ).doc as unknown as typeof merged;
    expect(out.twin.facts.map((f) => f.id)).toEqual(['old', 'agent', 'bio']);
    // Without it the later profile write wins the field whole and the run's fact is lost.
    const plain = mergeDocs(
      { base, local, remote },
      { mergeFields: def.mergeFields, tracksFields: true, by: 'agent' },
    ).doc as unknown as typeof merged;
    expect(plain.twin.facts.map((f) => f.id)).not.toContain('agent');
  });

  it('nothing concurrent: the run’s contact as it is', () => {
    const base = contact([fact('a')], '2026-01-01T00:00:00.000Z');
    const local = contact([fact('a'), fact('b')], '2026-01-02T00:00:00.000Z');
    expect(withConcurrentFacts(base, local, base)).toBe(local);
    expect(withConcurrentFacts(undefined, local, base)).toBe(local);
  });
});
