// The pipeline board: a column per stage of the chosen pipeline with drag and drop between them, the
// count, money total and weighted forecast of each column (per currency, never mixed), and the
// pipeline's open total, forecast and won sum above. A move to a lost stage asks for the reason.
import { useMemo, useState } from 'react';
import { boardTotals, findStage, pipelineIdOf, type Money } from '@app/shared/crm';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { useContactNames } from '../data/contact-names';
import { useWorkspace } from '../data/hooks';
import { stageLabel } from '../data/pipelines';
import { moveLead } from '../data/workspace';
import { useFormat, useI18n } from '../i18n/i18n';
import type { Formatter } from '../lib/format';
import { LostReasonDialog } from './LostReasonDialog';

/** Cards rendered per column (the rest are counted): the board stays light at 10,000 leads. */
const boardLimit = 50;
const OTHER = '__other';

/** Sums per currency, largest first: `$12,000 + €3,000`. */
export const moneyText = (fmt: Formatter, money: Money, none: string) => {
  const parts = Object.entries(money)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([currency, v]) => fmt.money(v, currency));
  return parts.length ? parts.join(' + ') : none;
};

export function LeadsBoard({ leads, pipeline }: { leads: LeadDoc[]; pipeline: PipelineDoc }) {
  const ws = useWorkspace();
  const { t } = useI18n();
  const fmt = useFormat();
  const [over, setOver] = useState<string | null>(null);
  const [losing, setLosing] = useState<{ lead: LeadDoc; stage: string } | null>(null);
  const mine = useMemo(() => leads.filter((l) => pipelineIdOf(l) === pipeline.id), [leads, pipeline.id]);
  const totals = useMemo(() => boardTotals(mine, pipeline), [mine, pipeline]);
  const byStage = useMemo(() => {
    const m = new Map<string, LeadDoc[]>(pipeline.stages.map((s) => [s.id, []]));
    m.set(OTHER, []);
    for (const l of mine) (m.get(l.stage) ?? m.get(OTHER)!).push(l);
    for (const list of m.values()) list.sort((a, b) => (b.score?.value ?? 0) - (a.score?.value ?? 0));
    return m;
  }, [mine, pipeline]);
  const shown = [...byStage.values()].flatMap((list) =>
    list.slice(0, boardLimit).flatMap((l) => l.contactId ?? []),
  );
  const names = useContactNames(ws, shown);
  const none = t('pipeline.noAmounts');
  const columns = [
    ...pipeline.stages.map((s) => ({ id: s.id, label: stageLabel(t, s), drop: true })),
    ...(byStage.get(OTHER)!.length ? [{ id: OTHER, label: t('pipeline.unknownStage'), drop: false }] : []),
  ];

  const drop = (id: string, stage: string) => {
    const lead = mine.find((l) => l.id === id) ?? leads.find((l) => l.id === id);
    if (!lead || lead.stage === stage) return;
    if (findStage(pipeline, stage)?.kind === 'lost') setLosing({ lead, stage });
    else void moveLead(ws, id, stage);
  };

  return (
    <>
      <div className="board-summary" data-testid="board-summary">
        <span data-testid="open-total">
          {t('pipeline.openTotal', { amount: moneyText(fmt, totals.open.amount, none) })}
        </span>
        <span data-testid="forecast" title={t('pipeline.forecastHint')}>
          {t('pipeline.forecast', { amount: moneyText(fmt, totals.open.weighted, none) })}
        </span>
        <span data-testid="won-total">
          {t('pipeline.wonTotal', { amount: moneyText(fmt, totals.won.amount, none) })}
        </span>
      </div>
      <div
        className="board"
        data-testid="board"
        style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(160px, 1fr))` }}
      >
        {columns.map((col) => {
          const list = byStage.get(col.id) ?? [];
          const sums = totals.stages.find((s) => s.stageId === col.id);
          return (
            <div
              key={col.id}
              className={`column ${over === col.id ? 'drop' : ''}`}
              data-testid={`column-${col.id}`}
              onDragOver={(e) => {
                if (!col.drop) return;
                e.preventDefault();
                setOver(col.id);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const id = e.dataTransfer.getData('text/lead-id');
                if (id && col.drop) drop(id, col.id);
              }}
            >
              <h3>
                {col.label} <span className="muted">{list.length}</span>
              </h3>
              {sums && (
                <div className="column-sums small" data-testid={`column-total-${col.id}`}>
                  <strong>{moneyText(fmt, sums.amount, none)}</strong>
                  <span className="muted" data-testid={`column-weighted-${col.id}`}>
                    {t('pipeline.columnWeighted', { amount: moneyText(fmt, sums.weighted, none) })}
                  </span>
                </div>
              )}
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
                    <div className="muted small">
                      {(l.contactId && names.get(l.contactId)) || (l.company ?? '')}
                    </div>
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
      {losing && (
        <LostReasonDialog
          title={losing.lead.title}
          initial={losing.lead.lostReason ?? ''}
          onCancel={() => setLosing(null)}
          onConfirm={(reason) => {
            void moveLead(ws, losing.lead.id, losing.stage, reason);
            setLosing(null);
          }}
        />
      )}
    </>
  );
}
