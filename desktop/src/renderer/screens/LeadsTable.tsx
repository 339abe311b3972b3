// The leads table: virtualised rows (fast at 50,000), sort by column, filters by text (title or
// company), stage and owner with how many deals they show, select rows and move them to a stage of the pipeline in one go (a lost
// stage asks for the reason). Only rows the filters show stay selected: a move never touches a deal
// the rep cannot see. It runs on the deal rows of the lead index (data/list-indexes.ts): every column
// it shows, sorts or filters by is on the row, so opening it reads no deal, and the rows it renders
// are the ones on screen.
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
import { findStage } from '@app/shared/crm';
import type { PipelineDoc } from '@app/shared/schemas';
import { useContactNames } from '../data/contact-names';
import { useWorkspace } from '../data/hooks';
import { useMembers } from '../data/members';
import type { LeadRow } from '../data/list-indexes';
import type { LocalIndex } from '../data/local-index';
import { useFormat, useI18n } from '../i18n/i18n';
import { moveLead } from '../data/workspace';
import { stageLabel } from '../data/pipelines';
import { LostReasonDialog } from './LostReasonDialog';
import { personName } from '../lib/board-cards';
import { sortLeads, type SortKey } from '../lib/lead-sort';
import { slotStyle, useRowsVirtualizer, VirtualSpace } from '../lib/virtual-rows';

type Sort = { key: SortKey; dir: 1 | -1 };

/** The owner filter's value for deals nobody owns ('' is every owner, else a member's id). */
const NO_OWNER = '-';

/** What the table's filters ask: text (in the title or the company), a stage and an owner ('' is any). */
type TableFilter = { query: string; stage: string; owner: string };

/** Whether a deal row passes the filters (`q` is the query trimmed and in lower case). */
function passes(l: LeadRow, f: TableFilter, q: string): boolean {
  if (f.stage && l.stage !== f.stage) return false;
  if (f.owner && (f.owner === NO_OWNER ? !!l.ownerId : l.ownerId !== f.owner)) return false;
  return !q || l.title.toLocaleLowerCase().includes(q) || !!l.company?.toLocaleLowerCase().includes(q);
}

/** The pipeline's leads that pass the filters, in the table's sort order. */
function useLeadRows(index: LocalIndex<LeadRow>, pipeline: PipelineDoc, filter: TableFilter, sort: Sort) {
  const stageIds = useMemo(() => pipeline.stages.map((s) => s.id), [pipeline]);
  const version = index.version;
  return useMemo(() => {
    const q = filter.query.trim().toLocaleLowerCase();
    const filtered: LeadRow[] = [];
    for (const l of index.rows.values())
      if (l.pipelineId === pipeline.id && passes(l, filter, q)) filtered.push(l);
    return sortLeads(filtered, sort.key, sort.dir, stageIds);
    // `version` stands for the rows: the index changes them in place.
  }, [index, version, pipeline.id, filter, sort, stageIds]);
}

/** The owner filter: every owner, me, each other member by name, or deals nobody owns. */
function OwnerSelect({ value, onChange }: { value: string; onChange: (owner: string) => void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const me = ws.session.userId;
  const members = useMembers();
  const label = t('leads.col.owner');
  return (
    <select
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      data-testid="leads-owner"
    >
      <option value="">{`${label}: ${t('common.all')}`}</option>
      {me && <option value={me}>{t('common.me')}</option>}
      {members
        .filter((m) => m.id !== me)
        .map((m) => (
          <option key={m.id} value={m.id}>
            {personName(m)}
          </option>
        ))}
      <option value={NO_OWNER}>{t('board.noOwner')}</option>
    </select>
  );
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

/**
 * The selected leads and moving them to a stage in one go (a lost stage first asks for the reason).
 * A row the filters no longer show leaves the selection, so a move touches only what the rep sees.
 */
function useBulkMove(pipeline: PipelineDoc, rows: readonly LeadRow[]) {
  const ws = useWorkspace();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [losing, setLosing] = useState<string | null>(null);
  useEffect(() => {
    const shown = new Set(rows.map((r) => r.id));
    setSelected((now) =>
      [...now].every((id) => shown.has(id)) ? now : new Set([...now].filter((id) => shown.has(id))),
    );
  }, [rows]);
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
  const [filter, setFilter] = useState<TableFilter>({ query: '', stage: '', owner: '' });
  const set = (k: keyof TableFilter) => (v: string) => setFilter((f) => ({ ...f, [k]: v }));
  const [sort, setSort] = useState<Sort>({ key: 'updatedAt', dir: -1 });
  const rows = useLeadRows(index, pipeline, filter, sort);
  const { selected, setSelected, toggle, bulkMove, losing, setLosing } = useBulkMove(pipeline, rows);
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
          type="search"
          placeholder={t('leads.filter')}
          aria-label={t('leads.filter')}
          value={filter.query}
          onChange={(e) => set('query')(e.target.value)}
          data-testid="leads-filter"
        />
        <StageSelect
          pipeline={pipeline}
          value={filter.stage}
          onChange={set('stage')}
          label={t('leads.col.stage')}
          none={`${t('leads.col.stage')}: ${t('common.all')}`}
          testId="leads-stage"
        />
        <OwnerSelect value={filter.owner} onChange={set('owner')} />
        <span className="muted small" data-testid="leads-shown">
          {t('leads.count', { n: rows.length })}
        </span>
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
