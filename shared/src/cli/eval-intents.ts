// `npm run eval:intents [-- --tune] [--list]`: the events intents' accuracy (issue 39) on the evaluation
// set's tuning split (4-fold cross-validation) and held-out split, the intent model beside its plain
// baselines in the same run (packs/events-agency/eval/intent-eval.ts). `--tune` prints the model's best
// weights by cross-validation on the tuning split; `--list` prints the tuning split's misses (the
// held-out ones are not printed: nothing is tuned on them).
import { parseArgs } from 'node:util';
import {
  evaluateEventIntents,
  formatIntentTable,
  tuneIntentModel,
} from '../packs/events-agency/eval/intent-eval';

const { values } = parseArgs({
  options: { tune: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } },
});
if (values.tune) {
  for (const t of tuneIntentModel().slice(0, 10))
    console.log(
      `${t.accuracy.toFixed(3)} (neighbours ${t.neighbourhood.toFixed(4)}) ${JSON.stringify(t.options)}`,
    );
} else {
  const result = evaluateEventIntents();
  console.log(formatIntentTable(result.rows));
  console.log(`model trained on ${result.trainedOn} examples; all in ${(result.ms / 1000).toFixed(1)} s`);
  if (values.list)
    for (const r of result.rows.filter((x) => x.split === 'tuning' && x.method.startsWith('intent model')))
      for (const w of r.wrong) console.log(`${w.label} <- ${w.got}: ${w.text}`);
}
