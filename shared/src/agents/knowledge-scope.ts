// A profile's knowledge scope over the team's retriever: every search of one run (the answer, the
// supervisor's out-of-scope check, the search_knowledge tool) sees only the sources the profile names.
import { knowledgeScopeOf, type AgentSettingsDoc } from '../schemas/agent-settings';
import type { KnowledgeRetriever } from './ports';

export function scopedRetriever(
  retriever: KnowledgeRetriever,
  profile: Pick<AgentSettingsDoc, 'knowledgeSourceIds'>,
): KnowledgeRetriever {
  const scope = knowledgeScopeOf(profile);
  if (!scope) return retriever;
  const allowed = new Set(scope);
  return {
    ...(retriever.languages ? { languages: () => retriever.languages!() } : {}),
    async search(query, opts) {
      const wanted = opts.sourceIds ? opts.sourceIds.filter((id) => allowed.has(id)) : scope;
      if (wanted.length === 0) return [];
      const hits = await retriever.search(query, { ...opts, sourceIds: wanted });
      // A retriever that ignored the filter still never leaks a source out of scope.
      return hits.filter((h) => allowed.has(h.sourceId));
    },
  };
}
