import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beirAnswerSet, intentAnswerSet } from './answer-sets';
import { intentRole } from './oos-report';

describe('beirAnswerSet', () => {
  it('makes one titled source per passage, judged queries in scope and unjudged oos-* out of scope', () => {
    const dir = mkdtempSync(join(tmpdir(), 'answer-set-'));
    const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
    writeFileSync(
      join(dir, 'corpus.jsonl'),
      jsonl([
        { id: 'a/1', title: 'How do I renew?', text: 'Online, twice.' },
        { id: 'b', text: 'Opening hours \n Weekdays 9 to 18.' },
      ]),
    );
    writeFileSync(
      join(dir, 'queries.jsonl'),
      jsonl([
        { id: 'q1', text: 'renew a book' },
        { id: 'q2', text: 'no judgement, dropped' },
        { id: 'oos-1', text: 'is there a cafe' },
      ]),
    );
    writeFileSync(join(dir, 'qrels.tsv'), 'query-id\tcorpus-id\tscore\nq1\ta/1\t1\n');
    const set = beirAnswerSet(dir, 'tiny');
    expect(set.entries.map((e) => [e.sourceId, e.title, e.text])).toEqual([
      ['a_1', 'How do I renew?', 'Online, twice.'],
      ['b', 'Opening hours', 'Weekdays 9 to 18.'],
    ]);
    expect(set.docs[1]).toEqual({ id: 'b', title: 'Opening hours', text: 'Weekdays 9 to 18.' });
    expect(set.questions.map((q) => [q.id, [...q.relevant]])).toEqual([
      ['q1', ['a_1']],
      ['oos-1', []],
    ]);
  });
});

describe('intentAnswerSet', () => {
  it('has an entry per known intent and asks held-out intents only in their own split', () => {
    const labels = Array.from({ length: 30 }, (_, i) => `intent_${i}`);
    const train = labels.flatMap((l) =>
      Array.from({ length: 12 }, (_, k) => ({ text: `${l} train ${k}`, label: l })),
    );
    const test = labels.flatMap((l) =>
      Array.from({ length: 6 }, (_, k) => ({ text: `${l} test ${k}`, label: l })),
    );
    const set = intentAnswerSet(train, test, 'b', 3);
    const known = labels.filter((l) => intentRole(l) === 'known');
    expect(set.entries.map((e) => e.sourceId)).toEqual(known);
    expect(set.entries[0]!.text.split('\n')).toHaveLength(3);
    expect(set.entries[0]!.title).toBe(known[0]!.replaceAll('_', ' '));
    for (const q of set.questions) {
      const role = intentRole(test.find((e) => e.text === q.text)!.label);
      if (role === 'known') expect(q.relevant.size).toBe(1);
      else expect([q.relevant.size, role]).toEqual([0, q.split === 'tuning' ? 'oos-tuning' : 'oos-heldout']);
    }
    expect(set.questions.some((q) => q.relevant.size === 0)).toBe(true);
  });
});
