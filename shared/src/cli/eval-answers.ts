// `npm run eval:answers -- [--data <dir> ...] [--intents <banking77 dir>] [--max <n>] [--calibrate <precision>] [--learn tune] [--json] [--list <outcome>]`
// The answer-replay evaluation (answer-eval.ts): every question of each set asked through the whole
// agent pipeline (offline provider, the product's Orama retriever over the set loaded as a team's
// knowledge), per set and split: correct, wrong, canned, hand-off, precision, coverage, next to the
// plain BM25 top-1 of the same questions. Without --data/--intents: stackfaq, xquad-ru and banking77
// (../shared/data) and the FAQ sets under shared/eval-data that exist. All questions (about a minute);
// with --max, sets of more questions are sampled deterministically (the table says so). `--list
// canned` (or any outcome) prints those questions with what they got. `--calibrate 0.85`: each set is
// replayed at its own answer threshold, the lowest whose precision on the set's TUNING split reaches
// 0.85 (calibrate-answers.ts; a team moving its threshold on its own questions); its held-out rows are
// the honest figures. `--learn tune` (learned-eval.ts): then, in the same run, each set's tuning questions
// are learned as customers' picks of their right articles (learned phrasings) and its held-out questions
// replayed again; a table puts held-out without and with learning side by side. Folders resolve against INIT_CWD.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAgentLlmFromEnv } from '../agents/index';
import { formatAnswerTable, runAnswerEval } from './answer-eval';
import { calibrationNotes, perSetCalibration } from './calibrate-answers';
import { defaultAnswerDirs, loadAnswerSets } from './answer-sets';
import { formatLearnedComparison, learnFromTuning } from './learned-eval';

const { values } = parseArgs({
  options: {
    data: { type: 'string', multiple: true },
    intents: { type: 'string' },
    max: { type: 'string' },
    json: { type: 'boolean', default: false },
    list: { type: 'string' },
    calibrate: { type: 'string' },
    learn: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.error(
    'usage: eval:answers -- [--data <BEIR-like dir> ...] [--intents <banking77 dir>] [--max <questions per set>] [--calibrate <tuning precision>] [--learn tune] [--json] [--list correct|wrong|canned|handoff|silent]',
  );
  process.exit(0);
}
const base = process.env.INIT_CWD ?? process.cwd();
const sets = await loadAnswerSets(
  !values.data?.length && !values.intents
    ? defaultAnswerDirs()
    : {
        data: (values.data ?? []).map((d) => resolve(base, d)),
        ...(values.intents ? { intents: resolve(base, values.intents) } : {}),
      },
);
const max = values.max ? Number(values.max) : Infinity;
const target = values.calibrate === undefined ? undefined : Number(values.calibrate);
if (target !== undefined && !(target > 0 && target <= 1)) {
  console.error(`--calibrate ${values.calibrate}: give the target precision, a number in (0, 1]`);
  process.exit(2);
}
const calibration = target === undefined ? undefined : perSetCalibration(target);
if (values.learn !== undefined && values.learn !== 'tune') {
  console.error(`--learn ${values.learn}: only the tuning split is learned from ("--learn tune")`);
  process.exit(2);
}

// Offline provider only: the evaluation measures what the product answers with no model configured.
const result = await runAnswerEval(
  sets,
  createAgentLlmFromEnv({}),
  max,
  (name, n, ms) => {
    if (!values.json) console.error(`${name}: ${n} questions in ${(ms / 1000).toFixed(1)} s`);
  },
  calibration?.thresholdOf,
);
// With --learn tune: the held-out questions again, the tuning questions learned as phrasings, each set
// at the threshold it had above.
const learnedSets = values.learn ? sets.map(learnFromTuning) : [];
const learned = learnedSets.length
  ? await runAnswerEval(
      learnedSets,
      createAgentLlmFromEnv({}),
      max,
      undefined,
      result.thresholds ? async (set) => result.thresholds![set.name]! : undefined,
    )
  : undefined;
const learnedCounts: Record<string, number> = Object.fromEntries(learnedSets.map((s) => [s.name, s.learned]));
learnedCounts.all = learnedSets.reduce((n, s) => n + s.learned, 0);
if (values.json)
  console.log(
    JSON.stringify(
      {
        ...result,
        results: undefined,
        calibrations: calibration?.calibrations,
        ...(learned ? { learned: { rows: learned.rows, phrasings: learnedCounts } } : {}),
      },
      null,
      2,
    ),
  );
else {
  console.log(formatAnswerTable(result.rows));
  if (calibration) console.log(calibrationNotes(calibration.calibrations, target!).join('\n'));
  if (learned) {
    console.log('\nWith learned phrasings (the tuning questions learned as picks; held-out replayed):\n');
    console.log(formatAnswerTable(learned.rows.filter((r) => r.split === 'heldout')));
    console.log(`\n${formatLearnedComparison(result.rows, learned.rows, learnedCounts)}`);
  }
}
// The questions of one outcome with what they got, to read the failures.
for (const r of result.results.filter((x) => x.outcome === values.list)) {
  const why = r.handoff ? ` [${r.handoff}]` : '';
  console.log(
    `\n${r.set} ${r.id}: ${r.question}\n  -> ${(r.reply ?? '').replace(/\s+/g, ' ').slice(0, 160)}${why}`,
  );
}
