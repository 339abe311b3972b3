// Which knowledge the agent answers from: all of the team's knowledge (the default, no scope saved)
// or only the documents ticked here, read from the local database's knowledge sources. The engine
// searches only those documents (shared/src/agents/knowledge-scope.ts).
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { useLiveQuery } from '../../data/hooks';
import { useI18n } from '../../i18n/i18n';

export function KnowledgeScope({
  draft,
  setDraft,
}: {
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
}) {
  const { t } = useI18n();
  const { docs: sources } = useLiveQuery('knowledge_sources', { sort: [{ updatedAt: 'desc' }] });
  const scope = draft.knowledgeSourceIds ?? [];
  const all = scope.length === 0;
  const known = new Set(sources.map((s) => s.id));
  // Documents the scope names that the team has since removed: shown, so they can be unticked.
  const removed = scope.filter((id) => !known.has(id));
  const setScope = (ids: string[]) =>
    setDraft({ ...draft, knowledgeSourceIds: ids.length ? ids : undefined });
  const toggle = (id: string, on: boolean) => setScope(on ? [...scope, id] : scope.filter((x) => x !== id));
  return (
    <fieldset data-testid="agent-knowledge" className="tool-choices">
      <legend>{t('agents.knowledge')}</legend>
      <p className="muted small">{t('agents.knowledge.hint')}</p>
      <label className="tool-choice">
        <input
          type="checkbox"
          name="knowledge-all"
          checked={all}
          disabled={all}
          onChange={(e) => e.target.checked && setScope([])}
        />
        <span>
          <strong>{t('agents.knowledge.all')}</strong>
          <span className="muted small">{t('agents.knowledge.all.hint', { count: sources.length })}</span>
        </span>
      </label>
      {sources.length === 0 && <p className="muted small">{t('agents.knowledge.none')}</p>}
      {sources.map((s) => (
        <label key={s.id} className="tool-choice" data-source={s.id}>
          <input
            type="checkbox"
            checked={scope.includes(s.id)}
            onChange={(e) => toggle(s.id, e.target.checked)}
          />
          <span>
            <strong>{s.title}</strong>
          </span>
        </label>
      ))}
      {removed.map((id) => (
        <label key={id} className="tool-choice" data-source={id}>
          <input type="checkbox" checked onChange={() => toggle(id, false)} />
          <span className="muted">{t('agents.knowledge.removed')}</span>
        </label>
      ))}
      {!all && (
        <p className="muted small" data-testid="agent-knowledge-summary">
          {t('agents.knowledge.only', { count: scope.length })}
        </p>
      )}
    </fieldset>
  );
}
