// `npm run eval:events -w shared -- --data <dir> [--json] [--misses]` (issue 61): the events pack's
// reading of the event requests in <dir>/requests.jsonl, per field (date, guests, budget, place, event
// type, the estimate's currency) and language, beside the reading before issue 61 (the baseline) in
// the same run (packs/events-agency/eval/extract-eval.ts). `--misses` lists what was read wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateEvents, formatEventsTable, parseCases } from '../packs/events-agency/eval/extract-eval';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    json: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false },
  },
});
if (!values.data) {
  console.error('usage: npm run eval:events -w shared -- --data <dir> [--json] [--misses]');
  process.exit(2);
}
const result = evaluateEvents(parseCases(readFileSync(join(values.data, 'requests.jsonl'), 'utf8')));
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${result.cases} requests in ${values.data}`);
  console.log(formatEventsTable(result));
  if (values.misses)
    for (const m of result.misses)
      console.log(
        `${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)} | ${m.text}`,
      );
}
