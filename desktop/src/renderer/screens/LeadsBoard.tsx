// The pipeline board: a column per stage of the chosen pipeline with drag and drop between them, the
// count, money total and weighted forecast of each column (one figure in the pipeline's main currency,
// the other currencies named apart and listed in a tooltip: they are never added), a quick add per
// column, and the pipeline's open total, forecast and won sum above with the score's legend. A card
// shows the contact, owner, next open task, score, amount and age in its stage (from an hour on); the
// whole card opens the deal (click, Enter or Space) and drags to another column; the first empty column
// says how to fill it, the other empty ones are quiet drop zones.
// A move to a lost stage asks the reason.
// Columns run on the deal rows of the lead index (data/list-indexes.ts), not on the deals: a cold
// start reads the stored rows, each column renders its first page of cards (virtualised) and loads the
// next as it is scrolled, and a deal moved here, by another rep or by an agent moves with the rows.
// The filter asks the search worker (Orama) and narrows the columns to its hits.
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { boardTotals, findStage, type Money } from '@app/shared/crm';
import type { PipelineDoc } from '@app/shared/schemas';
import { useContactNames } from '../data/contact-names';
import { useWorkspace } from '../data/hooks';
import { useMembers } from '../data/members';
import { useNextTasks, type NextTask } from '../data/next-tasks';
import type { LeadRow } from '../data/list-indexes';
import type { LocalIndex } from '../data/local-index';
import { stageLabel } from '../data/pipelines';
import { moveLead } from '../data/workspace';
import { useFormat, useI18n } from '../i18n/i18n';
import {
  applyChanges,
  buildColumns,
  OTHER_STAGE,
  shownCards,
  wantsMore,
  type Columns,
} from '../lib/board-columns';
import { avatarColor, initialsOf } from '../lib/avatar';
import { ageOf, personName, scoreBand } from '../lib/board-cards';
import { useNow, useTimeZone } from '../lib/clock';
import type { Formatter, Locale } from '../lib/format';
import { navigate } from '../lib/router';
import { relativeDue } from '../lib/task-views';
import { useSearch } from '../search/search-context';
import { Tooltip } from '../components/ui/Tooltip';
import { SearchBox } from '../components/ui/SearchBox';
import { BoardMoney, QuickAdd } from './BoardParts';
import { LostReasonDialog } from './LostReasonDialog';
import './deals.css';

/** Hits asked of the search worker for the board filter (a filter wider than this shows the best). */
const filterHits = 2000;

/** Sums per currency, largest first: `$12,000 + €3,000`. */
export const moneyText = (fmt: Formatter, money: Money, none: string) => {
  const parts = Object.entries(money)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([currency, v]) => fmt.money(v, currency));
  return parts.length ? parts.join(' + ') : none;
};

/** What the columns depend on of a pipeline: its id and its stages in order (not the doc's identity). */
const shapeOf = (p: PipelineDoc) => [p.id, ...p.stages.map((s) => s.id)].join('\u0000');

/**
 * The pipeline's columns, rebuilt when the pipeline's stages change and patched by each batch of row
 * changes. Built once the rows are caught up (columns of the rows read so far would be built again at
 * once), and once per pipeline shape and rows version: the pipelines' live query hands out new docs
 * as it settles, and a render before the state catches up reuses the same build.
 */
function useColumns(index: LocalIndex<LeadRow>, pipeline: PipelineDoc, settled: boolean): Columns<LeadRow> {
  type State = { shape: string; version: number; ready: boolean; columns: Columns<LeadRow> };
  const shape = shapeOf(pipeline);
  const last = useRef<State | undefined>(undefined);
  const build = (): State => {
    const ready = index.isReady && settled;
    const l = last.current;
    if (l && l.shape === shape && l.version === index.version && l.ready === ready) return l;
    return (last.current = {
      shape,
      version: index.version,
      ready,
      columns: buildColumns(ready ? index.rows.values() : [], pipeline),
    });
  };
  const [state, setState] = useState(build);
  useEffect(() => {
    // Rows that changed between the first render and this subscription are not missed.
    setState((s) =>
      s.shape === shape && s.version === index.version && s.ready === index.isReady ? s : build(),
    );
    return index.subscribe((changes) =>
      setState((s) =>
        !changes.length || s.shape !== shape || !s.ready
          ? build()
          : (last.current = {
              shape,
              version: index.version,
              ready: true,
              columns: applyChanges(s.columns, changes, pipeline, () => index.rows.values()),
            }),
      ),
    );
    // The pipeline is read through its shape: a new doc of the same stages changes nothing here.
  }, [index, shape, settled]);
  return state.shape === shape ? state.columns : build().columns;
}

/** Lead ids the search worker finds for `query` (null: no filter). */
function useLeadHits(query: string): Set<string> | null {
  const search = useSearch();
  const [hits, setHits] = useState<{ query: string; ids: Set<string> } | null>(null);
  const q = query.trim();
  useEffect(() => {
    if (!q) return;
    let live = true;
    const timer = setTimeout(() => {
      void search.search(q, filterHits).then((r) => {
        if (live)
          setHits({ query: q, ids: new Set(r.hits.filter((h) => h.type === 'lead').map((h) => h.id)) });
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, q]);
  if (!q) return null;
  return hits?.query === q ? hits.ids : (hits?.ids ?? new Set());
}

export function LeadsBoard({
  index,
  pipeline,
  pipelineSettled = true,
}: {
  index: LocalIndex<LeadRow>;
  pipeline: PipelineDoc;
  /** False while the pipelines are read: the columns wait for them (built once, not twice). */
  pipelineSettled?: boolean;
}) {
  const ws = useWorkspace();
  const { t } = useI18n();
  const [losing, setLosing] = useState<{ id: string; title: string; reason: string; stage: string } | null>(
    null,
  );
  const [query, setQuery] = useState('');
  const all = useColumns(index, pipeline, pipelineSettled);
  const hits = useLeadHits(query);
  const byStage = useMemo(
    () =>
      hits ? new Map([...all].map(([stage, list]) => [stage, list.filter((r) => hits.has(r.id))])) : all,
    [all, hits],
  );
  const totals = useMemo(() => boardTotals([...byStage.values()].flat(), pipeline), [byStage, pipeline]);
  const members = useMembers();
  const owners = useMemo(() => new Map(members.map((m) => [m.id, personName(m)])), [members]);
  const main = pipeline.currencies[0] ?? 'USD';
  const columns = [
    ...pipeline.stages.map((s) => ({ id: s.id, label: stageLabel(t, s), drop: true })),
    ...(byStage.get(OTHER_STAGE)?.length
      ? [{ id: OTHER_STAGE, label: t('pipeline.unknownStage'), drop: false }]
      : []),
  ];

  // The first empty column says how to fill it; the others are quiet drop zones (one hint, not seven).
  const hintAt = columns.find((c) => c.drop && !byStage.get(c.id)?.length)?.id;

  const drop = (id: string, stage: string) => {
    const row = index.rows.get(id);
    if (!row || row.stage === stage) return;
    if (findStage(pipeline, stage)?.kind !== 'lost') {
      void moveLead(ws, id, stage);
      return;
    }
    // The reason the deal was lost before (if any) is on the deal, not on its row.
    void ws.db.leads
      .findOne(id)
      .exec()
      .then((doc) => setLosing({ id, title: row.title, reason: doc?.lostReason ?? '', stage }));
  };

  return (
    <>
      <BoardSummary query={query} setQuery={setQuery} totals={totals} main={main} />
      <div
        className="board"
        data-testid="board"
        style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(220px, 1fr))` }}
      >
        {columns.map((col) => {
          const sums = totals.stages.find((s) => s.stageId === col.id);
          return (
            <BoardColumn
              key={col.id}
              id={col.id}
              label={col.label}
              droppable={col.drop}
              hint={col.id === hintAt}
              list={byStage.get(col.id) ?? []}
              onDrop={drop}
              owners={owners}
              quickAdd={
                col.drop ? <QuickAdd pipeline={pipeline} stage={col.id} stageName={col.label} /> : null
              }
              sums={
                sums && (
                  <div className="column-sums small">
                    <strong data-testid={`column-total-${col.id}`}>
                      <BoardMoney money={sums.amount} weighted={sums.weighted} main={main} />
                    </strong>
                    <span className="muted" data-testid={`column-weighted-${col.id}`}>
                      {t('pipeline.columnWeighted', { amount: '' })}
                      <BoardMoney money={sums.weighted} main={main} plain />
                    </span>
                  </div>
                )
              }
            />
          );
        })}
      </div>
      {losing && (
        <LostReasonDialog
          title={losing.title}
          initial={losing.reason}
          onCancel={() => setLosing(null)}
          onConfirm={(reason) => {
            void moveLead(ws, losing.id, losing.stage, reason);
            setLosing(null);
          }}
        />
      )}
    </>
  );
}

/** Above the columns: the filter, the open total, the weighted forecast, the won sum, the score's legend. */
function BoardSummary(p: {
  query: string;
  setQuery(q: string): void;
  totals: ReturnType<typeof boardTotals>;
  main: string;
}) {
  const { t } = useI18n();
  const { totals, main } = p;
  return (
    <div className="board-summary" data-testid="board-summary">
      <SearchBox label={t('leads.filter')} value={p.query} onSearch={p.setQuery} testId="board-filter" />
      <span data-testid="open-total">
        {t('pipeline.openTotal', { amount: '' })}
        <BoardMoney money={totals.open.amount} weighted={totals.open.weighted} main={main} />
      </span>
      <span data-testid="forecast" title={t('pipeline.forecastHint')}>
        {t('pipeline.forecast', { amount: '' })}
        <BoardMoney money={totals.open.weighted} main={main} />
      </span>
      <span data-testid="won-total">
        {t('pipeline.wonTotal', { amount: '' })}
        <BoardMoney money={totals.won.amount} main={main} />
      </span>
      <Tooltip content={t('board.scoreLegend')}>
        <button type="button" className="link score-legend" data-testid="score-legend">
          <span className="pill score-pill hot" aria-hidden="true">
            70+
          </span>
          {t('board.scoreLegendButton')}
        </button>
      </Tooltip>
    </div>
  );
}

/** A column: its header (count, sums, quick add) and its cards, a page at a time, virtualised. */
function BoardColumn(props: {
  id: string;
  label: string;
  droppable: boolean;
  /** Whether this column, empty, says how to fill the board (only the first empty one does). */
  hint: boolean;
  list: readonly LeadRow[];
  sums: React.ReactNode;
  quickAdd: React.ReactNode;
  owners: ReadonlyMap<string, string>;
  onDrop(leadId: string, stage: string): void;
}) {
  const { id, list } = props;
  const ws = useWorkspace();
  const fmt = useFormat();
  const { locale } = useI18n();
  const now = useNow(60_000);
  const [over, setOver] = useState(false);
  const [pages, setPages] = useState(1);
  const shown = shownCards(list.length, pages);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: shown,
    getScrollElement: () => parent.current,
    estimateSize: () => 132,
    overscan: 8,
    getItemKey: (i) => list[i]?.id ?? i,
  });
  const items = virtual.getVirtualItems();
  const names = useContactNames(
    ws,
    items.map((v) => list[v.index]?.contactId ?? ''),
  );
  const tasks = useNextTasks(
    ws,
    items.map((v) => list[v.index]?.id ?? ''),
  );
  const more = () => {
    const el = parent.current;
    if (
      el &&
      wantsMore({ top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight }, shown, list.length)
    )
      setPages((p) => p + 1);
  };
  // A column shorter than its box never scrolls: load on until it fills the box (a few pages at most,
  // should the box not bound the column's height).
  useEffect(() => {
    if (pages < 4) more();
  });

  return (
    <section
      className={`column ${over ? 'drop' : ''}`}
      data-testid={`column-${id}`}
      aria-labelledby={`column-title-${id}`}
      onDragOver={(e) => {
        if (!props.droppable) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const leadId = e.dataTransfer.getData('text/lead-id');
        if (leadId && props.droppable) props.onDrop(leadId, id);
      }}
    >
      <h3 id={`column-title-${id}`}>
        {props.label}{' '}
        <span className="muted" data-testid={`column-count-${id}`}>
          {list.length}
        </span>
      </h3>
      {props.sums}
      {props.quickAdd}
      <div className="cards" ref={parent} onScroll={more} data-testid={`cards-${id}`}>
        {list.length === 0 && props.droppable && <EmptyColumn id={id} hint={props.hint} />}
        <div style={{ height: virtual.getTotalSize(), position: 'relative', flexShrink: 0 }}>
          {items.map((v) => {
            const l = list[v.index]!;
            return (
              <div
                key={l.id}
                data-index={v.index}
                ref={virtual.measureElement}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${v.start}px)`,
                  paddingBottom: 6,
                }}
              >
                <Card
                  row={l}
                  name={(l.contactId && names.get(l.contactId)) || (l.company ?? '')}
                  owner={l.ownerId ? (props.owners.get(l.ownerId) ?? '') : ''}
                  task={tasks.get(l.id)}
                  now={now}
                  fmt={fmt}
                  locale={locale}
                />
              </div>
            );
          })}
        </div>
        {shown < list.length && (
          <div className="muted small" data-testid={`column-more-${id}`}>
            +{list.length - shown}
          </div>
        )}
      </div>
    </section>
  );
}

/** An empty column: the board's one hint of how to fill it, or a quiet drop zone. */
function EmptyColumn({ id, hint }: { id: string; hint: boolean }) {
  const { t } = useI18n();
  if (!hint) return <div className="column-drop" aria-hidden="true" data-testid={`column-drop-${id}`} />;
  return (
    <p className="empty-inline column-empty" data-testid={`column-empty-${id}`}>
      {t('board.emptyColumn')}
    </p>
  );
}

const unitFormats = new Map<string, Intl.NumberFormat>();
/** `3 days` / `3 дн.`: Intl's unit style, one formatter per language and unit. */
function unitText(locale: Locale, value: number, unit: 'day' | 'hour' | 'minute') {
  const key = `${locale}|${unit}`;
  let f = unitFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
      style: 'unit',
      unit,
      unitDisplay: 'short',
    });
    unitFormats.set(key, f);
  }
  return f.format(value);
}
const relativeFormats: Partial<Record<Locale, Intl.RelativeTimeFormat>> = {};
const relativeOf = (locale: Locale) =>
  (relativeFormats[locale] ??= new Intl.RelativeTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
    numeric: 'auto',
  }));

/**
 * One card; memoised, so a scroll or a name arriving re-renders only the cards it changes. The card
 * itself is the control that opens the deal (a button named by the deal's title, its details as its
 * description), so it holds nothing else focusable, and it is what is dragged.
 */
const Card = memo(function Card(p: {
  row: LeadRow;
  name: string;
  owner: string;
  /** undefined: not read yet; null: none. */
  task: NextTask | null | undefined;
  now: number;
  fmt: Formatter;
  locale: Locale;
}) {
  const { row: l, fmt, now } = p;
  const { t } = useI18n();
  const zone = useTimeZone();
  const uid = useId();
  // The deal's own page (its link works pasted; the quick-edit dialog stays at `#/leads/<id>`).
  const open = () => navigate('deals', l.id);
  // Under an hour in its stage a card says nothing of it: "0 min in stage" tells a rep nothing.
  const stageAge = ageOf(l.stageChangedAt ?? l.createdAt, now);
  const age = stageAge?.unit === 'minute' ? null : stageAge;
  const due = p.task?.dueAt;
  const overdue = !!due && Date.parse(due) < now;
  return (
    <div
      className="card"
      role="button"
      tabIndex={0}
      draggable
      aria-labelledby={`${uid}-t`}
      aria-describedby={`${uid}-d`}
      data-testid="lead-card"
      data-lead-id={l.id}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/lead-id', l.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={open}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      }}
    >
      <strong className="card-title" id={`${uid}-t`}>
        {l.title}
      </strong>
      <div id={`${uid}-d`} className="card-body">
        {(l.value || l.score) && (
          <div className="card-foot">
            {l.value ? (
              <strong className="small card-amount">{fmt.money(l.value.amount, l.value.currency)}</strong>
            ) : (
              <span />
            )}
            {l.score && (
              <span className={`pill score-pill ${scoreBand(l.score.value)}`} data-testid="card-score">
                {t('board.score', { n: Math.round(l.score.value) })}
              </span>
            )}
          </div>
        )}
        {p.name && <div className="muted small card-line">{p.name}</div>}
        {p.task !== undefined && (
          <div className={`small card-line card-task ${overdue ? 'overdue' : ''}`} data-testid="card-task">
            {p.task ? (
              <>
                <span className="visually-hidden">{t('board.nextTask')} </span>
                {due && (
                  <>
                    <span className="card-due">{relativeDue(due, now, zone, relativeOf(p.locale))}</span>
                    {' · '}
                  </>
                )}
                {p.task.title}
              </>
            ) : (
              <span className="muted">{t('board.noTask')}</span>
            )}
          </div>
        )}
        <div className="card-foot">
          <span className="card-owner small" data-testid="card-owner">
            {p.owner ? (
              <>
                <span className={`avatar mini c${avatarColor(l.ownerId ?? '')}`} aria-hidden="true">
                  {initialsOf(p.owner)}
                </span>
                <span data-testid="card-owner-name" className="card-line">
                  <span className="visually-hidden">{t('board.owner', { name: '' })}</span>
                  {p.owner}
                </span>
              </>
            ) : (
              <span className="muted">{t('board.noOwner')}</span>
            )}
          </span>
          {age && (
            <span className="muted small card-age" data-testid="card-age">
              {t('board.ageInStage', { age: unitText(p.locale, age.value, age.unit) })}
            </span>
          )}
        </div>
      </div>
    </div>
  );
});
