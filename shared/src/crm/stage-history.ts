// One deal's stage history (the `stage_changes` records, see schemas/stage-changes.ts) as spans of
// time: which stage it was in, from when to when, and the total time spent in each stage. Pure
// functions over plain records (the team-wide "time in stage" report is analytics-report.ts's
// `timeInStage`, over the same records).
type ChangeLike = { id: string; leadId: string; pipelineId: string; from?: string; to: string; at: string };

/** One stay of a deal in a stage; `until` is undefined while the deal is still there. */
export type StageSpan = { stage: string; pipelineId: string; since: string; until?: string; ms: number };

const ms = (iso: string) => Date.parse(iso);

/** The records of one lead in time order (ties by id, so every reader sees one order). */
export function sortStageChanges<T extends ChangeLike>(changes: readonly T[]): T[] {
  return [...changes].sort((a, b) => ms(a.at) - ms(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The stays of one lead, oldest first. `createdAt` (the lead's) opens a stay in the first record's
 * `from` stage when the lead was created before its first recorded move; `now` closes the last stay.
 * Records of other leads are ignored when `leadId` is given; unparsable times are skipped.
 */
export function stageSpans(
  changes: readonly ChangeLike[],
  opts: { now: Date | string; createdAt?: string; leadId?: string },
): StageSpan[] {
  const now = typeof opts.now === 'string' ? ms(opts.now) : opts.now.getTime();
  const list = sortStageChanges(
    changes.filter((c) => (!opts.leadId || c.leadId === opts.leadId) && Number.isFinite(ms(c.at))),
  );
  const spans: StageSpan[] = [];
  const first = list[0];
  if (first?.from && opts.createdAt && ms(opts.createdAt) < ms(first.at)) {
    spans.push({
      stage: first.from,
      pipelineId: first.pipelineId,
      since: opts.createdAt,
      until: first.at,
      ms: ms(first.at) - ms(opts.createdAt),
    });
  }
  list.forEach((c, i) => {
    const next = list[i + 1];
    const end = next ? ms(next.at) : Math.max(now, ms(c.at));
    spans.push({
      stage: c.to,
      pipelineId: c.pipelineId,
      since: c.at,
      ...(next ? { until: next.at } : {}),
      ms: Math.max(0, end - ms(c.at)),
    });
  });
  return spans;
}

/**
 * Time (ms) a lead spent in each stage, visits added up (a deal moved back spends two stays in a
 * stage), the current stay counted up to `now`. Keys are stage ids; with `pipelineId`, only the stays
 * in that pipeline count.
 */
export function dealTimeInStage(
  changes: readonly ChangeLike[],
  opts: { now: Date | string; createdAt?: string; leadId?: string; pipelineId?: string },
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of stageSpans(changes, opts)) {
    if (opts.pipelineId && s.pipelineId !== opts.pipelineId) continue;
    out[s.stage] = (out[s.stage] ?? 0) + s.ms;
  }
  return out;
}
