// What the agents did, live, as a timeline a rep reads: entries grouped by day (the rep's time zone),
// each with an icon for its kind, one sentence in people's words (lib/activity-labels.ts), links to the
// conversation, contact and deal, and an expander with its details as label/value rows. Filters: kind
// (with counts), agent, search text, and every step (routine ones folded away by default). Failed
// deliveries are entries too, with the channel's reason. Virtualised: a long log scrolls as a short
// one. The parts are under activity/.
import { useMemo, useState } from 'react';
import { Circle } from 'lucide-react';
import { useI18n } from '../i18n/i18n';
import { filterEntries, type EntryFilter } from '../lib/activity-labels';
import { EmptyState } from './activity/ActivityEntry';
import { ActivityFilters } from './activity/ActivityFilters';
import { ActivityTimeline } from './activity/ActivityTimeline';
import { useActivityEntries } from './activity/useActivityEntries';

const noFilter: EntryFilter = { kind: 'all', role: 'all', text: '', everyStep: false };

export function Activity() {
  const { t } = useI18n();
  const { entries, loading } = useActivityEntries();
  const [filter, setFilter] = useState<EntryFilter>(noFilter);
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  const empty = !loading && entries.length === 0;
  return (
    <div className="page activity-page">
      <header className="page-head">
        <h1>{t('activity.title')}</h1>
        <span className="pill live">
          <Circle size={8} fill="currentColor" aria-hidden="true" /> {t('activity.live')}
        </span>
      </header>
      {loading ? (
        <p className="empty" role="status" data-testid="activity-loading">
          {t('common.loading')}
        </p>
      ) : empty ? (
        <EmptyState />
      ) : (
        <>
          <ActivityFilters entries={entries} filter={filter} setFilter={setFilter} shown={shown.length} />
          {shown.length === 0 ? (
            <div className="tl-empty" data-testid="activity-no-match">
              <p className="muted">{t('act.noMatch')}</p>
              <button type="button" onClick={() => setFilter(noFilter)}>
                {t('act.clearFilters')}
              </button>
            </div>
          ) : (
            <ActivityTimeline shown={shown} />
          )}
        </>
      )}
    </div>
  );
}
