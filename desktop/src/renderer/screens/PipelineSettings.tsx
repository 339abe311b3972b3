// Settings section for the team's pipelines (admins): pick or create a pipeline, rename it, set its
// currencies, and add, rename, reorder, remove stages, mark them open, won or lost, with a win
// probability. Saved through the admin API (which moves the leads of removed stages where the admin
// says, or refuses with the reason); reps see the pipelines read-only. Admins also choose the one the
// team's board opens on (settings/BoardPipelineChoice.tsx). The parts are under pipelines/: the
// draft and what is saved from it, the form's state, a stage's row, the removed stages' moves, the
// buttons, and the saving.
import type { PipelineDoc, PipelineStage } from '@app/shared/schemas';
import { FormField, FormFields } from '../components/ui/FormField';
import { useWorkspace } from '../data/hooks';
import { pipelineLabel } from '../data/pipelines';
import { mayDo } from '../data/role';
import { useI18n } from '../i18n/i18n';
import { NEW, withNewStage, type Draft } from './pipelines/pipeline-draft';
import { PipelineActions } from './pipelines/PipelineActions';
import { StageMoves } from './pipelines/StageMoves';
import { StageRow, StagesHead } from './pipelines/StageRow';
import { usePipelineDraft } from './pipelines/usePipelineDraft';
import { usePipelineSave } from './pipelines/usePipelineSave';
import { BoardPipelineChoice } from './settings/BoardPipelineChoice';

export { stageIdFor } from './pipelines/pipeline-draft';

/** The pipeline the form edits: the team's pipelines, and "a new pipeline" for admins. */
function PipelineSelect(props: {
  pipelines: PipelineDoc[];
  selected: string;
  editable: boolean;
  onChoose: (id: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="row">
      <select
        value={props.selected}
        aria-label={t('pipeline.label')}
        data-testid="pipeline-settings-select"
        onChange={(e) => props.onChoose(e.target.value)}
      >
        {props.pipelines.map((p) => (
          <option key={p.id} value={p.id}>
            {pipelineLabel(t, p)}
          </option>
        ))}
        {props.editable && <option value={NEW}>{t('pipelines.new')}</option>}
      </select>
    </div>
  );
}

/** The pipeline's name and currencies, on the forms kit. */
function PipelineFields({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
  const { t } = useI18n();
  return (
    <FormFields>
      <FormField label={t('pipelines.name')}>
        <input
          value={draft.name}
          maxLength={120}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          data-testid="pipeline-name"
        />
      </FormField>
      <FormField label={t('pipelines.currencies')}>
        <input
          value={draft.currencies}
          onChange={(e) => setDraft({ ...draft, currencies: e.target.value })}
          data-testid="pipeline-currencies"
        />
      </FormField>
    </FormFields>
  );
}

export function PipelineSettings() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const editable = mayDo(ws.role, 'pipelines', 'update');
  const form = usePipelineDraft();
  const saving = usePipelineSave(form);
  const { draft, setDraft, selected, original } = form;
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
  return (
    <section className="panel wide" data-testid="pipeline-settings">
      <h3>{t('pipelines.title')}</h3>
      {!editable && <p className="muted small">{t('pipelines.adminOnly')}</p>}
      <PipelineSelect
        pipelines={form.pipelines}
        selected={selected}
        editable={editable}
        onChoose={saving.choose}
      />
      {selected !== NEW && <BoardPipelineChoice pipelineId={selected} />}
      <fieldset disabled={!editable} className="pipeline-stages">
        <PipelineFields draft={draft} setDraft={setDraft} />
        <StagesHead />
        {draft.stages.map((s, i) => (
          <StageRow
            key={s.id}
            stage={s}
            onChange={(patch) => setStage(i, patch)}
            onMove={(by) => swap(i, i + by)}
            onRemove={() => setDraft({ ...draft, stages: draft.stages.filter((_, j) => j !== i) })}
          />
        ))}
        <button type="button" data-testid="stage-add" onClick={() => setDraft(withNewStage(t, draft))}>
          {t('pipelines.addStage')}
        </button>
        <StageMoves
          removed={removed}
          stages={draft.stages}
          moveTo={saving.moveTo}
          setMoveTo={saving.setMoveTo}
        />
        <PipelineActions
          name={draft.name}
          deletable={selected !== NEW && selected !== 'default'}
          onSave={() => void saving.save(draft)}
          onDelete={() => void saving.remove(draft.name)}
        />
      </fieldset>
      {saving.message && (
        <p className={saving.message.ok ? 'muted small' : 'error'} data-testid="pipeline-message">
          {saving.message.text}
        </p>
      )}
    </section>
  );
}
