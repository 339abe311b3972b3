// `npm run eval:retrieval -- [--data <dir> ...] [--mode bm25|vector|hybrid]
//   [--model <model folder>] [--intents <banking77 dir>] [--field-model sum|headings] [--json]`
// Evaluates retrieval on BEIR-like folders (read in place) with the local embedder, no network. Without
// --data (and --intents): the default sets, stackfaq, xquad-ru and xquad-en (the tunables were chosen on
// their tuning splits) and the FAQ sets of shared/eval-data (never tuned on). Each set
// is reported on its tuning split (where our tunables were chosen) and its held-out split (never used to
// choose anything), next to the plain BM25 baseline computed in the same run; FAQ sets also get their
// question-to-question view (`<set>:questions`). With `--intents`, out-of-scope detection on an intent
// set with held-out intents (oos-report.ts); the JSON is then `{ retrieval, outOfScope }`. With
// `--model`, a local ONNX model folder (model.onnx + tokenizer.json, e.g. multilingual-e5-small) adds
// its vector and hybrid rows beside the local ones, its hybrid with the fusion chosen for it on the pooled
// tuning splits of the tuned sets (chooseFusion: its vectors vote only if they clearly help).
// `--field-model headings`: the title and FAQ question scored as one field (BM25F, bm25-index.ts) instead
// of the default, each on its own. Folders resolve against INIT_CWD (where npm started).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBanking77 } from '../testing/banking77';
import { createOnnxEmbedder, modelFolderProblem } from '../node/onnx-model-folder';
import { formatOosTable, runOosEval } from './oos-report';
import {
  belowBaseline,
  defaultEvalDirs,
  evalSets,
  formatEvalTable,
  runRetrievalEval,
} from './retrieval-report';
import type { SearchMode } from '../search/search-index';

const modes: Record<string, SearchMode> = {
  bm25: 'fulltext',
  fulltext: 'fulltext',
  vector: 'vector',
  hybrid: 'hybrid',
};
const { values } = parseArgs({
  options: {
    data: { type: 'string', multiple: true },
    mode: { type: 'string' },
    intents: { type: 'string' },
    model: { type: 'string' },
    'field-model': { type: 'string' },
    json: { type: 'boolean' },
  },
});
const fieldModel = values['field-model'];
if (fieldModel !== undefined && fieldModel !== 'sum' && fieldModel !== 'headings') {
  console.error(`unknown --field-model ${fieldModel}: use sum or headings`);
  process.exit(2);
}
if (values.mode && !modes[values.mode]) {
  console.error(`unknown --mode ${values.mode}: use bm25, vector or hybrid`);
  process.exit(2);
}
const selected: SearchMode[] = values.mode ? [modes[values.mode]!] : ['fulltext', 'vector', 'hybrid'];
const base = process.env.INIT_CWD ?? process.cwd();
const modelDir = values.model ? resolve(base, values.model) : undefined;
const problem = modelDir ? modelFolderProblem(modelDir) : undefined;
if (typeof problem === 'string') {
  console.error(`--model: ${problem}`);
  process.exit(2);
}
const model = modelDir ? createOnnxEmbedder(modelDir) : undefined;
const dirs = values.data?.length
  ? values.data.map((dir) => resolve(base, dir))
  : values.intents
    ? []
    : defaultEvalDirs();
const rows = dirs.length
  ? await runRetrievalEval(evalSets(dirs), selected, fieldModel ? { fieldModel } : {}, model)
  : [];
const intentsDir = values.intents ? resolve(base, values.intents) : undefined;
const outOfScope = intentsDir
  ? await runOosEval(loadBanking77('train', intentsDir), loadBanking77('test', intentsDir))
  : undefined;
if (values.json) console.log(JSON.stringify(outOfScope ? { retrieval: rows, outOfScope } : rows, null, 2));
else {
  if (rows.length) {
    console.log(formatEvalTable(rows));
    const fusion = rows.find((r) => r.fusion);
    if (fusion) console.log(`\n${fusion.embedder}: ${fusion.fusion}`);
    const below = selected.includes('hybrid') ? belowBaseline(rows) : [];
    console.log(
      below.length
        ? `\nhybrid below plain BM25: ${below.join('; ')}`
        : selected.includes('hybrid')
          ? '\nhybrid >= plain BM25 on every set and split'
          : '',
    );
  }
  if (outOfScope) console.log(`${rows.length ? '\n' : ''}${formatOosTable(outOfScope)}`);
}
