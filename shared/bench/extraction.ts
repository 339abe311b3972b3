// Contact extraction benchmark (issue 15): recall and precision of phones and e-mails on the multi-locale
// set built from public formats (src/llm/offline/eval), on its tuning and held-out halves, with the old
// regex extractor computed in the same run as the baseline. Goals are judged on the held-out half.
// `npm run bench -w shared [-- --quick | --smoke]`; JSON: bench/results/extraction[-mode].json.
import { fileURLToPath } from 'node:url';
import { extractionGoals, extractionReport } from '../src/llm/offline/eval/extraction-eval';
import { buildExtractionSet } from '../src/llm/offline/eval/extraction-set';
import { nationalFormats } from '../src/llm/offline/eval/national-formats';
import { newReport, printReport, resultsFile, type BenchMode, type Figure } from './report';

export async function run(mode: BenchMode): Promise<void> {
  const report = newReport('extraction');
  const set = buildExtractionSet();
  const t0 = performance.now();
  const result = extractionReport(set);
  const ms = performance.now() - t0;
  for (const split of ['heldout', 'tuning'] as const) {
    const { rules, baseline } = result[split];
    for (const kind of ['phones', 'emails'] as const) {
      for (const metric of ['recall', 'precision'] as const) {
        const s = rules[kind];
        const figure: Figure = {
          name: `${kind} ${metric}, ${split === 'heldout' ? 'held-out' : 'tuning'}`,
          value: s[metric],
          unit: 'ratio',
          baseline: { name: 'old regex extractor', value: baseline[kind][metric] },
          note: `${s.correct} right of ${metric === 'recall' ? `${s.expected} expected` : `${s.found} found`}; ${rules.samples} messages`,
        };
        if (split === 'heldout') figure.goal = `>= ${extractionGoals[metric]}`;
        report.figures.push(figure);
      }
    }
  }
  report.figures.push({
    name: 'extraction set',
    value: set.length,
    unit: 'messages',
    note: `libphonenumber-js example numbers of every country, national formats of ${nationalFormats.length} countries, the issue's misses, e-mails and negatives; both splits, rules and baseline in ${ms.toFixed(0)} ms (${mode})`,
  });
  printReport(report, resultsFile(fileURLToPath(new URL('./results/', import.meta.url)), 'extraction', mode));
}
