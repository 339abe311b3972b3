// The pinned "now" of the e2e files whose data is relative to the time of day (calendar-agenda, tasks):
// their browser contexts run Playwright's clock from one fixed instant (it flows from there, so the
// app's timers and reminders still fire) and the files seed their tasks and meetings relative to the
// same instant, so what lands on which day, week, month and hour is the same at every hour of a run.
//
// The default is a Wednesday in mid-March 2026, at noon in Moscow: mid-day, mid-week (weeks from
// Sunday or from Monday), mid-month. It lies months before any run, so the demo team's own tasks and
// meetings (seeded by the server relative to its real clock, sync-server/src/seed/demo-data.ts) are
// nowhere near the week these files look at and cannot crowd their items into a "+N".
//
// E2E_NOW=<ISO instant with its offset> (e.g. `E2E_NOW=2026-04-30T23:58:00+03:00`) runs them at another
// instant: a way to try the risky hours (near midnight, the end of a week or a month). An instant close
// to the real date brings the demo team's items into view again, and they may hide these files' items
// behind a "+N" (E2E_NOW=<today>T10:30:00+03:00 put the overdue task there: the failure CI saw unpinned).
import type { BrowserContext, Page } from 'playwright-core';

const defaultNow = '2026-03-11T12:00:00+03:00';

/** The instant the files' browsers start at and their data is relative to (ms). */
export function pinnedNow(): number {
  const at = process.env.E2E_NOW?.trim() || defaultNow;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`E2E_NOW is not an instant: ${at}`);
  return ms;
}

/** Runs the context's clock from `at` on (before its pages load anything). */
export function pinClock(context: BrowserContext, at: number): Promise<void> {
  return context.clock.install({ time: at });
}

/** What the page's clock says now (the pinned instant plus the time since). */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => Date.now());
