// The web chat on the team's site: switched on here (a widget with its greeting in the admin's
// language; no title of its own, so its header speaks the widget's language like its button), its
// title, greeting, language and brand colour, the sites allowed to embed it (one origin a line; none:
// any site), and the
// snippet to paste into the site's HTML, and a live preview of the widget with the settings as typed
// (WebChatPreview.tsx); whether the widget may note the pages a visitor viewed, after asking them
// (off by default). Uses the admin API's /channels/webchat routes.
import { useCallback, useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../i18n/error-text';
import { CopyField } from './CopyField';
import { Notice, useNotice } from './Notice';
import { WebChatPreview } from './WebChatPreview';

type WidgetLanguage = 'auto' | 'ru' | 'en';
/** The widget's colour until the team picks one (the server's default). */
const defaultColor = '#2563eb';
type Widget = {
  key: string;
  title: string;
  greeting: string;
  allowedOrigins: string[];
  snippet: string;
  language?: WidgetLanguage;
  /** The brand colour of the launcher, header and Send button (#rrggbb). */
  color?: string;
  /** The widget notes the pages a visitor viewed, after asking them (issue 14). */
  recordPages?: boolean;
};

/** The origins typed one a line, or the first line that is not an origin (`https://shop.example`). */
export function parseOrigins(text: string): { origins: string[] } | { bad: string } {
  const origins: string[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(line);
    } catch {
      return { bad: line };
    }
    if (!/^https?:$/.test(url.protocol) || url.origin === 'null') return { bad: line };
    origins.push(url.origin);
  }
  return { origins: [...new Set(origins)] };
}

export function WebChatCard() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const [widget, setWidget] = useState<Widget | null | undefined>(undefined);
  const [form, setForm] = useState({
    title: '',
    greeting: '',
    origins: '',
    language: 'auto' as WidgetLanguage,
    color: defaultColor,
    recordPages: false,
  });
  const [notice, setNotice] = useNotice('webchat-notice');
  const fail = useCallback(
    (e: unknown) => setNotice({ kind: 'error', text: t('settings.failed', { message: errorText(t, e) }) }),
    [t],
  );
  const show = (w: Widget | null) => {
    setWidget(w);
    if (w)
      setForm({
        title: w.title,
        greeting: w.greeting,
        origins: w.allowedOrigins.join('\n'),
        language: w.language ?? 'auto',
        color: w.color ?? defaultColor,
        recordPages: w.recordPages === true,
      });
  };

  useEffect(() => {
    if (!admin) return;
    ws.api.get<{ widgets: Widget[] }>('/channels/webchat').then((r) => show(r.widgets[0] ?? null), fail);
  }, [ws, admin, fail]);

  const settings = () => {
    const parsed = parseOrigins(form.origins);
    if ('bad' in parsed) {
      setNotice({ kind: 'error', text: t('settings.webchatBadOrigin', { origin: parsed.bad }) });
      return undefined;
    }
    return {
      title: form.title.trim(),
      greeting: form.greeting.trim(),
      allowedOrigins: parsed.origins,
      language: form.language,
      color: form.color,
      recordPages: form.recordPages,
    };
  };
  const enable = () => {
    setNotice(null);
    ws.api.post<Widget>('/channels/webchat', { greeting: t('settings.webchatDefaultGreeting') }).then((w) => {
      show(w);
      setNotice({ kind: 'success', text: t('settings.webchatEnabled') });
    }, fail);
  };
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const body = settings();
    if (!widget || !body) return;
    ws.api.patch<Widget>(`/channels/webchat/${widget.key}`, body).then((w) => {
      show(w);
      setNotice({ kind: 'success', text: t('common.saved') });
    }, fail);
  };
  const remove = () =>
    widget &&
    ws.api.delete(`/channels/webchat/${widget.key}`).then(() => {
      show(null);
      setNotice({ kind: 'success', text: t('settings.disconnected') });
    }, fail);

  return (
    <section className="panel" data-testid="webchat-card">
      <h3>{t('channel.webchat')}</h3>
      {!admin ? (
        <p className="muted small">{t('settings.serverOnly')}</p>
      ) : widget === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : widget === null ? (
        <>
          <p className="status-line">
            <span className="status status-muted">{t('settings.notConnected')}</span>
          </p>
          <p className="muted small">{t('settings.webchatHint')}</p>
          <button type="button" className="primary" onClick={enable} data-testid="webchat-enable">
            {t('settings.webchatEnable')}
          </button>
        </>
      ) : (
        <form onSubmit={save}>
          <p className="status-line">
            <span className="status status-success">{t('settings.webchatOn')}</span>
          </p>
          <label>
            {t('settings.webchatTitle')}
            <input
              value={form.title}
              placeholder={t('webchat.titleAuto')}
              onChange={(e) => setForm({ ...form, title: e.target.value })}
              data-testid="webchat-title"
            />
          </label>
          <label>
            {t('settings.webchatGreeting')}
            <input value={form.greeting} onChange={(e) => setForm({ ...form, greeting: e.target.value })} />
          </label>
          <label>
            {t('webchat.language')}
            <select
              value={form.language}
              onChange={(e) => setForm({ ...form, language: e.target.value as WidgetLanguage })}
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
              onChange={(e) => setForm({ ...form, color: e.target.value })}
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
              onChange={(e) => setForm({ ...form, origins: e.target.value })}
              data-testid="webchat-origins"
            />
          </label>
          <p className="muted small">{t('settings.webchatOriginsHint')}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={form.recordPages}
              onChange={(e) => setForm({ ...form, recordPages: e.target.checked })}
              data-testid="webchat-record-pages"
            />{' '}
            {t('webchat.pages')}
          </label>
          <p className="muted small">{t('webchat.pagesHint')}</p>
          <div className="muted small">{t('settings.webchatSnippet')}</div>
          <CopyField
            value={widget.snippet}
            testId="webchat-snippet"
            label={t('settings.webchatSnippet')}
            multiline
          />
          <WebChatPreview widgetKey={widget.key} settings={form} />
          <div className="row">
            <button type="submit" className="primary" data-testid="webchat-save">
              {t('common.save')}
            </button>
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('settings.disconnect')}
            </button>
          </div>
        </form>
      )}
      <Notice notice={notice} testId="webchat-notice" />
    </section>
  );
}
