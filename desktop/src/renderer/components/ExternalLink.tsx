// Where a task or meeting lives outside the workspace too: a link to the Notion page, Asana task,
// Trello card, GitHub Projects item or Google Calendar event; or, while the copy has not been made,
// that it is on its way (the server retries) or failed, with why. Only http(s) links are followed.
import type { CalendarEventDoc, TaskDoc } from '@app/shared/schemas';
import { useI18n } from '../i18n/i18n';
import type { IntegrationMessageKey } from '../i18n/integrations-en';

const safe = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

export function ExternalLink({
  doc,
}: {
  doc: Pick<TaskDoc | CalendarEventDoc, 'external' | 'externalSync'>;
}) {
  const { t } = useI18n();
  const service = (p: string) => t(`integrations.kind.${p}` as IntegrationMessageKey);
  const url = safe(doc.external?.url);
  if (doc.external)
    return url ? (
      <a className="small" href={url} target="_blank" rel="noreferrer" data-testid="external-link">
        {t('integrations.openIn', { service: service(doc.external.provider) })}
      </a>
    ) : (
      <span className="muted small">{service(doc.external.provider)}</span>
    );
  if (doc.externalSync)
    return (
      <span
        className={`small ${doc.externalSync.status === 'failed' ? 'status-danger' : 'muted'}`}
        title={doc.externalSync.error}
        data-testid="external-sync"
      >
        {t(doc.externalSync.status === 'failed' ? 'integrations.copyFailed' : 'integrations.copyPending', {
          service: service(doc.externalSync.provider),
        })}
      </span>
    );
  return null;
}
