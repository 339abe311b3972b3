// Where the deals of the stages the admin removed go (PipelineSettings.tsx): one choice per removed
// stage, among the stages the pipeline keeps; left empty, the server says why it cannot save.
import type { PipelineStage } from '@app/shared/schemas';
import { FormField } from '../../components/ui/FormField';
import { stageLabel } from '../../data/pipelines';
import { useI18n } from '../../i18n/i18n';

export function StageMoves({
  removed,
  stages,
  moveTo,
  setMoveTo,
}: {
  removed: PipelineStage[];
  stages: PipelineStage[];
  moveTo: Record<string, string>;
  setMoveTo: (m: Record<string, string>) => void;
}) {
  const { t } = useI18n();
  return removed.map((s) => (
    <FormField key={s.id} label={t('pipelines.moveTo', { stage: stageLabel(t, s) })}>
      <select
        value={moveTo[s.id] ?? ''}
        onChange={(e) => setMoveTo({ ...moveTo, [s.id]: e.target.value })}
        data-testid={`move-to-${s.id}`}
      >
        <option value="">—</option>
        {stages.map((d) => (
          <option key={d.id} value={d.id}>
            {stageLabel(t, d)}
          </option>
        ))}
      </select>
    </FormField>
  ));
}
