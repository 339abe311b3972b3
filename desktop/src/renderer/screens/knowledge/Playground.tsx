// The knowledge search playground (Knowledge.tsx): a question as a customer would ask it, the engine
// and time it took, and each hit with its score and why it ranked.
import { useEffect, useState } from 'react';
import { useFormat, useI18n } from '../../i18n/i18n';
import { labelOf } from '../../i18n/labels';
import type { SearchResult } from '../../search/search-client';
import { useIndexVersion, useSearch } from '../../search/search-context';

/** The search's result for the query, searched again when the index changes; null for no query. */
function useQueryResult(query: string): SearchResult | null {
  const search = useSearch();
  const indexVersion = useIndexVersion(search);
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
  return result;
}

export function Playground() {
  const { t } = useI18n();
  const fmt = useFormat();
  const [query, setQuery] = useState('');
  const result = useQueryResult(query);
  return (
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
  );
}
