// The knowledge list (Knowledge.tsx): a filter box and the sources grouped by where they came from —
// files, websites (and single web pages), FAQ articles — each group with its count, as AnythingLLM's
// and Intercom's content libraries list theirs. The filter matches a source's title or file name, and a
// website's pages' titles (the website is kept, its matching pages listed under it).
import { useState } from 'react';
import type { KnowledgeSourceDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { labelOf } from '../../i18n/labels';
import { LearnedPhrasings } from './LearnedPhrasings';
import { SourceActions, WebsiteItem } from './Websites';

export const sourceGroups = ['files', 'websites', 'faq'] as const;
export type SourceGroup = (typeof sourceGroups)[number];

/** Which group a source is listed in: websites and web pages, FAQ (Q&A) articles, else files. */
export function groupOf(kind: KnowledgeSourceDoc['kind']): SourceGroup {
  if (kind === 'website' || kind === 'url') return 'websites';
  if (kind === 'csv-qa') return 'faq';
  return 'files';
}

/** Whether a source (or, for a website, one of its pages) matches the filter's words, in any case. */
export function matchesFilter(
  source: KnowledgeSourceDoc,
  pages: KnowledgeSourceDoc[],
  filter: string,
): boolean {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const texts = [source, ...pages].map((s) => `${s.title} ${s.fileName ?? ''}`.toLocaleLowerCase());
  return texts.some((text) => words.every((w) => text.includes(w)));
}

/** One file or FAQ article: its title, kind, status, passage count, error and actions. */
function SourceItem({ source: s }: { source: KnowledgeSourceDoc }) {
  const { t } = useI18n();
  return (
    <li>
      {/* Title and facts in one box that wraps inside itself, so the actions keep to the line's end. */}
      <span className="source-main" data-testid="source-main">
        <strong>{s.title}</strong> <span className="muted small">{labelOf(t, 'knowledge.kind', s.kind)}</span>
        <span className={`pill status-${s.status}`}>{t(`knowledge.status.${s.status}`)}</span>
        {s.chunkCount !== undefined && (
          <span className="muted small"> · {t('knowledge.passages', { n: s.chunkCount })}</span>
        )}
      </span>
      {s.error && <div className="error small">{s.error}</div>}
      <SourceActions source={s} />
      <LearnedPhrasings source={s} />
    </li>
  );
}

export function SourceList({ sources }: { sources: KnowledgeSourceDoc[] }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const sorted = [...sources].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  // A website's pages are listed under it, not among the files.
  const pagesOf = new Map<string, KnowledgeSourceDoc[]>();
  for (const s of sources) if (s.siteId) pagesOf.set(s.siteId, [...(pagesOf.get(s.siteId) ?? []), s]);
  const shown = sorted.filter((s) => !s.siteId && matchesFilter(s, pagesOf.get(s.id) ?? [], filter));
  const groups = sourceGroups
    .map((group) => ({ group, items: shown.filter((s) => groupOf(s.kind) === group) }))
    .filter((g) => g.items.length > 0);
  return (
    <div className="source-groups">
      <div className="source-head">
        <h3>{t('knowledge.sources')}</h3>
        {sources.length > 0 && (
          <input
            type="search"
            className="source-filter"
            aria-label={t('knowledge.filter')}
            placeholder={t('knowledge.filter')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="source-filter"
          />
        )}
      </div>
      {filter.trim() && groups.length === 0 && (
        <p className="muted" data-testid="source-filter-empty">
          {t('knowledge.filterEmpty', { filter: filter.trim() })}
        </p>
      )}
      {groups.map(({ group, items }) => (
        <section key={group} className="source-group" data-testid={`source-group-${group}`}>
          <h4>
            {t(`knowledge.group.${group}`)} <span className="count muted">{items.length}</span>
          </h4>
          <ul className="sources" data-testid="sources">
            {items.map((s) =>
              s.kind === 'website' ? (
                <WebsiteItem key={s.id} site={s} pages={pagesOf.get(s.id) ?? []} />
              ) : (
                <SourceItem key={s.id} source={s} />
              ),
            )}
          </ul>
        </section>
      ))}
    </div>
  );
}
