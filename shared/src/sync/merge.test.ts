import { describe, expect, it } from 'vitest';
import { collections } from '../schemas';
import { sampleDocs } from '../schemas/fixtures';
import { validateDoc } from '../validation';
import { fieldMergeConflictHandler } from './conflict-handler';
import { canonicalJson, mergeDocs, type MergeableDoc } from './merge';
import { touchFields } from './touch';

const t = (min: number) => new Date(Date.UTC(2026, 2, 1, 10, min)).toISOString();
const opts = { mergeFields: ['title', 'stage', 'tags', 'value'], tracksFields: true };

const lead = (over: Partial<MergeableDoc> = {}): MergeableDoc => ({
  id: 'lead-1',
  contactId: 'contact-1',
  title: 'CRM',
  stage: 'new',
  createdAt: t(0),
  updatedAt: t(0),
  fieldUpdatedAt: { title: t(0), stage: t(0) },
  ...over,
});

describe('mergeDocs', () => {
  it('keeps both sides when each edited a different field', () => {
    const base = lead();
    const local = touchFields(base, { title: 'CRM for 20 seats' }, t(5));
    const remote = touchFields(base, { stage: 'qualified' }, t(3));
    const { doc } = mergeDocs({ base, local, remote }, opts);
    expect(doc).toMatchObject({ title: 'CRM for 20 seats', stage: 'qualified', updatedAt: t(5) });
    expect(doc.fieldUpdatedAt).toMatchObject({ title: t(5), stage: t(3) });
    expect(doc.history ?? []).toEqual([]);
  });

  it('lets the newer write of one field win and keeps the older value in history', () => {
    const base = lead();
    const local = touchFields(base, { stage: 'proposal' }, t(2));
    const remote = touchFields(base, { stage: 'lost' }, t(7));
    const { doc } = mergeDocs({ base, local, remote }, { ...opts, by: 'rep-a' });
    expect(doc.stage).toBe('lost');
    expect(doc.history).toEqual([{ field: 'stage', value: '"proposal"', replacedAt: t(7), by: 'rep-a' }]);
    const swapped = mergeDocs({ base, local: remote, remote: local }, { ...opts, by: 'rep-a' });
    expect(swapped.doc.stage).toBe('lost');
    expect(swapped.doc.history).toEqual(doc.history);
  });

  it('keeps an edit back to the old value (A -> B -> A) against a concurrent edit', () => {
    // Found by sync-server/bench/faults.ts (offline desktop): the rep's later edit vanished, no history.
    const base = lead();
    const local = touchFields(touchFields(base, { stage: 'won' }, t(2)), { stage: 'new' }, t(5));
    const older = touchFields(base, { stage: 'lost' }, t(3));
    const one = mergeDocs({ base, local, remote: older }, opts).doc;
    expect(one.stage).toBe('new');
    expect(one.history).toEqual([{ field: 'stage', value: '"lost"', replacedAt: t(5) }]);
    const newer = touchFields(base, { stage: 'lost' }, t(7));
    const two = mergeDocs({ base, local, remote: newer }, opts).doc;
    expect(two.stage).toBe('lost');
    expect(two.history).toEqual([{ field: 'stage', value: '"new"', replacedAt: t(7) }]);
    // Both ways round, every replica agrees.
    expect(canonicalJson(mergeDocs({ base, local: older, remote: local }, opts).doc)).toBe(
      canonicalJson(one),
    );
  });

  it('uses the field times even without a common ancestor', () => {
    const local = lead({ title: 'A', fieldUpdatedAt: { title: t(9) }, updatedAt: t(9) });
    const remote = lead({ title: 'B', fieldUpdatedAt: { title: t(4) }, updatedAt: t(4) });
    expect(mergeDocs({ local, remote }, opts).doc.title).toBe('A');
  });

  it("falls back to the documents' updatedAt when a field has no time", () => {
    const local = lead({ title: 'A', fieldUpdatedAt: {}, updatedAt: t(1) });
    const remote = lead({ title: 'B', fieldUpdatedAt: {}, updatedAt: t(2) });
    const { doc } = mergeDocs({ local, remote }, opts);
    expect(doc.title).toBe('B');
    expect(doc.history?.[0]).toMatchObject({ field: 'title', value: '"A"' });
  });

  it('is deterministic on exact ties, whichever side is local', () => {
    const a = lead({ title: 'Alpha', fieldUpdatedAt: { title: t(3) } });
    const b = lead({ title: 'Beta', fieldUpdatedAt: { title: t(3) } });
    const one = mergeDocs({ local: a, remote: b }, opts).doc;
    const two = mergeDocs({ local: b, remote: a }, opts).doc;
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(one.title).toBe('Beta');
    expect(one.history).toEqual([{ field: 'title', value: '"Alpha"', replacedAt: t(3) }]);
  });

  it('compares objects and arrays by value, not by key order', () => {
    const local = lead({ value: { amount: 5, currency: 'RUB' }, tags: ['a', 'b'] });
    const remote = lead({ value: { currency: 'RUB', amount: 5 }, tags: ['a', 'b'] });
    const { doc, decisions } = mergeDocs({ local, remote }, opts);
    expect(decisions.every((d) => d.winner === 'equal')).toBe(true);
    expect(doc.history ?? []).toEqual([]);
  });

  it('treats a field removed on one side as an edit', () => {
    const base = lead({ tags: ['vip'] });
    const local = touchFields(base, { tags: undefined }, t(5));
    const { doc } = mergeDocs({ base, local, remote: base }, opts);
    expect('tags' in doc).toBe(false);
  });

  it('merges and deduplicates histories of both sides, bounded, oldest dropped first', () => {
    const h = (i: number) => ({ field: 'title', value: `"v${i}"`, replacedAt: t(i) });
    const local = lead({ title: 'L', fieldUpdatedAt: { title: t(50) }, history: [h(1), h(2), h(3)] });
    const remote = lead({ title: 'R', fieldUpdatedAt: { title: t(40) }, history: [h(2), h(3), h(4)] });
    const { doc } = mergeDocs({ local, remote }, { ...opts, maxHistory: 4 });
    expect(doc.history?.map((e) => e.value)).toEqual(['"v2"', '"v3"', '"v4"', '"R"']);
    expect(doc.history).toHaveLength(4);
    expect(doc.history?.at(-1)).toMatchObject({ value: '"R"', replacedAt: t(50) });
  });

  it('lets a deletion win over edits', () => {
    const local = touchFields(lead(), { title: 'edited' }, t(9));
    const remote = { ...lead(), _deleted: true };
    expect(mergeDocs({ local, remote }, opts).doc._deleted).toBe(true);
    expect(mergeDocs({ local: remote, remote: local }, opts).doc._deleted).toBe(true);
  });

  it('gives fields nobody edits to the server, without history', () => {
    const base = lead();
    const local = { ...base, contactId: 'contact-x' };
    const remote = { ...base, contactId: 'contact-y' };
    const { doc } = mergeDocs({ base, local, remote }, opts);
    expect(doc.contactId).toBe('contact-y');
    expect(doc.history ?? []).toEqual([]);
  });

  it('never writes fieldUpdatedAt or history for collections without them (messages)', () => {
    const base = { ...sampleDocs.messages, updatedAt: t(0) } as MergeableDoc;
    const local = { ...base, text: 'edited', updatedAt: t(3) };
    const remote = { ...base, delivery: { status: 'sent' }, updatedAt: t(2) };
    const { doc } = mergeDocs(
      { base, local, remote },
      { mergeFields: ['text', 'delivery'], tracksFields: false },
    );
    expect(doc).toMatchObject({ text: 'edited', delivery: { status: 'sent' } });
    expect('history' in doc || 'fieldUpdatedAt' in doc).toBe(false);
    const { _deleted: _d, ...plain } = doc;
    expect(validateDoc('messages', plain)).toMatchObject({ ok: true });
  });

  it('loses no edit: every losing value is in the result or its history (randomised)', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <V>(xs: readonly V[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (let i = 0; i < 500; i++) {
      const base = lead();
      const edit = (doc: MergeableDoc) => {
        let d = doc;
        for (let k = 0; k < 3; k++) {
          const field = pick(['title', 'stage', 'tags'] as const);
          const value = field === 'tags' ? [pick(['a', 'b', 'c'])] : pick(['x', 'y', 'z', 'new', 'won']);
          d = touchFields(d, { [field]: value }, t(Math.floor(rnd() * 20) + 1));
        }
        return d;
      };
      const local = edit(base);
      const remote = edit(base);
      const { doc } = mergeDocs({ base, local, remote }, opts);
      const swapped = mergeDocs({ base, local: remote, remote: local }, opts).doc;
      expect(canonicalJson(doc)).toBe(canonicalJson(swapped));
      for (const side of [local, remote]) {
        for (const field of ['title', 'stage', 'tags']) {
          // Untouched fields only: an edit back to the base value is an edit too.
          if (side.fieldUpdatedAt?.[field] === base.fieldUpdatedAt?.[field]) continue;
          const kept =
            canonicalJson(doc[field]) === canonicalJson(side[field]) ||
            (doc.history ?? []).some((h) => h.field === field && h.value === canonicalJson(side[field]));
          expect(kept, `${field} of run ${i}`).toBe(true);
        }
      }
    }
  });
});

describe('fieldMergeConflictHandler', () => {
  const handler = fieldMergeConflictHandler<Record<string, unknown>>(collections.leads);

  it('ignores local-only keys when comparing', () => {
    const a = { ...sampleDocs.leads, _deleted: false, _meta: { lwt: 1 }, _rev: '1-a' };
    const b = { ...sampleDocs.leads, _deleted: false, _meta: { lwt: 2 }, _rev: '2-b' };
    expect(handler.isEqual(a, b)).toBe(true);
    expect(handler.isEqual(a, { ...b, stage: 'won' })).toBe(false);
  });

  it('resolves to a schema-valid merged lead', async () => {
    const base = { ...sampleDocs.leads, _deleted: false } as MergeableDoc;
    const local = touchFields(base, { stage: 'won' }, t(9));
    const remote = touchFields(base, { stage: 'lost', title: 'Renamed' }, t(8));
    const merged = await handler.resolve({
      assumedMasterState: base,
      newDocumentState: local,
      realMasterState: remote,
    });
    expect(merged).toMatchObject({ stage: 'won', title: 'Renamed', _deleted: false });
    const { _deleted, ...doc } = merged;
    expect(_deleted).toBe(false);
    expect(validateDoc('leads', doc)).toMatchObject({ ok: true });
    expect(merged.history).toEqual([{ field: 'stage', value: '"lost"', replacedAt: t(9) }]);
  });
});
