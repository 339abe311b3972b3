// Knowledge: sources grouped by where they came from (with a filter), uploads with progress, websites,
// Q&A pairs, and a search playground that shows why each result ranked. Each part is its own component
// under knowledge/.
import { useLiveQuery } from '../data/hooks';
import { useI18n } from '../i18n/i18n';
import { EmbeddingProgress } from './knowledge/EmbeddingProgress';
import { Playground } from './knowledge/Playground';
import { QaForm } from './knowledge/QaForm';
import { SourceList } from './knowledge/SourceList';
import { UploadRows, useUploads } from './knowledge/Uploads';
import { WebsiteForm } from './knowledge/Websites';
import './knowledge/sources.css';

export function Knowledge() {
  const { t } = useI18n();
  const { docs: sources } = useLiveQuery('knowledge_sources', {});
  const uploads = useUploads();
  return (
    <div className="page two-col">
      <section>
        <header className="page-head">
          <h1>{t('knowledge.title')}</h1>
          <button className="primary" onClick={uploads.upload} data-testid="upload">
            {t('knowledge.upload')}
          </button>
        </header>
        <UploadRows progress={uploads.progress} error={uploads.error} />
        <EmbeddingProgress />
        <SourceList sources={sources} />
        <WebsiteForm />
        <QaForm />
      </section>
      <Playground />
    </div>
  );
}
