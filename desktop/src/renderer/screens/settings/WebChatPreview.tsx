// The live preview of the web chat in the Settings card: the team's real widget, served by the sync
// server in preview mode (/webchat/preview: opened, posting nothing), in a sandboxed iframe that follows
// the card's settings as typed, saved or not. allow-forms lets the widget's own form fire its submit,
// which the widget handles itself (the page's CSP says form-action 'none'). The app's CSP may frame
// only that page of a server (serverFrameSources in main/server-url.ts, and index.html).
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { useI18n } from '../../i18n/i18n';

export type PreviewSettings = {
  title: string;
  greeting: string;
  language: 'auto' | 'ru' | 'en';
  color: string;
};

/** The preview page's address for these settings (an empty title: the widget's own words). */
export function previewUrl(serverUrl: string, key: string, s: PreviewSettings): string {
  const query = new URLSearchParams({ key, language: s.language, color: s.color });
  query.set('title', s.title.trim());
  query.set('greeting', s.greeting.trim());
  return `${serverUrl}/webchat/preview?${query.toString()}`;
}

export function WebChatPreview({ widgetKey, settings }: { widgetKey: string; settings: PreviewSettings }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const url = previewUrl(ws.session.serverUrl, widgetKey, settings);
  // Typing reloads the page once the typing pauses, not on every key.
  const [shown, setShown] = useState(url);
  useEffect(() => {
    const timer = setTimeout(() => setShown(url), 400);
    return () => clearTimeout(timer);
  }, [url]);
  return (
    <figure style={{ margin: 0 }} data-testid="webchat-preview">
      <figcaption>
        <strong>{t('webchat.preview')}</strong>
        <div className="muted small">{t('webchat.previewHint')}</div>
      </figcaption>
      <iframe
        title={t('webchat.preview')}
        src={shown}
        sandbox="allow-scripts allow-forms"
        referrerPolicy="no-referrer"
        style={{
          width: '100%',
          height: 560,
          border: '1px solid var(--line)',
          borderRadius: 'var(--radius)',
        }}
      />
    </figure>
  );
}
