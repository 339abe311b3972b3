// What the monitors look for: the team's event deals that name keywords to watch
// (`customFields.socialKeywords`, comma separated, the events pack's field), and which deal a text is
// about (the first whose keyword it holds, case aside).
import type { Store } from '../context';
import { teamData } from '../store/data';

export type EventWatch = { leadId: string; keywords: string[] };

/** The team's event deals that name keywords to watch for. */
export async function eventWatches(store: Store, teamId: string): Promise<EventWatch[]> {
  const docs = await teamData(store, teamId).leads.find({
    selector: { pipelineId: 'events' },
    fields: ['_id', 'customFields'],
    limit: 10_000,
  });
  // Only the fields asked for are there; those read here are.
  return docs.flatMap((d) => {
    const keywords = (d.customFields?.socialKeywords ?? '')
      .split(',')
      .map((k) => k.trim().toLowerCase())
      .filter((k) => k.length >= 3);
    return keywords.length ? [{ leadId: d.id, keywords }] : [];
  });
}

/** The watch a text is about, if any. */
export const watchOf = (watches: readonly EventWatch[], text: string) => {
  const lower = text.toLowerCase();
  return watches.find((w) => w.keywords.some((k) => lower.includes(k)));
};
