// A stage's customer notification in the pipeline settings (admins): on or off, and its text in
// English and Russian with placeholders. The server sends it once per move into the stage
// (sync-server channels/stage-notify.ts).
import type { PipelineStage } from '@app/shared/schemas';
import { useI18n } from '../i18n/i18n';

type Notify = NonNullable<PipelineStage['notify']>;

export function StageNotifyEditor(props: {
  stage: PipelineStage;
  onChange(notify: Notify | undefined): void;
}) {
  const { t } = useI18n();
  const notify = props.stage.notify;
  const templates = notify?.templates ?? {};
  const set = (lang: 'en' | 'ru', text: string) =>
    props.onChange({ enabled: true, templates: { ...templates, [lang]: text } });
  return (
    <div className="stage-notify" data-testid={`stage-notify-${props.stage.id}`}>
      <label className="check">
        <input
          type="checkbox"
          checked={!!notify?.enabled}
          onChange={(e) =>
            props.onChange(
              e.target.checked || templates.en || templates.ru
                ? { enabled: e.target.checked, templates }
                : undefined,
            )
          }
          data-testid="stage-notify-enabled"
        />{' '}
        {t('notify.enabled')}
      </label>
      {notify?.enabled && (
        <>
          {(['en', 'ru'] as const).map((lang) => (
            <label key={lang}>
              {t(`notify.${lang}`)}
              <textarea
                value={templates[lang] ?? ''}
                maxLength={2000}
                onChange={(e) => set(lang, e.target.value)}
                data-testid={`stage-notify-${lang}`}
              />
            </label>
          ))}
          <p className="muted small">{t('notify.hint')}</p>
          {!templates.en?.trim() && !templates.ru?.trim() && (
            <p className="error small">{t('notify.noText')}</p>
          )}
        </>
      )}
    </div>
  );
}

/** The notify field as the API takes it (texts trimmed, empty ones left out), or nothing. */
export function notifyBody(notify: PipelineStage['notify']): { notify: Notify } | Record<string, never> {
  if (!notify) return {};
  const templates = Object.fromEntries(
    (['en', 'ru'] as const).flatMap((l) =>
      notify.templates?.[l]?.trim() ? [[l, notify.templates[l]!.trim()]] : [],
    ),
  );
  return { notify: { enabled: notify.enabled, templates } };
}
