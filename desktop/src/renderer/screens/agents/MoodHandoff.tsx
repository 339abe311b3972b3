// When an upset customer goes to a human (issue 62; agent settings' moodHandoff): on abuse, and on an
// angry customer after 1-5 angry messages. Unset parts read as the defaults (on, on, 2).
import { moodHandoffOf, type AgentSettingsDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';

export function MoodHandoff({
  draft,
  setDraft,
}: {
  draft: AgentSettingsDoc;
  setDraft: (d: AgentSettingsDoc) => void;
}) {
  const { t } = useI18n();
  const current = moodHandoffOf(draft);
  const set = (patch: Partial<typeof current>) =>
    setDraft({ ...draft, moodHandoff: { ...current, ...patch } });
  return (
    <fieldset data-testid="agent-mood-handoff">
      <legend>{t('mood.setting.title')}</legend>
      <label className="inline">
        <input
          type="checkbox"
          name="mood-on-abuse"
          checked={current.onAbuse}
          onChange={(e) => set({ onAbuse: e.target.checked })}
        />
        <span>{t('mood.setting.onAbuse')}</span>
      </label>
      <label className="inline">
        <input
          type="checkbox"
          name="mood-on-angry"
          checked={current.onAngry}
          onChange={(e) => set({ onAngry: e.target.checked })}
        />
        <span>{t('mood.setting.onAngry')}</span>
      </label>
      <label className="inline">
        <span>{t('mood.setting.angryMessages')}</span>
        <select
          name="mood-angry-messages"
          value={current.angryMessages}
          disabled={!current.onAngry}
          onChange={(e) => set({ angryMessages: Number(e.target.value) })}
        >
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
