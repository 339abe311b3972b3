import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerCheckSets, beirAnswerSet, defaultAnswerDirs, intentAnswerSet } from './answer-sets';
import { intentRole } from './oos-report';

describe('beirAnswerSet', () => {
  it('imports one titled source per passage, judged queries in scope and unjudged oos-* out of scope', async () => {
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
    const set = await beirAnswerSet(dir, 'tiny');
    // As the product imports a Markdown FAQ: the question is the source's title and its chunks' heading.
    expect(set.knowledge.map(({ source }) => [source.id, source.title])).toEqual([
      ['a_1', 'How do I renew?'],
      ['b', 'Opening hours'],
    ]);
    expect(set.knowledge[0]!.chunks.map((c) => [c.id, c.headings, c.text])).toEqual([
      ['a_1:0', ['How do I renew?'], 'Online, twice.'],
    ]);
    expect(set.docs[1]).toEqual({ id: 'b', title: 'Opening hours', text: 'Weekdays 9 to 18.' });
    expect(set.questions.map((q) => [q.id, [...q.relevant]])).toEqual([
      ['q1', ['a_1']],
      ['oos-1', []],
    ]);
  });
});

describe('intentAnswerSet', () => {
  it('has an entry per known intent and asks held-out intents only in their own split', async () => {
    const labels = Array.from({ length: 30 }, (_, i) => `intent_${i}`);
    const train = labels.flatMap((l) =>
      Array.from({ length: 12 }, (_, k) => ({ text: `${l} train ${k}`, label: l })),
    );
    const test = labels.flatMap((l) =>
      Array.from({ length: 6 }, (_, k) => ({ text: `${l} test ${k}`, label: l })),
    );
    const set = await intentAnswerSet(train, test, 'b', 3);
    const known = labels.filter((l) => intentRole(l) === 'known');
    expect(set.knowledge.map((k) => k.source.id)).toEqual(known);
    expect(set.docs[0]!.text.split('\n')).toHaveLength(3);
    expect(set.knowledge[0]!.source.title).toBe(known[0]!.replaceAll('_', ' '));
    for (const q of set.questions) {
      const role = intentRole(test.find((e) => e.text === q.text)!.label);
      if (role === 'known') expect(q.relevant.size).toBe(1);
      else expect([q.relevant.size, role]).toEqual([0, q.split === 'tuning' ? 'oos-tuning' : 'oos-heldout']);
    }
    expect(set.questions.some((q) => q.relevant.size === 0)).toBe(true);
  });
});

describe('defaultAnswerDirs', () => {
  // The check sets (faq2-en, faq2-ru; issue 35) are evaluated but never tuned on: tune-answers.ts reads
  // defaultAnswerDirs({ checks: false }).
  it('lists the check sets for the evaluation and leaves them out for the tuning', () => {
    const named = (dirs: string[]) => dirs.map((d) => basename(d));
    const tuned = named(defaultAnswerDirs({ checks: false }).data);
    expect(named(defaultAnswerDirs().data)).toEqual(expect.arrayContaining(answerCheckSets));
    for (const name of answerCheckSets) expect(tuned).not.toContain(name);
    expect(tuned).toEqual(expect.arrayContaining(['faq-en', 'faq-ru']));
  });
});
