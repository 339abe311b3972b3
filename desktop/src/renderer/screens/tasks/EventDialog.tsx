// A meeting opened from the calendar (or a reminder): when (in the rep's language and zone), where,
// attendees, the deal, contact and conversation it belongs to, who scheduled it, and its .ics file
// to add it to any calendar app.
import { useRef } from 'react';
import { eventToIcs, icsFileName } from '@app/shared/crm';
import { ExternalLink } from '../../components/ExternalLink';
import { Dialog } from '../../components/ui/Dialog';
import { useContactNames } from '../../data/contact-names';
import { useLiveDoc, useWorkspace } from '../../data/hooks';
import { useMembers } from '../../data/members';
import { useFormat, useI18n } from '../../i18n/i18n';
import { platform } from '../../platform/platform';
import { creatorLabel } from './TaskRow';
import { ArrowUpRight, Download } from 'lucide-react';

export function EventDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const event = useLiveDoc('events', id);
  const lead = useLiveDoc('leads', event?.leadId);
  const members = useMembers();
  const names = useContactNames(ws, event?.contactId ? [event.contactId] : []);
  const close = useRef<HTMLButtonElement>(null);

  const download = async () => {
    if (!event) return;
    await platform.saveFile({
      defaultName: icsFileName(event.title),
      content: eventToIcs(event, { calendarName: t('calendar.title') }),
      filters: [{ name: 'iCalendar', extensions: ['ics'] }],
    });
  };
  const sameDay = event && fmt.date(event.startAt) === fmt.date(event.endAt);
  const creator = event
    ? creatorLabel(t, event, ws.session.userId ?? '', new Map(members.map((m) => [m.id, m])))
    : null;

  return (
    <Dialog
      onClose={onClose}
      initialFocus={close}
      testId="event-dialog"
      title={
        event ? (
          <>
            {event.title}
            {event.status !== 'scheduled' && (
              <span className="pill" data-testid="event-status">
                {t(`event.status.${event.status}`)}
              </span>
            )}
          </>
        ) : (
          t('event.notFound')
        )
      }
    >
      {event && (
        <>
          <dl className="event-facts">
            <dt>{t('event.when')}</dt>
            <dd data-testid="event-when">
              {fmt.dateTime(event.startAt)} – {sameDay ? fmt.time(event.endAt) : fmt.dateTime(event.endAt)}
              {fmt.timeElsewhere(event.startAt, event.timezone) && (
                <span className="muted small"> ({fmt.timeElsewhere(event.startAt, event.timezone)})</span>
              )}
            </dd>
            {event.location && (
              <>
                <dt>{t('event.where')}</dt>
                <dd>{event.location}</dd>
              </>
            )}
            <dt>{t('event.attendees')}</dt>
            <dd>
              {event.attendees?.length
                ? event.attendees.map((a, i) => (
                    <div key={i}>
                      {a.contactId ? (
                        <a href={`#/contacts/${encodeURIComponent(a.contactId)}`}>
                          {a.name || a.email || a.contactId}
                        </a>
                      ) : (
                        a.name || a.email
                      )}
                      {a.email && a.name && <span className="muted small"> &lt;{a.email}&gt;</span>}
                    </div>
                  ))
                : t('event.noAttendees')}
            </dd>
            {event.leadId && (
              <>
                <dt>{t('tasks.col.deal')}</dt>
                <dd>
                  <a href={`#/deals/${encodeURIComponent(event.leadId)}`}>{lead?.title ?? event.leadId}</a>
                </dd>
              </>
            )}
            {event.contactId && (
              <>
                <dt>{t('tasks.col.contact')}</dt>
                <dd>
                  <a href={`#/contacts/${encodeURIComponent(event.contactId)}`}>
                    {names.get(event.contactId) || event.contactId}
                  </a>
                </dd>
              </>
            )}
            {creator && (
              <>
                <dt>{t('tasks.col.createdBy')}</dt>
                <dd title={creator.hint}>{creator.text}</dd>
              </>
            )}
            {event.description && (
              <>
                <dt>{t('event.description')}</dt>
                <dd style={{ whiteSpace: 'pre-wrap' }}>{event.description}</dd>
              </>
            )}
          </dl>
          <div className="actions">
            {event.conversationId && (
              <a
                className="button"
                href={`#/inbox/${encodeURIComponent(event.conversationId)}`}
                data-testid="event-conversation"
              >
                <ArrowUpRight size={12} aria-hidden="true" /> {t('tasks.openConversation')}
              </a>
            )}
            <button type="button" onClick={() => void download()} data-testid="event-ics">
              <Download size={12} aria-hidden="true" /> {t('event.downloadIcs')}
            </button>
            <ExternalLink doc={event} />
          </div>
        </>
      )}
      <div className="reply-actions">
        <button type="button" ref={close} onClick={onClose} data-testid="event-close">
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
