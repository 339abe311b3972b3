// The leads table: virtualised rows (fast at 50,000), sort by column, text and stage filter, select
// rows and move them to a stage of the pipeline in one go (a lost stage asks for the reason). It runs
// on the deal rows of the lead index (data/list-indexes.ts): every column it shows, sorts or filters
// by is on the row, so opening it reads no deal, and the rows it renders are the ones on screen.
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { findStage } from '@app/shared/crm';
import type { PipelineDoc } from '@app/shared/schemas';
import { useContactNames } from '../data/contact-names';
import { useWorkspace } from '../data/hooks';
import type { LeadRow } from '../data/list-indexes';
import type { LocalIndex } from '../data/local-index';
import { useFormat, useI18n } from '../i18n/i18n';
import { moveLead } from '../data/workspace';
import { stageLabel } from '../data/pipelines';
import { LostReasonDialog } from './LostReasonDialog';
import { sortLeads, type SortKey } from '../lib/lead-sort';
import { useRowHeight } from '../lib/appearance';

export function LeadsTable({ index, pipeline }: { index: LocalIndex<LeadRow>; pipeline: PipelineDoc }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'updatedAt', dir: -1 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [losing, setLosing] = useState<string | null>(null);
  const stageIds = useMemo(() => pipeline.stages.map((s) => s.id), [pipeline]);
  const version = index.version;
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered: LeadRow[] = [];
    for (const l of index.rows.values())
      if (
        l.pipelineId === pipeline.id &&
        (!stage || l.stage === stage) &&
        (!q || l.title.toLowerCase().includes(q))
      )
        filtered.push(l);
    return sortLeads(filtered, sort.key, sort.dir, stageIds);
    // `version` stands for the rows: the index changes them in place.
  }, [index, version, pipeline.id, query, stage, sort, stageIds]);
  const parent = useRef<HTMLDivElement>(null);
  const rowSize = useRowHeight('--row-h', 40);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowSize,
    overscan: 20,
  });
  useEffect(() => virtual.measure(), [virtual, rowSize]);
  const names = useContactNames(
    ws,
    virtual.getVirtualItems().map((v) => rows[v.index]?.contactId ?? ''),
  );
  const header = (key: SortKey, label: string) => (
    <button
      className="th"
      onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}
    >
      {label}{' '}
      {sort.key === key &&
        (sort.dir === 1 ? (
          <ChevronUp size={12} aria-hidden="true" />
        ) : (
          <ChevronDown size={12} aria-hidden="true" />
        ))}
    </button>
  );
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const bulkMove = async (to: string, lostReason?: string) => {
    if (findStage(pipeline, to)?.kind === 'lost' && !lostReason) {
      setLosing(to);
      return;
    }
    for (const id of selected) await moveLead(ws, id, to, lostReason);
    setSelected(new Set());
  };
  const label = (id: string) => stageLabel(t, findStage(pipeline, id) ?? { id });

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
          {pipeline.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {stageLabel(t, s)}
            </option>
          ))}
        </select>
        {selected.size > 0 && (
          <span className="bulk">
            {t('common.selected', { n: selected.size })}
            <select
              value=""
              onChange={(e) => e.target.value && void bulkMove(e.target.value)}
              aria-label={t('leads.bulkStage')}
              data-testid="bulk-stage"
            >
              <option value="">{t('leads.bulkStage')}</option>
              {pipeline.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {stageLabel(t, s)}
                </option>
              ))}
            </select>
          </span>
        )}
      </div>
      <div className="table-head grid-row">
        <input
          type="checkbox"
          aria-label={t('a11y.selectAll')}
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
                  <a href={`#/deals/${encodeURIComponent(l.id)}`}>{l.title}</a>
                  <span className="muted small"> · {(l.contactId && names.get(l.contactId)) || ''}</span>
                </span>
                <span>{label(l.stage)}</span>
                <span>{l.score ? Math.round(l.score.value) : '—'}</span>
                <span>{l.value ? fmt.money(l.value.amount, l.value.currency) : '—'}</span>
                <span className="muted small">{fmt.date(l.updatedAt)}</span>
              </div>
            );
          })}
        </div>
      </div>
      {losing && (
        <LostReasonDialog
          title={t('common.selected', { n: selected.size })}
          initial=""
          onCancel={() => setLosing(null)}
          onConfirm={(reason) => {
            setLosing(null);
            void bulkMove(losing, reason);
          }}
        />
      )}
    </div>
  );
}
