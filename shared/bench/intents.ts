// The events intents' accuracy (issue 39) in the benchmark report: the intent model on the evaluation
// set's held-out split (goal 0.90, both languages), with Maestro's method before (the light-stem
// classifier with the hand-written cues) measured in the same run as its baseline, and the keyword
// cues alone. `npm run bench -w shared [-- --quick | --smoke]`; JSON: bench/results/intents[-mode].json.
import { fileURLToPath } from 'node:url';
import { evaluateEventIntents, formatIntentTable } from '../src/packs/events-agency/eval/intent-eval';
import { newReport, printReport, resultsFile, type BenchMode, type Figure } from './report';

export async function run(mode: BenchMode): Promise<void> {
  const report = newReport('intents');
  const { rows, trainedOn, ms } = evaluateEventIntents();
  const row = (method: string, split: string) => rows.find((r) => r.method === method && r.split === split)!;
  const model = row('intent model', 'held-out');
  const before = row('classifier before + cues', 'held-out');
  const keywords = row('keyword cues alone', 'held-out');
  const note = `${model.n} held-out messages, RU and EN; trained on ${trainedOn} (the pack's examples and the tuning split)`;
  const figures: Figure[] = [
    {
      name: 'events intents accuracy, held-out',
      value: model.accuracy,
      unit: 'ratio',
      goal: '>= 0.9',
      baseline: { name: 'classifier before + cues', value: before.accuracy },
      note,
    },
    {
      name: 'events intents accuracy, held-out, Russian',
      value: model.ru,
      unit: 'ratio',
      baseline: { name: 'classifier before + cues', value: before.ru },
    },
    {
      name: 'events intents accuracy, held-out, English',
      value: model.en,
      unit: 'ratio',
      baseline: { name: 'classifier before + cues', value: before.en },
    },
    {
      name: 'events intents accuracy, held-out, keyword cues alone',
      value: keywords.accuracy,
      unit: 'ratio',
    },
    {
      name: 'events intents accuracy, tuning (4-fold cross-validation)',
      value: row('intent model (4-fold CV)', 'tuning').accuracy,
      unit: 'ratio',
      note: `all methods in ${(ms / 1000).toFixed(1)} s (${mode})`,
    },
  ];
  report.figures.push(...figures);
  report.tables = [formatIntentTable(rows)];
  printReport(report, resultsFile(fileURLToPath(new URL('./results/', import.meta.url)), 'intents', mode));
}
