// Where the time of two bench figures goes, as CPU profiles (Chrome DevTools protocol):
//   `npx tsx bench/profile.ts [--deals=N --messages=M] [--dir=/tmp/x]`
// (a) opening Analytics from the leads board, (b) a cold start to the leads board. The seeded
// database is kept in a persistent browser profile (`--dir`), so runs after the first skip seeding.
// Prints the functions with the most self time (by source file and name) and the page's
// `performance.measure` entries, if any.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath, ensureWebBuild } from '../e2e/harness';
import { seedDatabase } from './seed';
import { seedSizes } from './seed-docs';
import { openBenchApp, rollupStored, serveRenderer } from './site';

const arg = (name: string, dflt: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const deals = Number(arg('deals', '2000'));
const messages = Number(arg('messages', '10000'));
const dir = arg('dir', `/tmp/sw-profile-${deals}`);
const sizes = seedSizes(deals, messages);
// `--renderer=DIR`: another build of the app (an earlier commit's, for a same-run comparison).
const rendererDir = resolve(arg('renderer', resolve(import.meta.dirname, '..', 'out', 'renderer')));
const only = arg('only', 'analytics,board').split(',');

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

function top(profile: Profile, n = 25): string {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byKey = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    total += ms;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    byKey.set(key, (byKey.get(key) ?? 0) + ms);
  }
  return (
    `total ${total.toFixed(0)} ms\n` +
    [...byKey]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`)
      .join('\n')
  );
}

const countsShown = ({ deals, conversations }: { deals: number; conversations: number }) => {
  const counts = document.querySelector('[data-testid=analytics-counts]')?.textContent ?? '';
  return counts.includes(`: ${deals} ·`) && counts.endsWith(`: ${conversations}`);
};

async function boardShown(p: Page) {
  await p.waitForFunction(
    (n) =>
      document
        .querySelector('h1')
        ?.textContent?.replace(/[\s,.\u00a0\u202f]/g, '')
        .includes(`${n}deals`) &&
      document.querySelector('[data-testid=column-new] [data-testid=lead-card]') &&
      document.querySelector('[data-testid=column-lost] [data-testid=lead-card]'),
    deals,
    { timeout: 600_000, polling: 'raf' },
  );
}

async function main() {
  if (!process.argv.some((a) => a.startsWith('--renderer='))) ensureWebBuild();
  // A fixed port: the persistent profile's IndexedDB belongs to the origin.
  const site = await serveRenderer(rendererDir, Number(arg('port', '47311')));
  const fresh = !existsSync(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1360, height: 860 },
    // The app's service worker would serve the assets it cached, not the build just made.
    serviceWorkers: 'block',
  });
  await context.addInitScript('window.__name = (f) => f');
  context.setDefaultTimeout(600_000);
  const expect = { deals, conversations: sizes.conversations };
  try {
    {
      // Assets cached by an earlier run (HTTP cache, the service worker's) are not the build just made.
      const p = await context.newPage();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Network.clearBrowserCache');
      await cdp.send('Storage.clearDataForOrigin', {
        origin: new URL(site.url).origin,
        storageTypes: 'service_workers,cache_storage',
      });
      await p.close();
    }
    if (fresh) {
      const page = await context.newPage();
      await openBenchApp(page, site.url);
      await page.reload();
      await page.waitForFunction(
        () => 'ws' in ((window as unknown as { __swBench?: object }).__swBench ?? {}),
      );
      await seedDatabase(page, sizes);
      await page.close();
    }
    // The rollup built (or rebuilt, after a version change) and stored, the lead rows stored.
    const warm = await context.newPage();
    if (only.includes('analytics')) {
      await warm.goto(`${site.url}#/analytics`);
      await warm.waitForFunction(countsShown, expect, { polling: 250 });
      // Until the rollup is stored (a page closed before would build it again on the next open).
      await rollupStored(warm);
    }
    await warm.goto(`${site.url}#/leads`);
    await boardShown(warm);
    // `--settle=MS`: time for the search worker's first rebuild and its stored snapshot (3 s after).
    await warm.waitForTimeout(Number(arg('settle', '2000')));
    await warm.close();

    for (const what of only) {
      for (let run = 0; run < Number(arg('runs', '1')); run++) {
        const p = await context.newPage();
        const cdp = await context.newCDPSession(p);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        let ms: number;
        if (what === 'analytics') {
          await p.goto(`${site.url}#/leads`);
          await boardShown(p);
          await p.waitForTimeout(500);
          await cdp.send('Profiler.start');
          ms = await p.evaluate(async (e) => {
            const s = performance.now();
            performance.mark('swp:nav');
            location.hash = '#/analytics';
            for (;;) {
              const counts = document.querySelector('[data-testid=analytics-counts]')?.textContent ?? '';
              if (
                counts.includes(`: ${e.deals} ·`) &&
                counts.endsWith(`: ${e.conversations}`) &&
                document.querySelector('[data-testid=analytics-conversion]')
              )
                return performance.now() - s;
              await new Promise((r) => requestAnimationFrame(() => r(null)));
            }
          }, expect);
        } else {
          await cdp.send('Profiler.start');
          const s = Date.now();
          await p.goto(`${site.url}#/leads`);
          await boardShown(p);
          ms = Date.now() - s;
        }
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
        const marks = await p.evaluate(() =>
          [...performance.getEntriesByType('measure'), ...performance.getEntriesByType('mark')]
            .filter((m) => m.name.startsWith('sw'))
            .map((m) => `${m.name} @${m.startTime.toFixed(0)} +${m.duration.toFixed(0)}`),
        );
        console.log(
          `\n== ${what}: ${ms.toFixed(0)} ms (${deals} deals) ==\n${marks.join('\n')}\n${top(profile)}`,
        );
        await p.close();
      }
    }
  } finally {
    await context.close();
    site.close();
  }
}

await main();
