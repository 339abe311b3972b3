// Seeds the page's local database for the benchmark: documents are made in the page (seed-docs.ts,
// sent as source) and bulk-inserted in batches, with progress printed between chunks.
import type { Page } from 'playwright-core';
import { benchDoc, seedPlan, type SeedSizes } from './seed-docs';

/** Docs per page.evaluate (progress is printed after each) and per bulkInsert within it. */
const CHUNK = 20_000;
const BATCH = 5_000;

export async function seedDatabase(
  page: Page,
  sizes: SeedSizes,
  log: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<{ seconds: number; docs: number }> {
  const t0 = Date.now();
  const plan = seedPlan(sizes);
  const total = plan.reduce((n, [, count]) => n + count, 0);
  let done = 0;
  for (const [name, count] of plan) {
    for (let from = 0; from < count; from += CHUNK) {
      const n = Math.min(CHUNK, count - from);
      // A string expression: the generator's source is spliced in (functions cannot be arguments).
      const failed = await page.evaluate(`(async () => {
        const make = ${benchDoc.toString()};
        const sizes = ${JSON.stringify(sizes)};
        const col = window.__swBench.ws.db[${JSON.stringify(name)}];
        for (let i = ${from}; i < ${from + n}; i += ${BATCH}) {
          const docs = [];
          for (let k = i; k < Math.min(i + ${BATCH}, ${from + n}); k++) docs.push(make(${JSON.stringify(name)}, k, sizes));
          const r = await col.${name === 'pipelines' ? 'bulkUpsert' : 'bulkInsert'}(docs);
          if (r.error.length) return JSON.stringify(r.error[0]).slice(0, 500);
        }
        return '';
      })()`);
      if (failed) throw new Error(`seeding ${name} failed: ${String(failed)}`);
      done += n;
      const s = (Date.now() - t0) / 1000;
      if (count > 1)
        log(
          `seed: ${name} ${(from + n).toLocaleString('en')}/${count.toLocaleString('en')} · all ${Math.round((done / total) * 100)}% · ${s.toFixed(1)} s, ${Math.round(done / s).toLocaleString('en')} docs/s`,
        );
    }
  }
  return { seconds: (Date.now() - t0) / 1000, docs: total };
}
