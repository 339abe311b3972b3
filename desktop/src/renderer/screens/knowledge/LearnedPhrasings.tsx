// A knowledge source's learned phrasings (issue 61): the customers' questions it answered when they
// picked it among offered choices, searched with its passages so the next customer asking in those words
// finds it. Folded under the source; a rep removes one that taught the search something wrong (the
// server's POST /knowledge/sources/:id/phrasings/remove; the source replicates back without it).
import type { KnowledgeSourceDoc } from '@app/shared/schemas';
import { useWorkspace } from '../../data/hooks';
import { useI18n } from '../../i18n/i18n';
import { useServerAction } from './Websites';

export function LearnedPhrasings({ source }: { source: KnowledgeSourceDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const { error, act } = useServerAction();
  const phrasings = source.phrasings ?? [];
  if (phrasings.length === 0) return null;
  const path = `/knowledge/sources/${encodeURIComponent(source.id)}/phrasings/remove`;
  return (
    <details className="learned-phrasings" data-testid="learned-phrasings">
      <summary className="small">{t('knowledge.phrasings', { n: phrasings.length })}</summary>
      <p className="muted small">{t('knowledge.phrasingsHint')}</p>
      <ul>
        {phrasings.map((text) => (
          <li key={text} className="row">
            <span>{text}</span>
            <button
              type="button"
              className="small"
              aria-label={t('knowledge.phrasingRemove', { text })}
              onClick={() => void act(() => ws.api.post(path, { text }))}
            >
              {t('website.remove')}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
