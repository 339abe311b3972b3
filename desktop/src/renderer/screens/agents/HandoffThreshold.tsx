// When the agent, unsure what a customer wants, hands the conversation to a rep. Automatic (the
// default): no `handoffThreshold` saved, so the supervisor uses the local classifier's own threshold,
// calibrated on the intents it was trained on (shared/src/agents/roles/unknown-intent.ts). Manual: the
// admin's threshold on a slider, below which the agent hands over unless the knowledge base answers.
import type { AgentSettingsDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';

export type HandoffMode = 'auto' | 'manual';
const modes: readonly HandoffMode[] = ['auto', 'manual'];

/** Where the slider starts when a profile without a threshold of its own switches to manual. */
export const MANUAL_HANDOFF_START = 0.45;

export const handoffModeOf = (draft: Pick<AgentSettingsDoc, 'handoffThreshold'>): HandoffMode =>
  draft.handoffThreshold === undefined ? 'auto' : 'manual';

/**
 * The draft in the mode chosen. Automatic keeps the field with `undefined`, so that the saved patch
 * removes it (updateDoc -> touchFields deletes a field patched to undefined; a field merely left out
 * of the patch would stay). Manual starts at `start` (the saved profile's own threshold, if any).
 */
export function withHandoffMode(
  draft: AgentSettingsDoc,
  mode: HandoffMode,
  start = MANUAL_HANDOFF_START,
): AgentSettingsDoc {
  if (mode === 'auto') return { ...draft, handoffThreshold: undefined };
  return draft.handoffThreshold === undefined ? { ...draft, handoffThreshold: start } : draft;
}

export function HandoffThreshold({
  draft,
  setDraft,
  saved,
}: {
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
  /** The saved profile's threshold: switching back to manual before saving returns to it. */
  saved: number | undefined;
}) {
  const { t } = useI18n();
  const mode = handoffModeOf(draft);
  const label = t('agents.handoffThreshold');
  return (
    <fieldset data-testid="agent-handoff-threshold" data-mode={mode}>
      <legend>{label}</legend>
      <div className="segmented" role="group" aria-label={label}>
        {modes.map((m) => (
          <button
            key={m}
            type="button"
            className={mode === m ? 'on' : ''}
            aria-pressed={mode === m}
            data-testid={`handoff-threshold-${m}`}
            onClick={() => setDraft(withHandoffMode(draft, m, saved))}
          >
            {t(`agents.handoffThreshold.${m}`)}
          </button>
        ))}
      </div>
      <p className="muted small" data-testid="handoff-threshold-hint">
        {t(`agents.handoffThreshold.${mode}.hint`)}
      </p>
      {draft.handoffThreshold !== undefined && (
        <label>
          {t('agents.handoffWhen', { value: draft.handoffThreshold })}
          <input
            type="range"
            name="handoff-threshold"
            min={0}
            max={1}
            step={0.05}
            value={draft.handoffThreshold}
            onChange={(e) => setDraft({ ...draft, handoffThreshold: Number(e.target.value) })}
          />
        </label>
      )}
    </fieldset>
  );
}
