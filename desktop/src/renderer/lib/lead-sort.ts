// Sorting of the leads table: by title, stage (pipeline order), score, value or last update; ties by id.
import { leadStages, type LeadDoc } from '@app/shared/schemas';

export type SortKey = 'title' | 'stage' | 'score' | 'value' | 'updatedAt';

/** What the sort reads of a deal: a deal or its row in the lead index. */
export type SortableLead = Pick<LeadDoc, 'id' | 'title' | 'stage' | 'updatedAt'> & {
  score?: { value: number } | undefined;
  value?: { amount: number } | undefined;
};

/** `stageOrder`: the pipeline's stage ids in board order (a stage not in it sorts last). */
export function sortLeads<L extends SortableLead>(
  leads: readonly L[],
  key: SortKey,
  dir: 1 | -1,
  stageOrder: readonly string[] = leadStages,
): L[] {
  const rank = (stage: string) => {
    const i = stageOrder.indexOf(stage);
    return i < 0 ? stageOrder.length : i;
  };
  const val = (l: L): string | number =>
    key === 'score'
      ? (l.score?.value ?? -1)
      : key === 'value'
        ? (l.value?.amount ?? -1)
        : key === 'stage'
          ? rank(l.stage)
          : l[key];
  return [...leads].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    return (x < y ? -1 : x > y ? 1 : a.id.localeCompare(b.id)) * dir;
  });
}
