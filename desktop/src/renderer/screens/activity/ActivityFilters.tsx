// The activity's filters, in one bar (Activity.tsx): kind (each with how many entries it would show, as
// Chatwoot's and HubSpot's filter menus count theirs), agent, channel, search text, every step (routine
// ones are folded away by default), and how many entries are shown.
import { useI18n } from '../../i18n/i18n';
import { agentRoleLabel, channelLabel } from '../../i18n/labels';
import { entryKinds, filterEntries, type ActivityEntry, type EntryFilter } from '../../lib/activity-labels';

type Props = {
  entries: ActivityEntry[];
  filter: EntryFilter;
  setFilter: (update: (f: EntryFilter) => EntryFilter) => void;
  shown: number;
};

/** A select of one of the filter's fields, its first option `all`. */
function Choice({
  label,
  testId,
  value,
  all,
  options,
  onChange,
}: {
  label: string;
  testId: string;
  value: string;
  all: string;
  options: readonly { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <select aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="all">{all}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function ActivityFilters({ entries, filter, setFilter, shown }: Props) {
  const { t } = useI18n();
  const set = <K extends keyof EntryFilter>(k: K, v: EntryFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));
  const kindText = (k: EntryFilter['kind']) =>
    t('act.kind.withCount', {
      kind: t(`act.kind.${k}`),
      n: filterEntries(entries, { ...filter, kind: k }).length,
    });
  const roles = [...new Set(entries.map((e) => e.role))].sort();
  const channels = [...new Set(entries.flatMap((e) => (e.channel ? [e.channel] : [])))].sort();
  return (
    <div className="filters tl-filters" role="search">
      <Choice
        label={t('act.filter.kind')}
        testId="activity-filter-kind"
        value={filter.kind}
        all={kindText('all')}
        options={entryKinds.map((k) => ({ value: k, label: kindText(k) }))}
        onChange={(v) => set('kind', v as EntryFilter['kind'])}
      />
      <Choice
        label={t('act.filter.agent')}
        testId="activity-filter-agent"
        value={filter.role}
        all={t('act.allAgents')}
        options={roles.map((r) => ({ value: r, label: agentRoleLabel(t, r) }))}
        onChange={(v) => set('role', v)}
      />
      <Choice
        label={t('act.filter.channel')}
        testId="activity-filter-channel"
        value={filter.channel ?? 'all'}
        all={t('act.allChannels')}
        options={channels.map((c) => ({ value: c, label: channelLabel(t, c) }))}
        onChange={(v) => set('channel', v)}
      />
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
