// Small hooks of the tasks screens: deals by id and the done checkbox. (The clock and the rep's time
// zone are `lib/clock.ts`.)
import { useEffect, useMemo, useState } from 'react';
import type { LeadDoc, TaskDoc } from '@app/shared/schemas';
import { useLiveQuery } from '../../data/hooks';

/** The deals of these ids, live (renames and owner changes show at once). */
export function useLeadsById(ids: readonly string[]): Map<string, LeadDoc> {
  const key = [...new Set(ids)].sort().join('|');
  const { docs } = useLiveQuery('leads', { selector: { id: { $in: key ? key.split('|') : [] } } }, [key]);
  return useMemo(() => new Map(docs.map((d) => [d.id, d])), [docs]);
}

/**
 * A task's done checkbox that shows the click at once (the write to the local database and the live
 * query's answer come a moment later), then follows the stored status again.
 */
export function useDoneToggle(
  task: Pick<TaskDoc, 'id' | 'status'>,
  write: (done: boolean) => Promise<void>,
): [boolean, (done: boolean) => void] {
  const [shown, setShown] = useState<boolean | null>(null);
  useEffect(() => setShown(null), [task.status]);
  const toggle = (done: boolean) => {
    setShown(done);
    write(done).catch(() => setShown(null));
  };
  return [shown ?? task.status === 'done', toggle];
}
