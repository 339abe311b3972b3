// Knowledge: sources with their status, uploads with progress, Q&A pairs, and a search playground
// that shows why each result ranked.
import { useEffect, useState } from 'react';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { addQaPair, uploadKnowledgeFile } from '../data/knowledge-upload';
import { useFormat, useI18n } from '../i18n/i18n';
import { labelOf } from '../i18n/labels';
import { base64ToBytes, platform } from '../platform/platform';
import type { SearchResult } from '../search/search-client';
import { useIndexVersion, useSearch } from '../search/search-context';
import { EmbeddingProgress } from './knowledge/EmbeddingProgress';
import { SourceActions, WebsiteForm, WebsiteItem } from './knowledge/Websites';
import './knowledge/sources.css';

export function Knowledge() {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const search = useSearch();
  const indexVersion = useIndexVersion(search);
  const { docs: sources } = useLiveQuery('knowledge_sources', {});
  const [uploads, setUploads] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);

  useEffect(() => {
    let live = true;
    if (!query.trim()) {
      setResult(null);
      return;
    }
    void search.search(query, 10).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [query, search, indexVersion]);

  const upload = async () => {
    setError(null);
    const files = await platform.openFile({
      title: t('knowledge.upload'),
      multiple: true,
      filters: [{ name: 'Documents', extensions: ['pdf', 'docx', 'md', 'txt', 'html', 'csv'] }],
    });
    for (const f of files) {
      setUploads((u) => ({ ...u, [f.name]: 0 }));
      try {
        await uploadKnowledgeFile(
          ws,
          { name: f.name, bytes: base64ToBytes(f.base64), mimeType: f.mimeType },
          (p) => setUploads((u) => ({ ...u, [f.name]: p })),
        );
      } catch (e) {
        setError(`${f.name}: ${(e as Error).message}`);
      } finally {
        setUploads(({ [f.name]: _done, ...rest }) => rest);
      }
    }
  };

  const sorted = [...sources].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  // A website's pages are listed under it, not among the files.
  const pagesOf = new Map<string, typeof sources>();
  for (const s of sources) if (s.siteId) pagesOf.set(s.siteId, [...(pagesOf.get(s.siteId) ?? []), s]);
  const listed = sorted.filter((s) => !s.siteId);
  return (
    <div className="page two-col">
      <section>
        <header className="page-head">
          <h1>{t('knowledge.title')}</h1>
          <button className="primary" onClick={upload} data-testid="upload">
            {t('knowledge.upload')}
          </button>
        </header>
        {Object.entries(uploads).map(([name, p]) => (
          <div key={name} className="upload-row" data-testid="upload-progress">
            {t('knowledge.uploading', { name, pct: Math.round(p * 100) })}
            <progress value={p} max={1} />
          </div>
        ))}
        {error && <p className="error">{error}</p>}
        <EmbeddingProgress />
        <h3>{t('knowledge.sources')}</h3>
        <ul className="sources" data-testid="sources">
          {listed.map((s) =>
            s.kind === 'website' ? (
              <WebsiteItem key={s.id} site={s} pages={pagesOf.get(s.id) ?? []} />
            ) : (
              <li key={s.id}>
                <strong>{s.title}</strong>{' '}
                <span className="muted small">{labelOf(t, 'knowledge.kind', s.kind)}</span>
                <span className={`pill status-${s.status}`}>{t(`knowledge.status.${s.status}`)}</span>
                {s.chunkCount !== undefined && (
                  <span className="muted small"> · {t('knowledge.passages', { n: s.chunkCount })}</span>
                )}
                {s.error && <div className="error small">{s.error}</div>}
                <SourceActions source={s} />
              </li>
            ),
          )}
        </ul>
        <WebsiteForm />
        <form
          className="panel"
          onSubmit={(e) => {
            e.preventDefault();
            if (!question.trim() || !answer.trim()) return;
            void addQaPair(ws, question.trim(), answer.trim()).then(() => {
              setQuestion('');
              setAnswer('');
            });
          }}
        >
          <h3>{t('knowledge.qa')}</h3>
          <input
            placeholder={t('knowledge.question')}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
          />
          <textarea
            placeholder={t('knowledge.answer')}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          <button type="submit">{t('common.save')}</button>
        </form>
      </section>
      <section className="panel playground">
        <h3>{t('knowledge.playground')}</h3>
        <input
          placeholder={t('knowledge.query')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="playground-query"
        />
        {result && (
          <div className="muted small" data-testid="search-engine">
            {t('knowledge.engine', { engine: labelOf(t, 'knowledge.engineName', result.engine) })} ·{' '}
            {fmt.duration(result.ms)} · {t('knowledge.docs', { n: result.size })}
          </div>
        )}
        {result && result.hits.length === 0 && <p className="muted">{t('knowledge.noResults')}</p>}
        <ol className="hits" data-testid="search-hits">
          {result?.hits.map((h) => (
            <li key={h.id}>
              <div>
                <strong>{h.title}</strong>{' '}
                <span className="muted small">
                  {labelOf(t, 'search.type', h.type)} · {fmt.number(Number(h.score.toFixed(2)))}
                </span>
              </div>
              <div className="snippet">{h.snippet}</div>
              <div className="muted small">{t('knowledge.why', { why: h.why.join(', ') })}</div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
