// Sales analytics for the Analytics screen: the shared definitions (`@app/shared/crm`, the same the
// server's analytics API uses) over the local database, and the date ranges the screen offers.
export {
  aiResolution,
  firstResponseTimes,
  funnel,
  leadSummary,
  percentile,
  type Period,
} from '@app/shared/crm';

export const ranges = ['7d', '30d', '90d', '365d', 'all'] as const;
export type Range = (typeof ranges)[number];

/** The period a range names, ending now (`to` open, so today's leads count). */
export function periodOf(range: Range, now = Date.now()): { from?: string } {
  if (range === 'all') return {};
  const days = Number(range.slice(0, -1));
  return { from: new Date(now - days * 86_400_000).toISOString() };
}
