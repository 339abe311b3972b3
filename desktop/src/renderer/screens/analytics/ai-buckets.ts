// The AI's share of conversations per week (issue 64 item 8): a day holds one or two conversations, so
// its share jumped between 0 and 100 % on the daily trend; a week (or a month, over a year) sums its
// days' conversations first. A bucket with no conversation started has no share (null: no bar), never
// 0 or 100 % from an empty set.
import { bucketStart, type TrendPoint, type Trends } from '@app/shared/crm';

export type AiBucket = {
  /** The bucket's first day (YYYY-MM-DD). */
  start: string;
  conversations: number;
  resolvedByAi: number;
  /** resolvedByAi / conversations; null when none started. */
  share: number | null;
};

/** The series' AI figures by week (a daily series) or as they are (weekly or monthly). */
export function aiBuckets(series: Pick<Trends, 'bucket' | 'points'>): {
  bucket: 'week' | 'month';
  points: AiBucket[];
} {
  const bucket = series.bucket === 'month' ? 'month' : 'week';
  const byStart = new Map<string, AiBucket>();
  for (const p of series.points as readonly TrendPoint[]) {
    const start = bucketStart(p.start, bucket);
    let b = byStart.get(start);
    if (!b) byStart.set(start, (b = { start, conversations: 0, resolvedByAi: 0, share: null }));
    b.conversations += p.conversations;
    b.resolvedByAi += p.resolvedByAi;
  }
  const points = [...byStart.values()];
  for (const b of points) b.share = b.conversations ? b.resolvedByAi / b.conversations : null;
  return { bucket, points };
}
