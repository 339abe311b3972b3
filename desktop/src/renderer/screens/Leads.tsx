// Deals: the chosen pipeline's board (drag and drop between its stages, column money and a weighted
// forecast) and a virtualised table with sort, filter and bulk edit; a pipeline switcher (the board
// opens on the team's pipeline, a pack's once applied); the header counts the deals of the pipeline
// shown; CSV import (with a per-row error report) and export.
import { useMemo, useState } from 'react';
import { useLeadIndex, type LeadRow } from '../data/list-indexes';
import type { LocalIndex } from '../data/local-index';
import { useChosenPipeline, usePipelineList, pipelineLabel } from '../data/pipelines';
import { useI18n } from '../i18n/i18n';
import { LeadEditor } from './LeadEditor';
import { LeadsBoard } from './LeadsBoard';
import { LeadsImport } from './LeadsImport';
import { LeadsTable } from './LeadsTable';

export function Leads({ id }: { id?: string | undefined }) {
  const { t } = useI18n();
  // Deal rows (data/list-indexes.ts), not deals: the count, the board and the table open from them.
  const { index, ready, version } = useLeadIndex();
  const { pipelines, loading: pipelinesLoading } = usePipelineList();
  const [pipeline, choosePipeline] = useChosenPipeline(pipelines);
  const count = usePipelineCount(index, pipeline.id, version, ready);
  const [view, setView] = useState<'board' | 'table'>(
    () => (localStorage.getItem('sw.leadsView') as 'board' | 'table') ?? 'board',
  );
  const choose = (v: 'board' | 'table') => {
    localStorage.setItem('sw.leadsView', v);
    setView(v);
  };
  return (
    <div className="page">
      <header className="page-head">
        <h1>
          {t('leads.title')}{' '}
          <span className="muted small" data-testid="leads-count">
            {ready ? t('leads.count', { n: count }) : t('common.loading')}
          </span>
        </h1>
        <div className="actions">
          <select
            value={pipeline.id}
            onChange={(e) => choosePipeline(e.target.value)}
            aria-label={t('pipeline.label')}
            data-testid="pipeline-switch"
          >
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {pipelineLabel(t, p)}
              </option>
            ))}
          </select>
          <div className="segmented">
            <button
              className={view === 'board' ? 'on' : ''}
              onClick={() => choose('board')}
              data-testid="view-board"
            >
              {t('leads.board')}
            </button>
            <button
              className={view === 'table' ? 'on' : ''}
              onClick={() => choose('table')}
              data-testid="view-table"
            >
              {t('leads.table')}
            </button>
          </div>
          <a className="button" href="#/leads/new" data-testid="new-lead">
            {t('leads.new')}
          </a>
          <LeadsImport pipeline={pipeline} />
        </div>
      </header>
      {view === 'board' ? (
        <LeadsBoard index={index} pipeline={pipeline} pipelineSettled={!pipelinesLoading} />
      ) : (
        <LeadsTable index={index} pipeline={pipeline} />
      )}
      {id && <LeadEditor key={id} id={id} pipelines={pipelines} defaultPipeline={pipeline} />}
    </div>
  );
}

/** How many deals run in `pipelineId` (what the board shows), counted again when the rows change. */
function usePipelineCount(
  index: LocalIndex<LeadRow>,
  pipelineId: string,
  version: number,
  ready: boolean,
): number {
  return useMemo(() => {
    let n = 0;
    for (const row of index.rows.values()) if (row.pipelineId === pipelineId) n++;
    return n;
    // `version` and `ready` stand for the rows: the index is one object whose rows change in place.
  }, [index, pipelineId, version, ready]);
}
