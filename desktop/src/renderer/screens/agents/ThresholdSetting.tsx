// A bar the agent works by, automatic or manual: automatic keeps the field unset (the agent's
// calibrated default applies), manual puts the admin's value on a slider. Used for when the agent
// hands over (HandoffThreshold.tsx) and how sure it must be to answer from knowledge (AnswerThreshold.tsx).
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { Segmented } from '../tasks/Segmented';

export type ThresholdField = 'handoffThreshold' | 'answerThreshold';
export type ThresholdMode = 'auto' | 'manual';
const modes: readonly ThresholdMode[] = ['auto', 'manual'];

export const thresholdModeOf = (
  draft: Partial<Pick<AgentSettingsDoc, ThresholdField>>,
  field: ThresholdField,
): ThresholdMode => (draft[field] === undefined ? 'auto' : 'manual');

/**
 * The draft in the mode chosen. Automatic keeps the field with `undefined`, so that the saved patch
 * removes it (updateDoc -> touchFields deletes a field patched to undefined; a field merely left out
 * of the patch would stay). Manual starts at `start` (the saved profile's own value, if any).
 */
export function withThresholdMode(
  draft: AgentSettingsDoc,
  field: ThresholdField,
  mode: ThresholdMode,
  start: number,
): AgentSettingsDoc {
  if (mode === 'auto') return { ...draft, [field]: undefined };
  return draft[field] === undefined ? { ...draft, [field]: start } : draft;
}

/** What a threshold's card is given: the draft profile, its setter, and the saved profile's value. */
export type ThresholdCardProps = {
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
  /** The saved profile's threshold: switching back to manual before saving returns to it. */
  saved: number | undefined;
};

export function ThresholdSetting({
  field,
  keys,
  testId,
  part,
  draft,
  setDraft,
  start,
  autoValue,
}: {
  field: ThresholdField;
  /** The i18n key prefix (`<keys>`, `<keys>.auto`, `<keys>.manual`, their `.hint`s, `<keys>.when`). */
  keys: 'agents.handoffThreshold' | 'agents.answerThreshold';
  /** The fieldset's test id. */
  testId: string;
  /** The prefix of its parts' test ids and the slider's name (`<part>-auto`, `<part>-hint`). */
  part: string;
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
  /** Where manual starts: the saved profile's value, or a sensible bar. */
  start: number;
  /** The automatic value, when there is one to show. */
  autoValue?: number;
}) {
  const { t } = useI18n();
  const mode = thresholdModeOf(draft, field);
  const label = t(keys);
  const value = draft[field];
  return (
    <fieldset data-testid={testId} data-mode={mode}>
      <legend>{label}</legend>
      <Segmented
        label={label}
        choices={modes}
        value={mode}
        onChoose={(m) => setDraft(withThresholdMode(draft, field, m, start))}
        text={(m) => t(`${keys}.${m}`)}
        testId={(m) => `${part}-${m}`}
      />
      <p className="muted small" data-testid={`${part}-hint`}>
        {t(`${keys}.${mode}.hint`, { value: autoValue ?? 0 })}
      </p>
      {value !== undefined && (
        <label>
          {t(`${keys}.when`, { value })}
          <input
            type="range"
            name={part}
            min={0}
            max={1}
            step={0.05}
            value={value}
            onChange={(e) => setDraft({ ...draft, [field]: Number(e.target.value) })}
          />
        </label>
      )}
    </fieldset>
  );
}
