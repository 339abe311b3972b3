// Analytics over a year, two ways:
//   - the screen: from opening Analytics (remembered range: one year) in the running app until its
//     numbers show (the lead and conversation counts of the year, and the conversion ring); the
//     screen reads the device's analytics rollup (built once before, see run.ts), catches up with
//     the changes since it was stored, and computes, as a user waits for it. Each run is the first
//     open in a fresh page that shows the leads board (so no run reuses an earlier run's state);
//   - the computation: the shared analytics functions the screen called over every doc (summary,
//     funnel, stage conversion, time in stage, breakdown by channel, trends, AI resolution, first response) over the
//     same docs read once from the database, timed in the page; its same-run baseline is one plain
//     pass counting the won deals created in the year (which must agree with the summary's count);
//   - the same figures from the device's analytics rollup, as the screen computes them now.
import type { BrowserContext, Page } from 'playwright-core';

export type AnalyticsRuns = {
  screen: number[];
  compute: number[];
  /** The same figures from the device's analytics rollup (what the screen computes), ms per run. */
  rollup: number[];
  baseline: number[];
  /** Median ms per function over the runs. */
  parts: Record<string, number>;
  /** Reading the docs from the local database (once), ms. */
  readMs: number;
  docs: number;
  won: number;
  /** The last run's page, Analytics open (for the heap with it). */
  page: Page;
};

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

export async function measureAnalytics(
  context: BrowserContext,
  appUrl: string,
  expect: { deals: number; conversations: number },
  reps: number,
  timeoutMs: number,
): Promise<AnalyticsRuns> {
  const screen: number[] = [];
  let page: Page | undefined;
  for (let run = 0; run < reps; run++) {
    // A running app on the leads screen, then Analytics opened from it.
    await page?.close();
    page = await context.newPage();
    await page.goto(`${appUrl}#/leads`);
    await page.evaluate(() => localStorage.setItem('sw.analytics.range', '365d'));
    await page.waitForFunction(
      // The count is written the language's way (2,000): compared without its group separators.
      (n) =>
        document
          .querySelector('h1')
          ?.textContent?.replace(/[\s,.\u00a0\u202f]/g, '')
          .includes(`${n}deals`),
      expect.deals,
      { timeout: timeoutMs },
    );
    await page.waitForTimeout(500);
    screen.push(
      await page.evaluate(
        async ({ deals, conversations, timeoutMs }) => {
          const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
          const s = performance.now();
          location.hash = '#/analytics';
          for (;;) {
            const counts = document.querySelector('[data-testid=analytics-counts]')?.textContent ?? '';
            if (
              counts.includes(`: ${deals} ·`) &&
              counts.endsWith(`: ${conversations}`) &&
              document.querySelector('[data-testid=analytics-conversion]')
            )
              return performance.now() - s;
            if (performance.now() - s > timeoutMs)
              throw new Error(`analytics did not show the year's numbers: "${counts}"`);
            await frame();
          }
        },
        { ...expect, timeoutMs },
      ),
    );
  }

  const computed = await page!.evaluate(async (reps) => {
    type Doc = Record<string, unknown> & { createdAt: string; stage: string };
    type Fn = (...args: unknown[]) => unknown;
    const b = (
      window as unknown as {
        __swBench: {
          ws: {
            db: Record<string, { find(q?: object): { exec(): Promise<{ toJSON(): unknown }[]> } }>;
          };
          analytics: Record<string, Fn>;
        };
      }
    ).__swBench;
    const db = b.ws.db;
    const a = b.analytics;
    const read = async (name: string, q?: object) =>
      (await db[name]!.find(q).exec()).map((d) => d.toJSON()) as Doc[];
    const t0 = performance.now();
    const [leads, conversations, messages, activity, stageChanges, pipelines] = await Promise.all([
      read('leads'),
      read('conversations'),
      read('messages'),
      read('activity', { selector: { kind: 'handoff' } }),
      read('stage_changes'),
      read('pipelines'),
    ]);
    const readMs = performance.now() - t0;
    const pipeline = pipelines.find((p) => p.id === 'default') as unknown as {
      stages: { id: string; kind: string }[];
    };
    const now = Date.now();
    const period = { from: new Date(now - 365 * 86_400_000).toISOString() };
    const data = { leads, pipelines, conversations, messages, activity };
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const calls: [string, () => unknown][] = [
      ['leadSummary', () => a.leadSummary!(leads, pipelines, period)],
      ['funnel', () => a.funnel!(leads, pipeline, period)],
      ['stageConversion', () => a.stageConversion!(leads, pipeline, period)],
      ['timeInStage', () => a.timeInStage!(leads, pipeline, period, now, stageChanges)],
      ['breakdown', () => a.breakdown!(data, 'channel', period)],
      ['trends', () => a.trends!(data, period, { timeZone, now })],
      ['aiResolution', () => a.aiResolution!(conversations, messages, activity, period)],
      ['firstResponseTimes', () => a.firstResponseTimes!(messages, period)],
    ];
    const compute: number[] = [];
    const baseline: number[] = [];
    const parts: Record<string, number[]> = {};
    let won = 0;
    for (let run = 0; run < reps; run++) {
      let total = 0;
      for (const [name, call] of calls) {
        const s = performance.now();
        call();
        const ms = performance.now() - s;
        (parts[name] ??= []).push(ms);
        total += ms;
      }
      compute.push(total);
      // The baseline: one pass over the same docs counting the won deals created in the year (the
      // median of 5 passes, so one garbage collection does not make the yardstick).
      const passes: number[] = [];
      for (let k = 0; k < 5; k++) {
        const s = performance.now();
        const wonStages = new Set(pipeline.stages.filter((st) => st.kind === 'won').map((st) => st.id));
        const from = Date.parse(period.from);
        let n = 0;
        for (const l of leads) if (Date.parse(l.createdAt) >= from && wonStages.has(l.stage)) n++;
        passes.push(performance.now() - s);
        won = n;
      }
      baseline.push(passes.sort((x, y) => x - y)[2]!);
    }
    // The screen's figures from the rollup (read as the screen reads it), checked against the same count.
    const rollupOf = a.analyticsRollup as unknown as (db: unknown) => {
      subscribe(fn: (s: { view?: unknown }) => void): () => void;
    };
    const view = await new Promise<unknown>((resolve) => {
      const off = rollupOf(db).subscribe((s) => {
        if (s.view) {
          resolve(s.view);
          queueMicrotask(() => off());
        }
      });
    });
    const figuresOf = a.analyticsFigures as unknown as (
      v: unknown,
      q: object,
    ) => {
      summary: { won: number; created: number };
    };
    const rollup: number[] = [];
    for (let run = 0; run < reps; run++) {
      const s = performance.now();
      const f = figuresOf(view, { pipelines, pipeline, period, groupBy: 'channel', timeZone, now });
      rollup.push(performance.now() - s);
      if (f.summary.won !== won || f.summary.created !== leads.length)
        throw new Error(
          `rollup disagrees: ${f.summary.won}/${f.summary.created}, count ${won}/${leads.length}`,
        );
    }
    const summary = a.leadSummary!(leads, pipelines, period) as { won: number; created: number };
    if (summary.won !== won || summary.created !== leads.length)
      throw new Error(
        `analytics disagree: summary ${summary.won}/${summary.created}, count ${won}/${leads.length}`,
      );
    const docs =
      leads.length + conversations.length + messages.length + activity.length + stageChanges.length;
    return { compute, rollup, baseline, parts, readMs, docs, won };
  }, reps);
  const parts = Object.fromEntries(Object.entries(computed.parts).map(([k, v]) => [k, median(v)]));
  return { screen, ...computed, parts, page: page! };
}
