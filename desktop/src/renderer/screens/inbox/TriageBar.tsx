// The inbox's triage bar: Mine / Unassigned / All with their counts (a rep's main choice, as in
// Chatwoot and HubSpot), and the rarer filters (channel, mode, customers waiting) behind one compact
// Filters button (an icon, named for the ear and the pointer) that shows how many are on.
import { useState } from 'react';
import { SlidersHorizontal, X } from 'lucide-react';
import { channelNames } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { channelLabel } from '../../i18n/labels';
import { triageTabs, type Filters, type TriageTab } from '../../lib/inbox-filter';

export function TriageBar(props: {
  tab: TriageTab;
  onTab(tab: TriageTab): void;
  counts: Record<TriageTab, number>;
  filters: Filters;
  onFilters(f: Filters): void;
}) {
  const { t } = useI18n();
  const { filters } = props;
  const active = [filters.channel, filters.mode].filter(Boolean).length;
  const [open, setOpen] = useState(active > 0);
  const set = (k: 'channel' | 'mode') => (e: React.ChangeEvent<HTMLSelectElement>) =>
    props.onFilters({ ...filters, [k]: e.target.value });
  return (
    <div className="triage">
      <div className="triage-row">
        <div className="triage-tabs" role="group" aria-label={t('inbox.tabs')}>
          {triageTabs.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={props.tab === k}
              onClick={() => props.onTab(k)}
              data-testid={`inbox-tab-${k}`}
            >
              {t(`inbox.tab.${k}`)}
              <span className="count" data-testid={`inbox-count-${k}`}>
                {props.counts[k]}
              </span>
            </button>
          ))}
        </div>
        <button
          type="button"
          className={`triage-filters-toggle ${active ? 'on' : ''}`}
          aria-expanded={open}
          aria-label={t('inbox.filters')}
          title={t('inbox.filters')}
          onClick={() => setOpen((o) => !o)}
          data-testid="inbox-filters-toggle"
        >
          <SlidersHorizontal size={16} aria-hidden="true" />
          {active > 0 && (
            <span className="count" aria-hidden="true">
              {active}
            </span>
          )}
        </button>
      </div>
      {open && (
        <div className="filters" data-testid="inbox-filters">
          <FilterSelect
            label={t('inbox.channel')}
            value={filters.channel}
            onChange={set('channel')}
            testId="filter-channel"
          >
            {channelNames.map((c) => (
              <option key={c} value={c}>
                {channelLabel(t, c)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            label={t('inbox.mode')}
            value={filters.mode}
            onChange={set('mode')}
            testId="filter-mode"
          >
            <option value="ai">{t('inbox.mode.ai')}</option>
            <option value="human">{t('inbox.mode.human')}</option>
            <option value="waiting">{t('inbox.waitingFilter')}</option>
          </FilterSelect>
          {active > 0 && (
            <button
              type="button"
              className="link small"
              onClick={() => props.onFilters({ ...filters, channel: '', mode: '' })}
              data-testid="inbox-filters-clear"
            >
              <X size={12} aria-hidden="true" /> {t('inbox.clearFilters')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** One filter: a select named by its label, whose first choice is all ("Channel: All"). */
function FilterSelect({
  label,
  value,
  onChange,
  testId,
  children,
}: {
  label: string;
  value: string;
  onChange: (e: React.ChangeEvent<HTMLSelectElement>) => void;
  testId: string;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <select aria-label={label} value={value} onChange={onChange} data-testid={testId}>
      <option value="">
        {label}: {t('common.all')}
      </option>
      {children}
    </select>
  );
}
