// What the agents did, live, as a timeline a rep reads: under each day (the rep's time zone) a card per
// conversation (the customer, the channel, links to the conversation and the deal), the customer's
// words quoted short, and under them each step with an icon for its kind, one sentence in people's
// words (lib/activity-labels.ts), the agent that took it and its details as label/value rows. Steps
// that arrive while the screen is open are marked new. Filters in one bar: kind (with counts), agent,
// channel, search text, and every step (routine ones folded away by default). Failed deliveries are
// entries too, with the channel's reason. Virtualised: a long log scrolls as a short one. The parts
// are under activity/.
import { useMemo, useRef, useState } from 'react';
import { Circle } from 'lucide-react';
import { useI18n } from '../i18n/i18n';
import { filterEntries, type ActivityEntry, type EntryFilter } from '../lib/activity-labels';
import { EmptyState } from './activity/ActivityEntry';
import { ActivityFilters } from './activity/ActivityFilters';
import { ActivityTimeline } from './activity/ActivityTimeline';
import { useActivityEntries } from './activity/useActivityEntries';
import './activity/activity.css';

const noFilter: EntryFilter = { kind: 'all', role: 'all', channel: 'all', text: '', everyStep: false };

/** The entries that arrived after the screen first showed its entries (the live ones). */
function useFreshIds(entries: readonly ActivityEntry[], loading: boolean): ReadonlySet<string> {
  const seen = useRef<Set<string> | null>(null);
  if (!loading && seen.current === null) seen.current = new Set(entries.map((e) => e.id));
  return useMemo(() => {
    const before = seen.current;
    return new Set(before ? entries.filter((e) => !before.has(e.id)).map((e) => e.id) : []);
  }, [entries]);
}

export function Activity() {
  const { t } = useI18n();
  const { entries, loading, quotes } = useActivityEntries();
  const fresh = useFreshIds(entries, loading);
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
            <ActivityTimeline shown={shown} quotes={quotes} fresh={fresh} />
          )}
        </>
      )}
    </div>
  );
}
