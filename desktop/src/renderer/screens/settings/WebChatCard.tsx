// The web chat on the team's site: switched on here (a widget with its greeting in the admin's
// language; no title of its own, so its header speaks the widget's language like its button), its
// settings (WebChatFields.tsx: title, greeting, language, brand colour, the sites allowed to embed it,
// one origin a line, none: any site; whether the widget may note the pages a visitor viewed, after
// asking them, off by default), the snippet to paste into the site's HTML, and a live preview of the
// widget with the settings as typed (WebChatPreview.tsx). Uses the admin API's /channels/webchat routes.
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { CopyField } from './CopyField';
import { AdminCard } from './CardParts';
import { useCardAction } from './use-card-action';
import { WebChatFields, type WidgetForm, type WidgetLanguage } from './WebChatFields';
import { WebChatPreview } from './WebChatPreview';

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
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'channels', 'update');
  const { t, run, notice, setNotice, fail } = useCardAction('webchat-notice');
  const [widget, setWidget] = useState<Widget | null | undefined>(undefined);
  const [form, setForm] = useState<WidgetForm>({
    title: '',
    greeting: '',
    origins: '',
    language: 'auto',
    color: defaultColor,
    recordPages: false,
  });
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
  const enable = () =>
    void run(async () => {
      show(
        await ws.api.post<Widget>('/channels/webchat', { greeting: t('settings.webchatDefaultGreeting') }),
      );
      setNotice({ kind: 'success', text: t('settings.webchatEnabled') });
    });
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const body = settings();
    if (!widget || !body) return;
    void run(async () => {
      show(await ws.api.patch<Widget>(`/channels/webchat/${widget.key}`, body));
      setNotice({ kind: 'success', text: t('common.saved') });
    });
  };
  const remove = () =>
    widget &&
    run(async () => {
      await ws.api.delete(`/channels/webchat/${widget.key}`);
      show(null);
      setNotice({ kind: 'success', text: t('settings.disconnected') });
    });

  return (
    <AdminCard id="webchat" titleKey="channel.webchat" admin={admin} view={widget} notice={notice}>
      {(widget) =>
        !widget ? (
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
            <WebChatFields form={form} setForm={setForm} />
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
        )
      }
    </AdminCard>
  );
}
