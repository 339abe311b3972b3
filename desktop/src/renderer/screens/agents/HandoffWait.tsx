// How long a handed-off customer may wait for a rep, in minutes (schema: 0.1 to a week; 15 when unset).
// A value out of range is said in words and keeps the profile from being saved.
import { useEffect, useState } from 'react';
import { handoffWaitMinutesOf, type AgentSettingsDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';

export const HANDOFF_WAIT_MIN = 0.1;
export const HANDOFF_WAIT_MAX = 7 * 24 * 60;

/** The minutes typed, or undefined when they are not a number in the schema's range. */
export function parseWaitMinutes(text: string): number | undefined {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' &&
    Number.isFinite(value) &&
    value >= HANDOFF_WAIT_MIN &&
    value <= HANDOFF_WAIT_MAX
    ? value
    : undefined;
}

export function HandoffWait({
  draft,
  setDraft,
  onValidity,
}: {
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
  onValidity: (valid: boolean) => void;
}) {
  const { t } = useI18n();
  const current = handoffWaitMinutesOf(draft);
  const [text, setText] = useState(String(current));
  const valid = parseWaitMinutes(text) !== undefined;
  // Another profile chosen, or the saved doc changed: show its value.
  useEffect(() => {
    if (parseWaitMinutes(text) !== current) setText(String(current));
  }, [current]);
  useEffect(() => onValidity(valid), [valid]);
  return (
    <label data-testid="agent-handoff-wait">
      {t('agents.handoffWait')}
      <input
        type="text"
        inputMode="decimal"
        name="handoff-wait"
        value={text}
        aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value);
          const minutes = parseWaitMinutes(e.target.value);
          if (minutes !== undefined) setDraft({ ...draft, handoffWaitMinutes: minutes });
        }}
      />
      <span className="muted small">{t('agents.handoffWait.hint')}</span>
      {!valid && (
        <span className="error small" role="alert">
          {t('agents.handoffWait.invalid', { min: HANDOFF_WAIT_MIN, max: HANDOFF_WAIT_MAX })}
        </span>
      )}
    </label>
  );
}
