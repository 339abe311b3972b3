// The Knowledge screen's line about the team's embeddings (admins: the admin API /embeddings): while the
// knowledge is embedded again for a new model (a semantic model chosen in Settings), how far it is, as
// `{done, total}` chunks with a progress bar, refreshed every two seconds until the new index answers.
// Nothing when the index is ready (or for a member, who cannot read the embeddings settings).
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { progressOf, type EmbeddingsView } from './embedding-progress';

export function EmbeddingProgress() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const admin = mayDo(ws.role, 'model_providers', 'read');
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);

  useEffect(() => {
    if (!admin) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () =>
      ws.api
        .get<EmbeddingsView>('/embeddings')
        .then((view) => {
          if (!live) return;
          const now = progressOf(view.status);
          setProgress(now);
          if (now) timer = setTimeout(look, 2_000);
        })
        .catch(() => undefined);
    void look();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [admin, ws]);

  if (!progress) return null;
  return (
    <div className="upload-row" data-testid="embeddings-indexing">
      {t('embeddings.indexing', { current: progress.done, chunks: progress.total })}{' '}
      <a className="small" href="#/settings/ai">
        {t('embeddings.indexingSettings')}
      </a>
      <progress value={progress.done} max={Math.max(1, progress.total)} />
    </div>
  );
}
