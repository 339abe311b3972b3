// Leads: a pipeline board with drag and drop between stages, and a virtualised table with sort,
// filter and bulk edit; CSV import (with a per-row error report) and export.
import { useMemo, useState } from 'react';
import { leadStages, type LeadDoc, type LeadStage } from '@app/shared/schemas';
import { useContactNames } from '../data/contact-names';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { moveLead } from '../data/workspace';
import { useFormat, useI18n } from '../i18n/i18n';
import { LeadEditor } from './LeadEditor';
import { LeadsImport } from './LeadsImport';
import { LeadsTable } from './LeadsTable';

/** Cards rendered per column (the rest are counted): the board stays light at 10,000 leads. */
const boardLimit = 50;

function Board({ leads }: { leads: LeadDoc[] }) {
  const ws = useWorkspace();
  const { t } = useI18n();
  const fmt = useFormat();
  const [over, setOver] = useState<LeadStage | null>(null);
  const byStage = useMemo(() => {
    const m = new Map<LeadStage, LeadDoc[]>(leadStages.map((s) => [s, []]));
    for (const l of leads) m.get(l.stage)?.push(l);
    for (const list of m.values()) list.sort((a, b) => (b.score?.value ?? 0) - (a.score?.value ?? 0));
    return m;
  }, [leads]);
  const shown = [...byStage.values()].flatMap((list) => list.slice(0, boardLimit).map((l) => l.contactId));
  const names = useContactNames(ws, shown);
  return (
    <div className="board" data-testid="board">
      {leadStages.map((stage) => {
        const list = byStage.get(stage) ?? [];
        return (
          <div
            key={stage}
            className={`column ${over === stage ? 'drop' : ''}`}
            data-testid={`column-${stage}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(stage);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const id = e.dataTransfer.getData('text/lead-id');
              if (id) void moveLead(ws, id, stage);
            }}
          >
            <h3>
              {t(`stage.${stage}`)} <span className="muted">{list.length}</span>
            </h3>
            <div className="cards">
              {list.slice(0, boardLimit).map((l) => (
                <div
                  key={l.id}
                  className="card"
                  draggable
                  data-testid="lead-card"
                  data-lead-id={l.id}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('text/lead-id', l.id);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                >
                  <a href={`#/leads/${encodeURIComponent(l.id)}`} draggable={false}>
                    <strong>{l.title}</strong>
                  </a>
                  <div className="muted small">{names.get(l.contactId) ?? ''}</div>
                  <div className="card-foot">
                    {l.score && <span className="pill">{Math.round(l.score.value)}</span>}
                    {l.value && (
                      <span className="muted small">{fmt.money(l.value.amount, l.value.currency)}</span>
                    )}
                  </div>
                </div>
              ))}
              {list.length > boardLimit && <div className="muted small">+{list.length - boardLimit}</div>}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function Leads({ id }: { id?: string | undefined }) {
  const { t } = useI18n();
  const { docs: leads } = useLiveQuery('leads', {});
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
          {t('leads.title')} <span className="muted small">{t('leads.count', { n: leads.length })}</span>
        </h1>
        <div className="actions">
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
          <LeadsImport leads={leads} />
        </div>
      </header>
      {view === 'board' ? <Board leads={leads} /> : <LeadsTable leads={leads} />}
      {id && <LeadEditor key={id} id={id} />}
    </div>
  );
}
