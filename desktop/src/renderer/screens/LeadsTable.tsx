// The leads table: virtualised rows (fast at 10,000+), sort by column, text and stage filter, select
// rows and move them to a stage in one go.
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { leadStages, type LeadDoc, type LeadStage } from '@app/shared/schemas';
import { useContactNames } from '../data/contact-names';
import { useWorkspace } from '../data/hooks';
import { useFormat, useI18n } from '../i18n/i18n';
import { moveLead } from '../data/workspace';
import { sortLeads, type SortKey } from '../lib/lead-sort';

export function LeadsTable({ leads }: { leads: LeadDoc[] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'updatedAt', dir: -1 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = leads.filter(
      (l) => (!stage || l.stage === stage) && (!q || l.title.toLowerCase().includes(q)),
    );
    return sortLeads(filtered, sort.key, sort.dir);
  }, [leads, query, stage, sort]);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 40,
    overscan: 20,
  });
  const names = useContactNames(
    ws,
    virtual.getVirtualItems().map((v) => rows[v.index]?.contactId ?? ''),
  );
  const header = (key: SortKey, label: string) => (
    <button
      className="th"
      onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}
    >
      {label} {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : ''}
    </button>
  );
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const bulkMove = async (to: LeadStage) => {
    for (const id of selected) await moveLead(ws, id, to);
    setSelected(new Set());
  };

  return (
    <div className="table-wrap">
      <div className="filters">
        <input
          placeholder={t('leads.filter')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="leads-filter"
        />
        <select value={stage} onChange={(e) => setStage(e.target.value)} aria-label={t('leads.col.stage')}>
          <option value="">
            {t('leads.col.stage')}: {t('common.all')}
          </option>
          {leadStages.map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </select>
        {selected.size > 0 && (
          <span className="bulk">
            {t('common.selected', { n: selected.size })}
            <select
              value=""
              onChange={(e) => e.target.value && void bulkMove(e.target.value as LeadStage)}
              aria-label={t('leads.bulkStage')}
              data-testid="bulk-stage"
            >
              <option value="">{t('leads.bulkStage')}</option>
              {leadStages.map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </select>
          </span>
        )}
      </div>
      <div className="table-head grid-row">
        <input
          type="checkbox"
          aria-label="select all"
          checked={rows.length > 0 && selected.size === rows.length}
          onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
        />
        {header('title', t('leads.col.title'))}
        {header('stage', t('leads.col.stage'))}
        {header('score', t('leads.col.score'))}
        {header('value', t('leads.col.value'))}
        {header('updatedAt', t('leads.col.updated'))}
      </div>
      <div ref={parent} className="scroll table-body" data-testid="leads-table">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const l = rows[v.index]!;
            return (
              <div
                key={l.id}
                className="grid-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: v.size,
                  transform: `translateY(${v.start}px)`,
                }}
                data-testid="lead-row"
              >
                <input
                  type="checkbox"
                  checked={selected.has(l.id)}
                  onChange={() => toggle(l.id)}
                  aria-label={l.title}
                />
                <span className="ellipsis">
                  <a href={`#/leads/${encodeURIComponent(l.id)}`}>{l.title}</a>
                  <span className="muted small"> · {names.get(l.contactId) ?? ''}</span>
                </span>
                <span>{t(`stage.${l.stage}`)}</span>
                <span>{l.score ? Math.round(l.score.value) : '—'}</span>
                <span>{l.value ? fmt.money(l.value.amount, l.value.currency) : '—'}</span>
                <span className="muted small">{fmt.date(l.updatedAt)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
