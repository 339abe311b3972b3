// What the agents did, live, as a timeline a rep reads: entries grouped by day (the rep's time zone),
// each with an icon for its kind, one sentence in people's words (lib/activity-labels.ts), links to the
// conversation, contact and deal, and an expander with its details as label/value rows. Filters: kind,
// agent, search text, and every step (routine ones folded away by default). Failed deliveries are
// entries too, with the channel's reason. Virtualised: a long log scrolls as a short one.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Circle, Zap } from 'lucide-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { systemTimeZone } from '@app/shared/time';
import type { DocTypes } from '../data/database';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { useFirstPull } from '../data/first-pull';
import { useFormat, useI18n } from '../i18n/i18n';
import { agentRoleLabel } from '../i18n/labels';
import {
  activityEntry,
  deliveryEntry,
  entryIcons,
  entryKinds,
  filterEntries,
  timelineRows,
  type ActivityEntry,
  type EntryFilter,
} from '../lib/activity-labels';

/** Docs of a collection by id, live (a primary-key lookup, not a scan of the collection). */
function useDocsByIds<N extends 'contacts' | 'conversations'>(name: N, ids: readonly string[]) {
  const ws = useWorkspace();
  const [docs, setDocs] = useState<ReadonlyMap<string, DocTypes[N]>>(new Map());
  const key = ids.join('\n');
  useEffect(() => {
    if (!ids.length) {
      setDocs(new Map());
      return;
    }
    const sub = ws.db.collections[name].findByIds([...ids]).$.subscribe((found) => {
      const out = new Map<string, DocTypes[N]>();
      for (const [id, d] of found) out.set(id, d.toJSON() as DocTypes[N]);
      setDocs(out);
    });
    return () => sub.unsubscribe();
  }, [ws, name, key]);
  return docs;
}

const FAILED_SINCE_DAYS = 30;
const noFilter: EntryFilter = { kind: 'all', role: 'all', text: '', everyStep: false };

function Entry({ entry }: { entry: ActivityEntry }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const Icon = entryIcons[entry.kind];
  return (
    <article className={`tl-entry kind-${entry.kind}`} data-testid="activity-row" data-kind={entry.kind}>
      <span className="tl-icon" aria-hidden="true">
        <Icon size={14} />
      </span>
      <div className="tl-body">
        <div className="tl-line">
          <span className="tl-sentence" data-testid="activity-sentence">
            {entry.sentence}
          </span>
          <time className="muted small" dateTime={entry.at}>
            {fmt.time(entry.at)}
          </time>
        </div>
        <div className="tl-meta small">
          <span className="muted">{agentRoleLabel(t, entry.role)}</span>
          {entry.links.map((l) => (
            <a key={l.kind} href={l.href} data-testid={`activity-link-${l.kind}`}>
              {l.label}
            </a>
          ))}
          {entry.details.length > 0 && (
            <button
              type="button"
              className="link"
              aria-expanded={open}
              data-testid="activity-expand"
              onClick={() => setOpen(!open)}
            >
              {open ? t('act.hideDetails') : t('act.details')}
            </button>
          )}
        </div>
        {open && (
          <div className="tl-details" data-testid="activity-details">
            {entry.details.map((s) => (
              <section key={s.title}>
                <h3>{s.title}</h3>
                <dl>
                  {s.rows.map((r, i) => (
                    <div key={`${r.label}-${i}`} className="tl-row">
                      <dt>{r.label}</dt>
                      <dd>{r.value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        )}
      </div>
    </article>
  );
}

/** An agent's reply on the device: the AI has worked here, whatever its steps' records say. */
const agentReply = { selector: { direction: 'outbound', 'author.kind': 'agent' }, limit: 1 } as const;

/**
 * No steps recorded. When the agents did answer customers (conversations imported with their history,
 * or the demo's, which ships without its steps: sync-server/src/seed/demo-seed.ts) the screen says so
 * instead of "nothing has happened" beside an Analytics that counts those answers (issue 64 item 9).
 */
function EmptyState() {
  const { t } = useI18n();
  const { docs: replies } = useLiveQuery('messages', agentReply);
  const earlier = replies.length > 0;
  return (
    <div className="tl-empty" data-testid="activity-empty" data-earlier={earlier}>
      <span className="tl-empty-icon" aria-hidden="true">
        <Zap size={28} />
      </span>
      <h2>{t(earlier ? 'act.empty.earlierTitle' : 'act.empty.title')}</h2>
      <p className="muted">{t(earlier ? 'act.empty.earlier' : 'act.empty.body')}</p>
      <a href="#/agents">{t('act.empty.test')}</a>
    </div>
  );
}

export function Activity() {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const { docs, loading: reading } = useLiveQuery('activity', {});
  // Steps still arriving on the first sync are loading, not "nothing has happened".
  const firstPull = useFirstPull('activity');
  const loading = reading || (firstPull && docs.length === 0);
  const since = useMemo(() => new Date(Date.now() - FAILED_SINCE_DAYS * 86_400_000).toISOString(), []);
  const { docs: failed } = useLiveQuery(
    'messages',
    { selector: { createdAt: { $gt: since }, direction: 'outbound', 'delivery.status': 'failed' } },
    [since],
  );
  const contactIds = useMemo(
    () => [...new Set([...docs, ...failed].map((d) => d.contactId).filter((x): x is string => !!x))].sort(),
    [docs, failed],
  );
  const conversationIds = useMemo(
    () => [...new Set(docs.map((d) => d.conversationId).filter((x): x is string => !!x))].sort(),
    [docs],
  );
  const contacts = useDocsByIds('contacts', contactIds);
  const conversations = useDocsByIds('conversations', conversationIds);
  const entries = useMemo(() => {
    const runs = new Map<string, typeof docs>();
    for (const d of docs) runs.set(d.runId, [...(runs.get(d.runId) ?? []), d]);
    const ctx = {
      t,
      fmt,
      contactName: (id: string | undefined) => (id ? contacts.get(id)?.name || undefined : undefined),
      conversationChannel: (id: string | undefined) => (id ? conversations.get(id)?.channel : undefined),
      run: (id: string) => runs.get(id) ?? [],
    };
    return [...docs.map((d) => activityEntry(d, ctx)), ...failed.map((m) => deliveryEntry(m, ctx))];
  }, [docs, failed, contacts, conversations, t, fmt]);
  const [filter, setFilter] = useState<EntryFilter>(noFilter);
  const roles = useMemo(() => [...new Set(entries.map((e) => e.role))].sort(), [entries]);
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  const rows = useMemo(
    () => timelineRows(shown, { t, locale, timeZone: systemTimeZone(), now: Date.now() }),
    [shown, t, locale],
  );
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (rows[i]?.type === 'day' ? 36 : 64),
    getItemKey: (i) => {
      const r = rows[i]!;
      return r.type === 'day' ? `day:${r.key}` : r.entry.id;
    },
    overscan: 8,
  });
  const set = <K extends keyof EntryFilter>(k: K, v: EntryFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));
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
          <div className="filters tl-filters" role="search">
            <select
              aria-label={t('act.filter.kind')}
              data-testid="activity-filter-kind"
              value={filter.kind}
              onChange={(e) => set('kind', e.target.value as EntryFilter['kind'])}
            >
              <option value="all">{t('act.kind.all')}</option>
              {entryKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`act.kind.${k}`)}
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
              {t('act.count', { n: shown.length })}
            </span>
          </div>
          {shown.length === 0 ? (
            <div className="tl-empty" data-testid="activity-no-match">
              <p className="muted">{t('act.noMatch')}</p>
              <button type="button" onClick={() => setFilter(noFilter)}>
                {t('act.clearFilters')}
              </button>
            </div>
          ) : (
            <div ref={parent} className="scroll timeline" data-testid="activity-list">
              <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
                {virtual.getVirtualItems().map((item) => {
                  const row = rows[item.index]!;
                  return (
                    <div
                      key={item.key}
                      data-index={item.index}
                      ref={virtual.measureElement}
                      className="tl-slot"
                      style={{ transform: `translateY(${item.start}px)` }}
                    >
                      {row.type === 'day' ? (
                        <h2 className="tl-day" data-testid="activity-day">
                          {row.label}
                        </h2>
                      ) : (
                        <Entry entry={row.entry} />
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
