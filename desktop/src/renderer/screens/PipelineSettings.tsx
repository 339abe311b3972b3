// Settings section for the team's pipelines (admins): pick or create a pipeline, rename it, set its
// currencies, and add, rename, reorder, remove stages, mark them open, won or lost, with a win
// probability. Saved through the admin API (which moves the leads of removed stages where the admin
// says, or refuses with the reason); reps see the pipelines read-only. Admins also choose the one the
// team's board opens on (settings/BoardPipelineChoice.tsx).
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { Fragment, useEffect, useRef, useState } from 'react';
import {
  leadStages,
  stageKinds,
  type PipelineDoc,
  type PipelineStage,
  type StageKind,
} from '@app/shared/schemas';
import { notifyBody, StageNotifyEditor } from '../components/StageNotifyEditor';
import { ConfirmDialog } from '../components/ui/Dialog';
import { useToast } from '../components/ui/Toast';
import { Tooltip } from '../components/ui/Tooltip';
import { useWorkspace } from '../data/hooks';
import { stageLabel, usePipelines, pipelineLabel } from '../data/pipelines';
import { mayDo } from '../data/role';
import { useI18n, type Translate } from '../i18n/i18n';
import { errorText } from '../i18n/error-text';
import { BoardPipelineChoice } from './settings/BoardPipelineChoice';

type Draft = { id?: string; name: string; currencies: string; stages: PipelineStage[] };
const NEW = '__new';

/**
 * The form of a pipeline as the admin reads it: the default pipeline still under its built-in name,
 * built-in stages without a name of their own, and a pack's pipeline and stages are shown in the UI's
 * language (pipelineLabel, stageLabel) and saved unchanged unless the admin types another name
 * (`body` below).
 */
const draftOf = (t: Translate, p: PipelineDoc): Draft => ({
  id: p.id,
  name: pipelineLabel(t, p),
  currencies: p.currencies.join(', '),
  stages: p.stages.map((s) => ({
    ...s,
    ...(s.name ? { name: stageLabel(t, s) } : builtInStageName(t, s.id)),
  })),
});

/** A built-in stage's shown name as its draft name (`{}` for a stage of the admin's own). */
const builtInStageName = (t: Translate, id: string): { name?: string } =>
  (leadStages as readonly string[]).includes(id) ? { name: stageLabel(t, { id }) } : {};

/** A new stage's id from its name (Latin letters and digits; otherwise `stage`), unique in the list. */
export function stageIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'stage';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

export function PipelineSettings() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const pipelines = usePipelines();
  const editable = mayDo(ws.role, 'pipelines', 'update');
  const [selected, setSelected] = useState('default');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const toast = useToast();
  const [moveTo, setMoveTo] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const original = pipelines.find((p) => p.id === selected);

  // The form follows the stored pipeline while the admin has not changed it: the built-in default
  // stands in until the team's own default pipeline has replicated (with its currencies, e.g. RUB
  // first, which new deals take), and an edit made elsewhere shows up too.
  const [base, setBase] = useState<string | null>(null);
  const baseDoc = useRef<PipelineDoc | undefined>(undefined);
  useEffect(() => {
    if (selected === NEW || !original) return;
    const version = `${original.id}|${original.updatedAt}`;
    if (draft && draft.id === original.id && version === base) return;
    const was = baseDoc.current;
    const untouched =
      !draft ||
      draft.id !== original.id ||
      (was !== undefined && JSON.stringify(draftOf(t, was)) === JSON.stringify(draft));
    baseDoc.current = original;
    setBase(version);
    if (untouched) setDraft(draftOf(t, original));
  }, [selected, original, draft, base, t]);

  if (!draft) return null;
  const removed = (original?.stages ?? []).filter((s) => !draft.stages.some((d) => d.id === s.id));
  const setStage = (i: number, patch: Partial<PipelineStage>) =>
    setDraft({ ...draft, stages: draft.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const swap = (i: number, j: number) => {
    if (j < 0 || j >= draft.stages.length) return;
    const stages = [...draft.stages];
    [stages[i], stages[j]] = [stages[j]!, stages[i]!];
    setDraft({ ...draft, stages });
  };
  // What the form shows in the UI's language is saved as it was stored: the built-in name stays the
  // built-in one (so it reads in each member's language), a stage shown by its built-in name keeps none.
  const shownDefault = selected === 'default' && original && pipelineLabel(t, original) !== original.name;
  const stageName = (s: PipelineStage) => {
    const name = s.name?.trim() ?? '';
    const builtIn = builtInStageName(t, s.id).name;
    const stored = original?.stages.find((o) => o.id === s.id)?.name;
    if (!name || (name === builtIn && stored !== name)) return {};
    // A pack's stage keeps both its names while it is named as one of them.
    return s.names && (name === s.names.en || name === s.names.ru) ? { name, names: s.names } : { name };
  };
  const body = () => ({
    name:
      shownDefault && draft.name.trim() === pipelineLabel(t, original) ? original.name : draft.name.trim(),
    currencies: draft.currencies
      .split(/[\s,;]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
    stages: draft.stages.map((s) => ({
      id: s.id,
      kind: s.kind,
      probability: Number(s.probability),
      ...stageName(s),
      ...notifyBody(s.notify),
    })),
  });
  const save = async () => {
    setMessage(null);
    try {
      if (selected === NEW) {
        const created = await ws.api.post<PipelineDoc>('/pipelines', body());
        setSelected(created.id);
        setDraft(draftOf(t, created));
        setMessage({ ok: true, text: t('pipelines.saved', { n: 0 }) });
      } else {
        const moves = Object.fromEntries(Object.entries(moveTo).filter(([, v]) => v));
        const res = await ws.api.patch<{ movedLeads: number }>(`/pipelines/${encodeURIComponent(selected)}`, {
          ...body(),
          ...(Object.keys(moves).length ? { moveTo: moves } : {}),
        });
        setMoveTo({});
        setMessage({ ok: true, text: t('pipelines.saved', { n: res.movedLeads }) });
      }
      ws.sync.syncNow();
    } catch (e) {
      setMessage({ ok: false, text: t('settings.failed', { message: errorText(t, e) }) });
    }
  };
  const remove = async () => {
    setConfirmDelete(false);
    const name = draft.name;
    try {
      await ws.api.delete(`/pipelines/${encodeURIComponent(selected)}`);
      setSelected('default');
      setDraft(null);
      ws.sync.syncNow();
      toast({ text: t('pipelines.deleted', { name }) });
    } catch (e) {
      setMessage({ ok: false, text: t('settings.failed', { message: errorText(t, e) }) });
    }
  };

  return (
    <section className="panel wide" data-testid="pipeline-settings">
      <h3>{t('pipelines.title')}</h3>
      {!editable && <p className="muted small">{t('pipelines.adminOnly')}</p>}
      <div className="row">
        <select
          value={selected}
          aria-label={t('pipeline.label')}
          data-testid="pipeline-settings-select"
          onChange={(e) => {
            const id = e.target.value;
            setSelected(id);
            setMoveTo({});
            setMessage(null);
            const p = pipelines.find((x) => x.id === id);
            setDraft(
              p
                ? draftOf(t, p)
                : {
                    name: '',
                    currencies: (pipelines[0]?.currencies ?? ['USD']).join(', '),
                    stages: [
                      { id: 'new', kind: 'open', probability: 10, ...builtInStageName(t, 'new') },
                      { id: 'won', kind: 'won', probability: 100, ...builtInStageName(t, 'won') },
                      { id: 'lost', kind: 'lost', probability: 0, ...builtInStageName(t, 'lost') },
                    ],
                  },
            );
          }}
        >
          {pipelines.map((p) => (
            <option key={p.id} value={p.id}>
              {pipelineLabel(t, p)}
            </option>
          ))}
          {editable && <option value={NEW}>{t('pipelines.new')}</option>}
        </select>
      </div>
      {selected !== NEW && <BoardPipelineChoice pipelineId={selected} />}
      <fieldset disabled={!editable} className="pipeline-stages">
        <label>
          {t('pipelines.name')}
          <input
            value={draft.name}
            maxLength={120}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            data-testid="pipeline-name"
          />
        </label>
        <label>
          {t('pipelines.currencies')}
          <input
            value={draft.currencies}
            onChange={(e) => setDraft({ ...draft, currencies: e.target.value })}
            data-testid="pipeline-currencies"
          />
        </label>
        {draft.stages.map((s, i) => (
          <Fragment key={s.id}>
            <div className="pipeline-stage" data-testid={`stage-row-${s.id}`}>
              <input
                aria-label={t('pipelines.stageName')}
                placeholder={t('pipelines.stageNamePlaceholder')}
                value={s.name ?? ''}
                maxLength={80}
                onChange={(e) => setStage(i, { name: e.target.value })}
                data-testid="stage-name"
              />
              <select
                aria-label={t('pipelines.kind')}
                value={s.kind}
                onChange={(e) => setStage(i, { kind: e.target.value as StageKind })}
                data-testid="stage-kind"
              >
                {stageKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`pipelines.kind.${k}`)}
                  </option>
                ))}
              </select>
              <input
                aria-label={t('pipelines.probability')}
                type="number"
                min={0}
                max={100}
                value={s.probability}
                onChange={(e) => setStage(i, { probability: Number(e.target.value) })}
                data-testid="stage-probability"
              />
              <Tooltip content={t('pipelines.up')}>
                <button type="button" aria-label={t('pipelines.up')} onClick={() => swap(i, i - 1)}>
                  <ArrowUp size={14} aria-hidden="true" />
                </button>
              </Tooltip>
              <Tooltip content={t('pipelines.down')}>
                <button type="button" aria-label={t('pipelines.down')} onClick={() => swap(i, i + 1)}>
                  <ArrowDown size={14} aria-hidden="true" />
                </button>
              </Tooltip>
              <Tooltip content={t('pipelines.removeStage')}>
                <button
                  type="button"
                  aria-label={t('pipelines.removeStage')}
                  onClick={() => setDraft({ ...draft, stages: draft.stages.filter((_, j) => j !== i) })}
                  data-testid="stage-remove"
                >
                  <X size={14} aria-hidden="true" />
                </button>
              </Tooltip>
            </div>
            <StageNotifyEditor stage={s} onChange={(notify) => setStage(i, { notify })} />
          </Fragment>
        ))}
        <button
          type="button"
          data-testid="stage-add"
          onClick={() => {
            const name = t('pipelines.addStage');
            const id = stageIdFor(
              `stage-${draft.stages.length + 1}`,
              draft.stages.map((s) => s.id),
            );
            const open = draft.stages.filter((s) => s.kind === 'open').length;
            const stages = [...draft.stages];
            stages.splice(open, 0, { id, name, kind: 'open', probability: 50 });
            setDraft({ ...draft, stages });
          }}
        >
          {t('pipelines.addStage')}
        </button>
        {removed.map((s) => (
          <label key={s.id}>
            {t('pipelines.moveTo', { stage: stageLabel(t, s) })}
            <select
              value={moveTo[s.id] ?? ''}
              onChange={(e) => setMoveTo({ ...moveTo, [s.id]: e.target.value })}
              data-testid={`move-to-${s.id}`}
            >
              <option value="">—</option>
              {draft.stages.map((d) => (
                <option key={d.id} value={d.id}>
                  {stageLabel(t, d)}
                </option>
              ))}
            </select>
          </label>
        ))}
        <div className="row">
          <button type="button" className="primary" onClick={() => void save()} data-testid="pipeline-save">
            {t('pipelines.save')}
          </button>
          {selected !== NEW && selected !== 'default' && (
            <button
              type="button"
              className="danger"
              onClick={() => setConfirmDelete(true)}
              data-testid="pipeline-delete"
            >
              {t('pipelines.delete')}
            </button>
          )}
          {confirmDelete && (
            <ConfirmDialog
              title={t('pipelines.deleteConfirm', { name: draft.name })}
              description={t('pipelines.deleteConfirm.body')}
              confirmLabel={t('pipelines.delete')}
              onConfirm={() => void remove()}
              onCancel={() => setConfirmDelete(false)}
              testId="pipeline-delete-confirm"
            />
          )}
        </div>
      </fieldset>
      {message && (
        <p className={message.ok ? 'muted small' : 'error'} data-testid="pipeline-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
