// Websites as knowledge: an admin adds a site (its start page or its sitemap), the server crawls it
// (sync-server knowledge/website-crawl.ts) and each page becomes a source of its own. Here: the form,
// and each website with its crawl's progress or outcome, when it runs next, its pages (folded), and
// "crawl now" / "remove". The website docs and their pages replicate like every source, so progress
// shows as the server writes it; adding and crawling need the server (online).
import { useState } from 'react';
import type { KnowledgeSourceDoc } from '@app/shared/schemas';
import { useWorkspace } from '../../data/hooks';
import { errorText } from '../../i18n/error-text';
import { useFormat, useI18n } from '../../i18n/i18n';

const refreshChoices = [24, 168, 0] as const;

/**
 * A call to the server from a button: runs it, syncs so its outcome shows, and keeps why it failed
 * (in the UI's language) to show beside the button.
 */
export function useServerAction() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      ws.sync.syncNow();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return { error, act };
}

export function WebsiteForm() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [url, setUrl] = useState('');
  const [maxPages, setMaxPages] = useState(200);
  // Sent only when changed: left as it is, the server takes 200 or the plan's fewer pages.
  const [pagesChanged, setPagesChanged] = useState(false);
  const [refreshHours, setRefreshHours] = useState<number>(24);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const add = async () => {
    setError(null);
    setNote(null);
    const address = url.trim();
    if (!address) return;
    setBusy(true);
    try {
      const created = await ws.api.post<{ duplicate?: boolean }>('/knowledge/websites', {
        url: /^[a-z]+:\/\//i.test(address) ? address : `https://${address}`,
        ...(pagesChanged ? { maxPages } : {}),
        refreshHours,
      });
      setNote(created.duplicate ? t('website.duplicate') : t('website.added'));
      setUrl('');
      ws.sync.syncNow();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="panel website-form"
      data-testid="website-form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3>{t('website.add')}</h3>
      <p className="muted small">{t('website.hint')}</p>
      <label>
        {t('website.url')}
        <input
          type="url"
          inputMode="url"
          value={url}
          placeholder="https://example.com/help/"
          onChange={(e) => setUrl(e.target.value)}
          data-testid="website-url"
        />
      </label>
      <div className="row">
        <label>
          {t('website.maxPages')}
          <input
            type="number"
            min={1}
            max={10000}
            value={maxPages}
            onChange={(e) => {
              setPagesChanged(true);
              setMaxPages(Math.max(1, Math.min(10000, Number(e.target.value) || 1)));
            }}
          />
        </label>
        <label>
          {t('website.refresh')}
          <select value={refreshHours} onChange={(e) => setRefreshHours(Number(e.target.value))}>
            {refreshChoices.map((h) => (
              <option key={h} value={h}>
                {t(`website.refresh.${h}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" className="primary" disabled={busy || !url.trim()} data-testid="website-add">
        {t('website.addButton')}
      </button>
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="error small" role="alert" data-testid="website-error">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * A file source's actions: index it again (after a failure, or a parser that got better) and remove
 * it with its passages. Both need the server; its answer or why not is shown beside them.
 */
export function SourceActions({ source }: { source: KnowledgeSourceDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const { error, act } = useServerAction();
  const path = `/knowledge/sources/${encodeURIComponent(source.id)}`;
  return (
    <div className="row source-actions">
      {/* A stored original is read again; a Q&A pair that failed (over the plan's knowledge size) is
          counted again, after a larger plan. */}
      {(source.fileDocId || source.status === 'failed') && (
        <button
          type="button"
          disabled={source.status === 'indexing' || source.status === 'pending'}
          onClick={() => void act(() => ws.api.post(`${path}/reindex`))}
        >
          {t('knowledge.reindex')}
        </button>
      )}
      <button
        type="button"
        className="danger"
        onClick={() => {
          if (window.confirm(t('knowledge.removeConfirm', { title: source.title })))
            void act(() => ws.api.delete(path));
        }}
      >
        {t('website.remove')}
      </button>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** One website: its state in words, its counts, its schedule, its pages. */
export function WebsiteItem({ site, pages }: { site: KnowledgeSourceDoc; pages: KnowledgeSourceDoc[] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const { error, act } = useServerAction();
  const s = site.site;
  const crawling = s?.state === 'crawling';
  const sorted = [...pages].sort((a, b) => (a.url ?? '').localeCompare(b.url ?? ''));
  return (
    <li className="website" data-testid="website">
      <div>
        <strong>{site.title}</strong> <span className="muted small">{t('knowledge.kind.website')}</span>{' '}
        <span className={`pill status-${crawling ? 'indexing' : site.status}`} data-testid="website-state">
          {crawling
            ? t('website.crawling', { done: s?.done ?? 0, found: Math.max(s?.found ?? 0, s?.done ?? 0) })
            : t(`knowledge.status.${site.status}`)}
        </span>
      </div>
      <div className="muted small">{site.url}</div>
      <div className="muted small" data-testid="website-summary">
        {t('website.pages', { n: pages.length })}
        {s?.lastRunAt && !crawling
          ? ` · ${t('website.lastRun', {
              at: fmt.dateTime(s.lastRunAt),
              changed: s.changed ?? 0,
              unchanged: s.unchanged ?? 0,
              removed: s.removed ?? 0,
              failed: s.failed ?? 0,
            })}`
          : ''}
        {s?.nextRunAt && !crawling ? ` · ${t('website.nextRun', { at: fmt.dateTime(s.nextRunAt) })}` : ''}
        {s && s.refreshHours === 0 && !crawling ? ` · ${t('website.manual')}` : ''}
      </div>
      {site.error && <div className="error small">{site.error}</div>}
      <div className="row">
        <button
          type="button"
          disabled={crawling}
          onClick={() =>
            void act(() => ws.api.post(`/knowledge/sources/${encodeURIComponent(site.id)}/reindex`))
          }
          data-testid="website-crawl"
        >
          {t('website.crawlNow')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(t('website.removeConfirm', { title: site.title, n: pages.length })))
              void act(() => ws.api.delete(`/knowledge/sources/${encodeURIComponent(site.id)}`));
          }}
        >
          {t('website.remove')}
        </button>
      </div>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {sorted.length > 0 && (
        <details>
          <summary>{t('website.showPages', { n: sorted.length })}</summary>
          <ul className="website-pages" data-testid="website-pages">
            {sorted.map((p) => (
              <li key={p.id}>
                <span>{p.title}</span>{' '}
                <span className={`pill status-${p.status}`}>{t(`knowledge.status.${p.status}`)}</span>
                <div className="muted small">{p.url}</div>
                {p.error && <div className="error small">{p.error}</div>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
