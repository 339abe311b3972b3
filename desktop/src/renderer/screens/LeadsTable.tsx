// The leads table: virtualised rows (fast at 50,000), sort by column, text and stage filter, select
// rows and move them to a stage of the pipeline in one go (a lost stage asks for the reason). It runs
// on the deal rows of the lead index (data/list-indexes.ts): every column it shows, sorts or filters
// by is on the row, so opening it reads no deal, and the rows it renders are the ones on screen.
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
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
import { slotStyle, useRowsVirtualizer, VirtualSpace } from '../lib/virtual-rows';

type Sort = { key: SortKey; dir: 1 | -1 };

/** The pipeline's leads that match the text and the stage, in the table's sort order. */
function useLeadRows(
  index: LocalIndex<LeadRow>,
  pipeline: PipelineDoc,
  query: string,
  stage: string,
  sort: Sort,
) {
  const stageIds = useMemo(() => pipeline.stages.map((s) => s.id), [pipeline]);
  const version = index.version;
  return useMemo(() => {
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
}

/** A select over the pipeline's stages; the first, empty option is `none`. */
function StageSelect({
  pipeline,
  value,
  none,
  label,
  onChange,
  testId,
}: {
  pipeline: PipelineDoc;
  value: string;
  none: string;
  label: string;
  onChange: (stage: string) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} data-testid={testId}>
      <option value="">{none}</option>
      {pipeline.stages.map((s) => (
        <option key={s.id} value={s.id}>
          {stageLabel(t, s)}
        </option>
      ))}
    </select>
  );
}

/** A column's heading that sorts by it; a second click turns the order round. */
function SortHeader({
  col,
  label,
  sort,
  onSort,
}: {
  col: SortKey;
  label: string;
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  return (
    <button
      className="th"
      onClick={() => onSort({ key: col, dir: sort.key === col ? (-sort.dir as 1 | -1) : 1 })}
    >
      {label}{' '}
      {sort.key === col &&
        (sort.dir === 1 ? (
          <ChevronUp size={12} aria-hidden="true" />
        ) : (
          <ChevronDown size={12} aria-hidden="true" />
        ))}
    </button>
  );
}

/** One lead's row: its box, title and contact, stage, score, amount and last change. */
function LeadRowView({
  lead: l,
  v,
  checked,
  onToggle,
  contactName,
  stageName,
}: {
  lead: LeadRow;
  v: VirtualItem;
  checked: boolean;
  onToggle: () => void;
  contactName: string;
  stageName: string;
}) {
  const fmt = useFormat();
  return (
    <div className="grid-row" style={{ ...slotStyle(v), left: 0, right: 0 }} data-testid="lead-row">
      <input type="checkbox" checked={checked} onChange={onToggle} aria-label={l.title} />
      <span className="ellipsis">
        <a href={`#/deals/${encodeURIComponent(l.id)}`}>{l.title}</a>
        <span className="muted small"> · {contactName}</span>
      </span>
      <span>{stageName}</span>
      <span>{l.score ? Math.round(l.score.value) : '—'}</span>
      <span>{l.value ? fmt.money(l.value.amount, l.value.currency) : '—'}</span>
      <span className="muted small">{fmt.date(l.updatedAt)}</span>
    </div>
  );
}

/** The selected leads and moving them to a stage in one go (a lost stage first asks for the reason). */
function useBulkMove(pipeline: PipelineDoc) {
  const ws = useWorkspace();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [losing, setLosing] = useState<string | null>(null);
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
  return { selected, setSelected, toggle, bulkMove, losing, setLosing };
}

export function LeadsTable({ index, pipeline }: { index: LocalIndex<LeadRow>; pipeline: PipelineDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'updatedAt', dir: -1 });
  const { selected, setSelected, toggle, bulkMove, losing, setLosing } = useBulkMove(pipeline);
  const rows = useLeadRows(index, pipeline, query, stage, sort);
  const { parent, virtual } = useRowsVirtualizer(rows.length, '--row-h', 40, 20);
  const names = useContactNames(
    ws,
    virtual.getVirtualItems().map((v) => rows[v.index]?.contactId ?? ''),
  );
  const header = (key: SortKey, label: string) => (
    <SortHeader col={key} label={label} sort={sort} onSort={setSort} />
  );
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
        <StageSelect
          pipeline={pipeline}
          value={stage}
          onChange={setStage}
          label={t('leads.col.stage')}
          none={`${t('leads.col.stage')}: ${t('common.all')}`}
        />
        {selected.size > 0 && (
          <span className="bulk">
            {t('common.selected', { n: selected.size })}
            <StageSelect
              pipeline={pipeline}
              value=""
              onChange={(to) => to && void bulkMove(to)}
              label={t('leads.bulkStage')}
              none={t('leads.bulkStage')}
              testId="bulk-stage"
            />
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
        <VirtualSpace
          virtual={virtual}
          rows={rows}
          row={(l, v) => (
            <LeadRowView
              key={l.id}
              lead={l}
              v={v}
              checked={selected.has(l.id)}
              onToggle={() => toggle(l.id)}
              contactName={(l.contactId && names.get(l.contactId)) || ''}
              stageName={label(l.stage)}
            />
          )}
        />
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
