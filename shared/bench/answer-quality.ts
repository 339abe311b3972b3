// Answer quality in the agents bench, beside the search bench's retrieval quality: the answer-replay
// evaluation (src/cli/answer-eval.ts; `npm run eval:answers` runs the same) over stackfaq, xquad-ru,
// banking77 as a base of intents and the FAQ sets of shared/eval-data, each question through the whole
// pipeline with the offline provider, the plain BM25 top-1 of the same questions as the baseline. The
// issue's goals, on held-out splits: precision >= 0.80 with correct >= 0.40 of all questions, canned
// replies <= 1%. Questions per set: smoke 12 (the small sets only: it shows the evaluation runs, its
// figures carry no goal), quick 150 (sampled deterministically), full all (about a minute). Quick and
// full also replay each set at its own threshold, calibrated on its tuning split to precision 0.80
// (calibrate-answers.ts, as `npm run eval:answers -- --calibrate 0.8`): what a team that moves its
// threshold on its own questions gets; held-out figures only.
import { createAgentLlmFromEnv } from '../src/agents/index';
import { formatAnswerTable, runAnswerEval, type AnswerRow } from '../src/cli/answer-eval';
import { defaultAnswerDirs, loadAnswerSets } from '../src/cli/answer-sets';
import { calibrationNotes, perSetCalibration } from '../src/cli/calibrate-answers';
import type { BenchMode, Figure } from './report';

const perSet = { smoke: 12, quick: 150, full: Infinity } as const;

/** The per-set calibration's target precision (the goal). */
const CALIBRATION_TARGET = 0.8;

function figuresOf(r: AnswerRow, goals: boolean, label = ''): Figure[] {
  const at = `answers ${r.set} held-out${label}`;
  const baseline = { name: 'plain BM25 top-1', value: r.bm25Top1 };
  const sample = r.sampledFrom ? `, sampled from ${r.sampledFrom}` : '';
  return [
    {
      name: `${at}: precision`,
      value: r.precision,
      unit: '',
      ...(goals ? { goal: '>= 0.8' } : {}),
      baseline,
      note: `${r.correct} right of ${r.correct + r.wrong} answered; coverage ${r.coverage.toFixed(3)}`,
    },
    {
      name: `${at}: correct share`,
      value: r.correctShare,
      unit: '',
      ...(goals ? { goal: '>= 0.4' } : {}),
      baseline,
      note: `${r.questions} questions (${r.outOfScope} out of scope${sample}); hand-offs ${r.handoff}, wrong ${r.wrong}`,
    },
    {
      name: `${at}: canned replies`,
      value: r.cannedShare,
      unit: '',
      ...(goals ? { goal: '<= 0.01' } : {}),
      note: `${r.canned} replies citing nothing that were no hand-off`,
    },
  ];
}

export async function answerQuality(mode: BenchMode): Promise<{ figures: Figure[]; table: string }> {
  const dirs = defaultAnswerDirs();
  // Smoke: the small FAQ sets and banking77's 77 entries, not the big corpora's index builds.
  const small =
    mode === 'smoke'
      ? { data: dirs.data.filter((d) => d.includes('eval-data')), intents: dirs.intents }
      : dirs;
  const sets = await loadAnswerSets(small);
  const result = await runAnswerEval(sets, createAgentLlmFromEnv({}), perSet[mode]);
  const figures = result.rows
    .filter((r) => r.split === 'heldout')
    .flatMap((r) => figuresOf(r, mode !== 'smoke'));
  figures.push({ name: 'answer evaluation run time', value: result.seconds, unit: 's' });
  const table = formatAnswerTable(result.rows);
  if (mode === 'smoke') return { figures, table };
  const calibration = perSetCalibration(CALIBRATION_TARGET);
  const own = await runAnswerEval(
    sets,
    createAgentLlmFromEnv({}),
    perSet[mode],
    undefined,
    calibration.thresholdOf,
  );
  figures.push(
    ...own.rows
      .filter((r) => r.split === 'heldout')
      .flatMap((r) => figuresOf(r, true, ', threshold calibrated on its tuning split')),
  );
  const notes = calibrationNotes(calibration.calibrations, CALIBRATION_TARGET).join('\n');
  return {
    figures,
    table: `${table}\n\nEach set at its own threshold:\n\n${formatAnswerTable(own.rows)}\n\n${notes}`,
  };
}
