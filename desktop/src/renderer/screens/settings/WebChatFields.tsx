// The web chat card's settings as typed (WebChatCard): title (blank: the widget's language speaks),
// greeting, language, brand colour, the sites allowed to embed it (one origin a line) and whether the
// widget notes the pages a visitor viewed, after asking them.
import { useI18n } from '../../i18n/i18n';

export type WidgetLanguage = 'auto' | 'ru' | 'en';
export type WidgetForm = {
  title: string;
  greeting: string;
  origins: string;
  language: WidgetLanguage;
  color: string;
  recordPages: boolean;
};

export function WebChatFields({ form, setForm }: { form: WidgetForm; setForm: (form: WidgetForm) => void }) {
  const { t } = useI18n();
  const set = <K extends keyof WidgetForm>(k: K, value: WidgetForm[K]) => setForm({ ...form, [k]: value });
  return (
    <>
      <label>
        {t('settings.webchatTitle')}
        <input
          value={form.title}
          placeholder={t('webchat.titleAuto')}
          onChange={(e) => set('title', e.target.value)}
          data-testid="webchat-title"
        />
      </label>
      <label>
        {t('settings.webchatGreeting')}
        <input value={form.greeting} onChange={(e) => set('greeting', e.target.value)} />
      </label>
      <label>
        {t('webchat.language')}
        <select
          value={form.language}
          onChange={(e) => set('language', e.target.value as WidgetLanguage)}
          data-testid="webchat-language"
        >
          <option value="auto">{t('webchat.language.auto')}</option>
          <option value="ru">Русский</option>
          <option value="en">English</option>
        </select>
      </label>
      <label className="inline">
        <input
          type="color"
          value={form.color}
          onChange={(e) => set('color', e.target.value)}
          data-testid="webchat-color"
        />{' '}
        {t('webchat.color')}
      </label>
      <label>
        {t('settings.webchatOrigins')}
        <textarea
          rows={3}
          value={form.origins}
          placeholder="https://shop.example"
          onChange={(e) => set('origins', e.target.value)}
          data-testid="webchat-origins"
        />
      </label>
      <p className="muted small">{t('settings.webchatOriginsHint')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={form.recordPages}
          onChange={(e) => set('recordPages', e.target.checked)}
          data-testid="webchat-record-pages"
        />{' '}
        {t('webchat.pages')}
      </label>
      <p className="muted small">{t('webchat.pagesHint')}</p>
    </>
  );
}
