// The sets of the answer evaluation (answer-eval.ts), each turned into a team's knowledge and its
// questions: a BEIR-like folder (corpus.jsonl, queries.jsonl, qrels.tsv; read in place) gives one
// knowledge source per passage, imported as the product imports a Markdown file (faqKnowledge), titled
// by its question (its title, or its first line when one opens it),
// and its queries as questions; queries without judgements whose id starts with `oos-` are out of scope
// (handed off is right). banking77 becomes a base of intents: one entry per known intent made from its
// first training utterances, the test utterances as questions, and the intents oos-report.ts holds out
// (`oos-tuning` in the tuning split only, `oos-heldout` in the held-out split only) out of scope.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKnowledgeFile, type IngestedSource } from '../knowledge/ingest';
import type { LabelledExample } from '../llm/offline/intent-classifier';
import { loadBanking77 } from '../testing/banking77';
import { splitOf } from '../search/eval-splits';
import type { PlainBm25Doc } from '../search/plain-bm25';
import type { AnswerQuestion, AnswerSet } from './answer-eval';
import { readBeirSet } from './beir';
import { intentRole } from './oos-report';
import { sourceIdOf } from './replay-knowledge';

const maxTitleLength = 300;

/** A passage's question and the rest: its title, or its first line when a line break follows. */
function titled(doc: { id: string; text: string; title?: string }): { title?: string; body: string } {
  if (doc.title) return { title: doc.title.trim(), body: doc.text.trim() };
  const cut = doc.text.indexOf('\n');
  const first = cut > 0 ? doc.text.slice(0, cut).trim() : '';
  return first && first.length <= maxTitleLength
    ? { title: first, body: doc.text.slice(cut + 1).trim() }
    : { body: doc.text.trim() };
}

/**
 * The passages as a team's knowledge, imported as the product imports Markdown files (one file and
 * source per passage: `# question` then the answer, so the question is the source's title and its
 * chunks' heading, the FAQ question field), and the baseline's documents of the same passages.
 */
export async function faqKnowledge(
  passages: { id: string; title?: string; body: string }[],
): Promise<Pick<AnswerSet, 'knowledge' | 'docs'>> {
  const knowledge: IngestedSource[] = [];
  const docs: PlainBm25Doc[] = [];
  for (const d of passages) {
    const sourceId = sourceIdOf(d.id);
    const data = d.title ? `# ${d.title}\n\n${d.body}\n` : `${d.body}\n`;
    knowledge.push(
      await parseKnowledgeFile(
        { name: `${sourceId}.md`, data },
        { sourceId: () => sourceId, now: () => new Date('2026-01-01T00:00:00.000Z') },
      ),
    );
    docs.push({ id: sourceId, text: d.body, ...(d.title ? { title: d.title } : {}) });
  }
  return { knowledge, docs };
}

export async function beirAnswerSet(dir: string, name = basename(dir)): Promise<AnswerSet> {
  const set = readBeirSet(dir);
  const questions: AnswerQuestion[] = [];
  for (const q of set.queries) {
    const judged = set.qrels.get(q.id);
    if (!judged && !q.id.startsWith('oos-')) continue;
    const relevant = new Set([...(judged ?? [])].map(sourceIdOf));
    questions.push({ id: q.id, text: q.text, split: splitOf(q.id), relevant });
  }
  return { name, ...(await faqKnowledge(set.corpus.map((d) => ({ id: d.id, ...titled(d) })))), questions };
}

/** Training utterances per intent that make its knowledge entry. */
export const UTTERANCES_PER_INTENT = 10;

export async function intentAnswerSet(
  train: LabelledExample[],
  test: LabelledExample[],
  name = 'banking77',
  perIntent = UTTERANCES_PER_INTENT,
): Promise<AnswerSet> {
  const byIntent = new Map<string, string[]>();
  for (const e of train) {
    if (intentRole(e.label) !== 'known') continue;
    const list = byIntent.get(e.label) ?? [];
    if (list.length < perIntent) list.push(e.text.trim());
    byIntent.set(e.label, list);
  }
  const docs = [...byIntent].map(([label, texts]) => ({
    id: label,
    title: label.replaceAll('_', ' '),
    body: texts.join('\n'),
  }));
  const questions: AnswerQuestion[] = [];
  test.forEach((e, i) => {
    const id = `${name}-test-${i}`;
    const split = splitOf(id);
    const role = intentRole(e.label);
    const oos = role !== 'known';
    if (oos && role !== (split === 'tuning' ? 'oos-tuning' : 'oos-heldout')) return;
    questions.push({ id, text: e.text, split, relevant: new Set(oos ? [] : [sourceIdOf(e.label)]) });
  });
  return { name, ...(await faqKnowledge(docs)), questions };
}

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** FAQ sets of shared/eval-data whose tuning splits tune-answers.ts pools with the other sets' to fit the answer model. */
export const tunedAnswerFaqSets = ['faq-en', 'faq-ru'];
/**
 * FAQ sets of shared/eval-data assembled after the answer changes (issue 35) and never tuned on, neither
 * split: the evaluation and the bench report them as checks; tune-answers.ts leaves them out.
 */
export const answerCheckSets = ['faq2-en', 'faq2-ru'];

/**
 * The evaluation's sets: stackfaq, xquad-ru and banking77 (../shared/data), the FAQ sets of shared/eval-data
 * (with `checks: false`, as tune-answers.ts reads them, without the check sets).
 */
export const defaultAnswerDirs = ({ checks = true }: { checks?: boolean } = {}) => ({
  data: [
    resolve(repo, '../shared/data/retrieval/stackfaq'),
    resolve(repo, '../shared/data/retrieval/xquad-ru'),
    ...[...tunedAnswerFaqSets, ...(checks ? answerCheckSets : [])].map((name) =>
      resolve(repo, 'shared/eval-data', name),
    ),
  ].filter((d) => existsSync(resolve(d, 'corpus.jsonl'))),
  intents: resolve(repo, '../shared/data/intents/banking77'),
});

/** The sets of these BEIR-like folders, then the intent set of a banking77 folder when it exists. */
export async function loadAnswerSets(dirs: { data: string[]; intents?: string }): Promise<AnswerSet[]> {
  const sets: AnswerSet[] = [];
  for (const dir of dirs.data) sets.push(await beirAnswerSet(dir));
  if (dirs.intents && existsSync(resolve(dirs.intents, 'test.csv')))
    sets.push(
      await intentAnswerSet(loadBanking77('train', dirs.intents), loadBanking77('test', dirs.intents)),
    );
  return sets;
}
