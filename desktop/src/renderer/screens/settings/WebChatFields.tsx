// The web chat card's settings as typed (WebChatCard): title (blank: the widget's language speaks),
// greeting, language, brand colour, the sites allowed to embed it (one origin a line) and whether the
// widget notes the pages a visitor viewed, after asking them.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

export type WidgetLanguage = 'auto' | 'ru' | 'en';
/** The settings as typed: the allowed origins one a line. */
export type WidgetForm = Record<'title' | 'greeting' | 'origins' | 'color', string> & {
  language: WidgetLanguage;
  recordPages: boolean;
};

export function WebChatFields({ form, setForm }: { form: WidgetForm; setForm: (form: WidgetForm) => void }) {
  const { t } = useI18n();
  const set = <K extends keyof WidgetForm>(k: K, value: WidgetForm[K]) => setForm({ ...form, [k]: value });
  /** A text input's value and change handler for a string setting. */
  const bind = (k: 'title' | 'greeting' | 'origins' | 'color') => ({
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(k, e.target.value),
  });
  return (
    <>
      <label>
        {t('settings.webchatTitle')}
        <input {...bind('title')} placeholder={t('webchat.titleAuto')} data-testid="webchat-title" />
      </label>
      <label>
        {t('settings.webchatGreeting')}
        <input {...bind('greeting')} />
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
      <WordsAfter className="inline" words={t('webchat.color')}>
        <input type="color" {...bind('color')} data-testid="webchat-color" />
      </WordsAfter>
      <label>
        {t('settings.webchatOrigins')}
        <textarea
          rows={3}
          {...bind('origins')}
          placeholder="https://shop.example"
          data-testid="webchat-origins"
        />
      </label>
      <p className="muted small">{t('settings.webchatOriginsHint')}</p>
      <WordsAfter className="check" words={t('webchat.pages')}>
        <input
          type="checkbox"
          checked={form.recordPages}
          onChange={(e) => set('recordPages', e.target.checked)}
          data-testid="webchat-record-pages"
        />
      </WordsAfter>
      <p className="muted small">{t('webchat.pagesHint')}</p>
    </>
  );
}

/** An input with its words after it (the colour, the tick box). */
function WordsAfter(p: { className: string; words: string; children: ReactNode }) {
  return (
    <label className={p.className}>
      {p.children} {p.words}
    </label>
  );
}
