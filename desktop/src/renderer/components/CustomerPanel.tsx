// The inbox's side panel: who the rep is talking to, beside the conversation, as Intercom and
// Chatwoot show it. The contact's twin (the facts the agents learned under the message they came
// from, each message quoted once), their deal (stage, value, score, link to edit), their open tasks
// (added here too) and meetings. Everything is read from the local database, so it works offline
// and updates live.
import { useMemo } from 'react';
import { findPipeline, findStage, pipelineIdOf } from '@app/shared/crm';
import type { LeadDoc } from '@app/shared/schemas';
import { useLiveDoc, useLiveQuery } from '../data/hooks';
import { stageLabel, usePipelines } from '../data/pipelines';
import { useFormat, useI18n } from '../i18n/i18n';
import { MiniTasks } from '../screens/tasks/MiniTasks';
import { TwinQuotes } from '../screens/contact/TwinQuotes';

/** The deal shown: the open one touched last, else the newest closed one. */
function currentLead(leads: readonly LeadDoc[], closed: (l: LeadDoc) => boolean): LeadDoc | undefined {
  const newest = [...leads].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return newest.find((l) => !closed(l)) ?? newest[0];
}

export function CustomerPanel({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const conversation = useLiveDoc('conversations', conversationId);
  const contactId = conversation?.contactId;
  const contact = useLiveDoc('contacts', contactId);
  const pipelines = usePipelines();
  const { docs: leads } = useLiveQuery('leads', { selector: { contactId: contactId ?? '' } }, [contactId]);
  const { docs: events } = useLiveQuery(
    'events',
    { selector: { contactId: contactId ?? '', status: 'scheduled' } },
    [contactId],
  );
  const facts = useMemo(() => contact?.twin.facts.filter((f) => f.status === 'active') ?? [], [contact]);
  const sourceIds = useMemo(
    () => [...new Set(facts.flatMap((f) => (f.sourceMessageId ? [f.sourceMessageId] : [])))].sort(),
    [facts],
  );
  const { docs: sources } = useLiveQuery('messages', { selector: { id: { $in: sourceIds } } }, [
    sourceIds.join('|'),
  ]);
  const sourceById = useMemo(() => new Map(sources.map((m) => [m.id, m])), [sources]);
  const stageOf = (l: LeadDoc) => {
    const pipeline = findPipeline(pipelines, pipelineIdOf(l));
    return pipeline ? findStage(pipeline, l.stage) : undefined;
  };
  const lead = currentLead(leads, (l) => {
    const kind = stageOf(l)?.kind;
    return kind === 'won' || kind === 'lost';
  });
  if (!conversation) return null;
  const stage = lead ? stageOf(lead) : undefined;

  return (
    <aside className="customer-panel" aria-label={t('panel.title')} data-testid="customer-panel">
      <section>
        <h3>
          {contact ? (
            <a href={`#/contacts/${encodeURIComponent(contact.id)}`}>
              {contact.name || contact.email || contact.phone || contact.id}
            </a>
          ) : (
            t('panel.noContact')
          )}
        </h3>
        {contact && (
          <div className="muted small">
            {[contact.company, contact.email, contact.phone && fmt.phone(contact.phone)]
              .filter(Boolean)
              .join(' · ')}
          </div>
        )}
      </section>
      <section data-testid="panel-lead">
        <h4>{t('panel.deal')}</h4>
        {lead ? (
          <>
            <a href={`#/deals/${encodeURIComponent(lead.id)}`}>{lead.title}</a>
            <div className="panel-facts">
              <span className="pill">{stageLabel(t, stage ?? { id: lead.stage })}</span>
              {lead.value && <span>{fmt.money(lead.value.amount, lead.value.currency)}</span>}
              {lead.score && (
                <span className="muted">{t('panel.score', { score: Math.round(lead.score.value) })}</span>
              )}
            </div>
          </>
        ) : (
          <p className="empty-inline">{t('panel.noDeal')}</p>
        )}
      </section>
      <section data-testid="panel-facts">
        <h4>{t('contact.facts')}</h4>
        {facts.length === 0 && <p className="empty-inline">{t('contact.noFacts')}</p>}
        {facts.length > 0 && (
          <TwinQuotes facts={facts} byId={sourceById} zone={contact?.timezone} quoteLength={120} />
        )}
      </section>
      {contact && (
        <section data-testid="panel-tasks">
          <h4>{t('contact.tasks')}</h4>
          <MiniTasks
            of="contact"
            contactId={contact.id}
            leadId={lead?.id}
            emptyKey="contact.noTasks"
            placeholderKey="contact.taskTitle"
            addKey="contact.addTask"
          />
        </section>
      )}
      <section data-testid="panel-meetings">
        <h4>{t('contact.meetings')}</h4>
        {events.length === 0 && <p className="empty-inline">{t('contact.noMeetings')}</p>}
        <ul className="plain-list">
          {events.map((e) => (
            <li key={e.id}>
              {e.title}{' '}
              <span className="muted small">
                {fmt.dateTimeIn(e.startAt, e.timezone ?? contact?.timezone)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
