// The benchmark's seeded documents are valid documents of the shared schemas (the production build
// inserts without validation, so an invalid seed would measure data no user can have), and they
// spread as the benchmark claims: every stage used, a year of dates, conversations of ten messages.
import { describe, expect, it } from 'vitest';
import { checkPipeline } from '@app/shared/crm';
import { validateDoc } from '@app/shared/validation';
import type { PipelineDoc } from '@app/shared/schemas';
import { benchDoc, seedPlan, seedSizes } from '../bench/seed-docs';

const now = Date.parse('2026-06-30T12:00:00Z');
const sizes = seedSizes(3000, 15_000, now);
const YEAR = 365 * 86_400_000;

describe('the desktop benchmark seed', () => {
  it('makes valid docs of every collection it seeds', () => {
    for (const [name, count] of seedPlan(sizes)) {
      for (const i of [0, 1, 2, 7, Math.floor(count / 2), count - 1]) {
        if (i >= count) continue;
        const r = validateDoc(name, benchDoc(name, i, sizes));
        expect(r.ok ? '' : `${name} ${i}: ${r.message}`).toBe('');
      }
    }
    const pipeline = benchDoc('pipelines', 0, sizes) as unknown as PipelineDoc;
    expect(() => checkPipeline(pipeline)).not.toThrow();
  });

  it('spreads deals over the stages and a year, and messages over their conversations', () => {
    const leads = Array.from({ length: sizes.deals }, (_, i) => benchDoc('leads', i, sizes));
    const stages = new Map<string, number>();
    for (const l of leads) stages.set(l.stage as string, (stages.get(l.stage as string) ?? 0) + 1);
    expect(stages.size).toBe(10);
    expect(Math.min(...stages.values())).toBeGreaterThan(sizes.deals * 0.01);
    const created = leads.map((l) => Date.parse(l.createdAt as string));
    expect(Math.min(...created)).toBeGreaterThan(now - YEAR);
    expect(Math.max(...created)).toBeLessThan(now);
    expect(Math.min(...created)).toBeLessThan(now - 300 * 86_400_000);
    for (const l of leads.slice(0, 200))
      expect(Date.parse(l.stageChangedAt as string)).toBeGreaterThanOrEqual(
        Date.parse(l.createdAt as string),
      );
    expect(new Set(leads.map((l) => l.ownerId)).size).toBe(12);
    const m = benchDoc('messages', sizes.messages - 1, sizes);
    expect(m.conversationId).toBe(`v${sizes.conversations - 1}`);
    expect(benchDoc('messages', 10, sizes).conversationId).toBe('v1');
    expect(Date.parse(m.createdAt as string)).toBeLessThan(now);
  });
});
