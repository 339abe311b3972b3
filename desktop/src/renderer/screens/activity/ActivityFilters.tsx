// The activity's filters (Activity.tsx): kind (each with how many entries it would show, as
// Chatwoot's and HubSpot's filter menus count theirs), agent, search text, every step (routine ones
// are folded away by default), and how many entries are shown.
import { useI18n } from '../../i18n/i18n';
import { agentRoleLabel } from '../../i18n/labels';
import { entryKinds, filterEntries, type ActivityEntry, type EntryFilter } from '../../lib/activity-labels';

export function ActivityFilters({
  entries,
  filter,
  setFilter,
  shown,
}: {
  entries: ActivityEntry[];
  filter: EntryFilter;
  setFilter: (update: (f: EntryFilter) => EntryFilter) => void;
  shown: number;
}) {
  const { t } = useI18n();
  const roles = [...new Set(entries.map((e) => e.role))].sort();
  const set = <K extends keyof EntryFilter>(k: K, v: EntryFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));
  const kindText = (k: EntryFilter['kind']) =>
    t('act.kind.withCount', {
      kind: t(`act.kind.${k}`),
      n: filterEntries(entries, { ...filter, kind: k }).length,
    });
  return (
    <div className="filters tl-filters" role="search">
      <select
        aria-label={t('act.filter.kind')}
        data-testid="activity-filter-kind"
        value={filter.kind}
        onChange={(e) => set('kind', e.target.value as EntryFilter['kind'])}
      >
        <option value="all">{kindText('all')}</option>
        {entryKinds.map((k) => (
          <option key={k} value={k}>
            {kindText(k)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('act.filter.agent')}
        data-testid="activity-filter-agent"
        value={filter.role}
        onChange={(e) => set('role', e.target.value)}
      >
        <option value="all">{t('act.allAgents')}</option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {agentRoleLabel(t, r)}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label={t('act.filter.search')}
        placeholder={t('act.filter.search')}
        data-testid="activity-filter-text"
        value={filter.text}
        onChange={(e) => set('text', e.target.value)}
      />
      <label className="check">
        <input
          type="checkbox"
          data-testid="activity-every-step"
          checked={filter.everyStep}
          onChange={(e) => set('everyStep', e.target.checked)}
        />
        {t('act.filter.everyStep')}
      </label>
      <span className="muted small" data-testid="activity-count">
        {t('act.count', { n: shown })}
      </span>
    </div>
  );
}
