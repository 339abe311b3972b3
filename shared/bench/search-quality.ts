// Retrieval quality in the search bench: hit@1 of our full text and hybrid search on each set's tuning
// split (where the tunables were chosen) and held-out split (never used to choose anything), each next
// to the plain BM25 baseline computed in the same run (src/search/plain-bm25.ts). FAQ sets add their
// question-to-question view. The goal, on held-out splits only: hybrid >= plain BM25 + 0.05, and
// hybrid never below full text.
import { existsSync } from 'node:fs';
import { evalSets, formatEvalTable, runRetrievalEval, type EvalRow } from '../src/cli/retrieval-report';
import type { Figure } from './report';
import { dataDir, sets } from './search-corpus';

const splitName = { tuning: 'tuning', heldout: 'held-out' } as const;

export async function retrievalQuality(): Promise<{ figures: Figure[]; table: string }> {
  const dirs = sets.map((s) => dataDir + s).filter((d) => existsSync(d));
  const rows = await runRetrievalEval(evalSets(dirs), ['fulltext', 'hybrid']);
  const find = (r: EvalRow, mode: EvalRow['mode']) =>
    rows.find((b) => b.set === r.set && b.split === r.split && b.mode === mode)!;
  const figures: Figure[] = [];
  for (const r of rows) {
    if (r.mode === 'plain-bm25') continue;
    const plain = find(r, 'plain-bm25');
    const heldoutHybrid = r.split === 'heldout' && r.mode === 'hybrid';
    figures.push({
      name: `retrieval ${r.set} ${splitName[r.split]}: ${r.mode === 'fulltext' ? 'full text' : 'hybrid'} hit@1`,
      value: r.hit1,
      unit: '',
      ...(heldoutHybrid ? { goal: `>= ${(plain.hit1 + 0.05).toFixed(3)}` } : {}),
      baseline: { name: 'plain BM25', value: plain.hit1 },
      note: `${r.queries} queries; MRR@10 ${r.mrr10.toFixed(3)} (plain ${plain.mrr10.toFixed(3)})`,
    });
    if (heldoutHybrid) {
      const text = find(r, 'fulltext');
      figures.push({
        name: `retrieval ${r.set} held-out: hybrid - full text hit@1`,
        value: r.hit1 - text.hit1,
        unit: '',
        goal: '>= 0',
      });
    }
  }
  return { figures, table: formatEvalTable(rows) };
}
