// One stage of a pipeline in its settings (PipelineSettings.tsx): its name, kind and win probability,
// buttons to move it up or down or remove it, and the message sent when a deal reaches it.
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { stageKinds, type PipelineStage, type StageKind } from '@app/shared/schemas';
import { StageNotifyEditor } from '../../components/StageNotifyEditor';
import { Tooltip } from '../../components/ui/Tooltip';
import { useI18n } from '../../i18n/i18n';

/** An icon button with its name as a tooltip. */
function IconButton({
  label,
  onClick,
  icon,
  testId,
}: {
  label: string;
  onClick: () => void;
  icon: typeof X;
  testId?: string;
}) {
  const Icon = icon;
  return (
    <Tooltip content={label}>
      <button type="button" aria-label={label} onClick={onClick} data-testid={testId}>
        <Icon size={14} aria-hidden="true" />
      </button>
    </Tooltip>
  );
}

/** The stages' column names over their rows (each input keeps its own name for screen readers). */
export function StagesHead() {
  const { t } = useI18n();
  return (
    <div className="pipeline-stage pipeline-stages-head" aria-hidden="true" data-testid="stages-head">
      <span className="muted small">{t('pipelines.stageName')}</span>
      <span className="muted small">{t('pipelines.kind')}</span>
      <span className="muted small">{t('pipelines.probability')}</span>
      {/* Hidden stand-ins for the rows' three buttons (the same ones), so the names sit over their columns. */}
      <span className="head-pad">
        <IconButton label={t('pipelines.up')} icon={ArrowUp} onClick={() => undefined} />
      </span>
      <span className="head-pad">
        <IconButton label={t('pipelines.down')} icon={ArrowDown} onClick={() => undefined} />
      </span>
      <span className="head-pad">
        <IconButton label={t('pipelines.removeStage')} icon={X} onClick={() => undefined} />
      </span>
    </div>
  );
}

export function StageRow({
  stage: s,
  onChange,
  onMove,
  onRemove,
}: {
  stage: PipelineStage;
  onChange: (patch: Partial<PipelineStage>) => void;
  /** Moves the stage one place up (-1) or down (+1). */
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="pipeline-stage" data-testid={`stage-row-${s.id}`}>
        <input
          aria-label={t('pipelines.stageName')}
          placeholder={t('pipelines.stageNamePlaceholder')}
          value={s.name ?? ''}
          maxLength={80}
          onChange={(e) => onChange({ name: e.target.value })}
          data-testid="stage-name"
        />
        <select
          aria-label={t('pipelines.kind')}
          value={s.kind}
          onChange={(e) => onChange({ kind: e.target.value as StageKind })}
          data-testid="stage-kind"
        >
          {stageKinds.map((k) => (
            <option key={k} value={k}>
              {t(`pipelines.kind.${k}`)}
            </option>
          ))}
        </select>
        {/* "%" beside the number: on a phone the column names are hidden and a bare "10" said nothing. */}
        <span className="stage-probability">
          <input
            aria-label={t('pipelines.probability')}
            type="number"
            min={0}
            max={100}
            value={s.probability}
            onChange={(e) => onChange({ probability: Number(e.target.value) })}
            data-testid="stage-probability"
          />
          <span className="muted" aria-hidden="true" data-testid="stage-probability-unit">
            %
          </span>
        </span>
        <IconButton label={t('pipelines.up')} icon={ArrowUp} onClick={() => onMove(-1)} />
        <IconButton label={t('pipelines.down')} icon={ArrowDown} onClick={() => onMove(1)} />
        <IconButton label={t('pipelines.removeStage')} icon={X} onClick={onRemove} testId="stage-remove" />
      </div>
      <StageNotifyEditor stage={s} onChange={(notify) => onChange({ notify })} />
    </>
  );
}
