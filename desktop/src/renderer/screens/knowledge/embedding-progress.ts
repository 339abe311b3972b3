// How far the team's knowledge is embedded, from the admin API's /embeddings status: `{done, total}`
// chunks while an index is being built (a new model chosen: the new index's progress; at start: the
// index's own), none once the index answering is complete.
type Counts = { current: number; chunks: number };
export type EmbeddingsView = {
  status: (Counts & { state: 'starting' | 'ready' | 'switching' | 'unavailable'; switching?: Counts }) | null;
};

export function progressOf(status: EmbeddingsView['status']): { done: number; total: number } | undefined {
  if (!status) return undefined;
  if (status.state === 'switching' && status.switching)
    return { done: status.switching.current, total: status.switching.chunks };
  if (status.state === 'starting' || status.current < status.chunks)
    return { done: status.current, total: status.chunks };
  return undefined;
}
