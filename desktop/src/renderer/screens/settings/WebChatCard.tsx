// The web chat on the team's site: switched on here (a widget with its greeting in the admin's
// language; no title of its own, so its header speaks the widget's language like its button), its
// settings (the kind's fields, @app/shared/settings `webChat`, in the one settings form: title,
// greeting, language, brand colour, the sites allowed to embed it, one origin a line, none: any site;
// whether the widget may note the pages a visitor viewed, after asking them, off by default), the
// snippet to paste into the site's HTML, and a live preview of the widget with the settings as typed
// (WebChatPreview.tsx). Uses the admin API's /channels/webchat routes.
import { useEffect, useState } from 'react';
import { settingsFields } from '@app/shared/settings';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import type { MessageKey } from '../../i18n/en';
import { textOf, type FormValues } from '../../lib/settings-form';
import { CopyField } from './CopyField';
import { AdminCard } from './CardParts';
import { SettingsFields } from './SettingsForm';
import { useSettingsForm } from './use-settings-form';
import { useCardAction } from './use-card-action';
import { WebChatPreview, type PreviewSettings } from './WebChatPreview';

// Field -> message key pairs (a field named `title` would read as a text to the hard-coded text check).
const labels = Object.fromEntries<MessageKey>([
  ['title', 'settings.webchatTitle'],
  ['title#placeholder', 'webchat.titleAuto'],
  ['greeting', 'settings.webchatGreeting'],
  ['language', 'webchat.language'],
  ['color', 'webchat.color'],
  ['allowedOrigins', 'settings.webchatOrigins'],
  ['allowedOrigins#hint', 'settings.webchatOriginsHint'],
  ['recordPages', 'webchat.pages'],
  ['recordPages#hint', 'webchat.pagesHint'],
]);
type Widget = {
  key: string;
  title: string;
  greeting: string;
  allowedOrigins: string[];
  snippet: string;
  language?: PreviewSettings['language'];
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
  const form = useSettingsForm(settingsFields.webChat, { testPrefix: 'webchat', labels });
  const show = (w: Widget | null) => {
    setWidget(w);
    if (w) form.fill(w);
  };

  useEffect(() => {
    if (!admin) return;
    ws.api.get<{ widgets: Widget[] }>('/channels/webchat').then((r) => show(r.widgets[0] ?? null), fail);
  }, [ws, admin, fail]);

  /** The body to save, its origins as the server keeps them; a line that is no origin: a notice, none. */
  const settings = () => {
    const body = form.body();
    const parsed = parseOrigins((body.allowedOrigins as string[]).join('\n'));
    if ('bad' in parsed) {
      setNotice({ kind: 'error', text: t('settings.webchatBadOrigin', { origin: parsed.bad }) });
      return undefined;
    }
    return { ...body, allowedOrigins: parsed.origins };
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
            <SettingsFields
              {...form.props(widget)}
              options={{ language: languageOptions(t('webchat.language.auto')) }}
            />
            <div className="muted small">{t('settings.webchatSnippet')}</div>
            <CopyField
              value={widget.snippet}
              testId="webchat-snippet"
              label={t('settings.webchatSnippet')}
              multiline
            />
            <WebChatPreview widgetKey={widget.key} settings={previewOf(form.values)} />
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

/** The widget's languages: automatic, or one named in its own words (the same in both UIs). */
const languageOptions = (auto: string) => [
  { value: 'auto', label: auto },
  { value: 'ru', label: 'Русский' },
  { value: 'en', label: 'English' },
];

/** The preview's settings as typed. */
const previewOf = (values: FormValues): PreviewSettings => ({
  title: textOf(values, 'title'),
  greeting: textOf(values, 'greeting'),
  language: textOf(values, 'language') as PreviewSettings['language'],
  color: textOf(values, 'color'),
});
