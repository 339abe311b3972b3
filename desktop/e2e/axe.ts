// Accessibility check of the page as it is shown: axe-core (the engine behind Lighthouse's and
// Playwright's accessibility checks) run in the page against WCAG 2 A and AA. Serious and critical
// violations are returned as one readable line each: rule, impact, what it means and where.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

type AxeViolation = {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/** The serious and critical WCAG 2 A/AA violations on the page, e.g. `label (critical) ... at #x`. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated once per document (the app routes by hash, so it stays while screens change), through
  // the DevTools protocol: the app's CSP refuses inline scripts, as it should, and stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target as unknown[], failureSummary: n.failureSummary ?? '' })),
    }));
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) ${v.help} at ${n.target.map(String).join(' > ')}` +
          (n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''),
      ),
    );
}
