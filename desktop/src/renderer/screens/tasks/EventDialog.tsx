// A meeting opened from the calendar (or a reminder): when (in the rep's language and zone), where,
// attendees, the deal, contact and conversation it belongs to, who scheduled it, and its .ics file
// to add it to any calendar app.
import { useRef, type ReactNode } from 'react';
import { eventToIcs, icsFileName } from '@app/shared/crm';
import type { CalendarEventDoc } from '@app/shared/schemas';
import { ExternalLink } from '../../components/ExternalLink';
import { Dialog } from '../../components/ui/Dialog';
import { useContactNames } from '../../data/contact-names';
import { useLiveDoc, useWorkspace } from '../../data/hooks';
import { useMembers } from '../../data/members';
import { useFormat, useI18n } from '../../i18n/i18n';
import { platform } from '../../platform/platform';
import { creatorLabel } from './TaskRow';
import { ArrowUpRight, Download } from 'lucide-react';

/** One fact of the meeting: its name and value, or nothing when it has no value. */
function Fact({ name, children, title }: { name: string; children: ReactNode; title?: string }) {
  if (children === undefined || children === null || children === '' || children === false) return null;
  return (
    <>
      <dt>{name}</dt>
      <dd title={title}>{children}</dd>
    </>
  );
}

/** Who attends: each by name (a contact's linked to the contact) with the e-mail beside a name. */
function Attendees({ attendees }: { attendees: CalendarEventDoc['attendees'] }) {
  const { t } = useI18n();
  if (!attendees?.length) return <>{t('event.noAttendees')}</>;
  return attendees.map((a, i) => (
    <div key={i}>
      {a.contactId ? (
        <a href={`#/contacts/${encodeURIComponent(a.contactId)}`}>{a.name || a.email || a.contactId}</a>
      ) : (
        a.name || a.email
      )}
      {a.email && a.name && <span className="muted small"> &lt;{a.email}&gt;</span>}
    </div>
  ));
}

/** The meeting's facts: when (and the time where it was set), where, who, its deal, contact, creator, notes. */
function EventFacts({
  event,
  leadTitle,
  contactName,
}: {
  event: CalendarEventDoc;
  leadTitle?: string;
  contactName?: string;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const members = useMembers();
  const sameDay = fmt.date(event.startAt) === fmt.date(event.endAt);
  const elsewhere = fmt.timeElsewhere(event.startAt, event.timezone);
  const creator = creatorLabel(t, event, ws.session.userId ?? '', new Map(members.map((m) => [m.id, m])));
  return (
    <dl className="event-facts">
      <dt>{t('event.when')}</dt>
      <dd data-testid="event-when">
        {fmt.dateTime(event.startAt)} – {sameDay ? fmt.time(event.endAt) : fmt.dateTime(event.endAt)}
        {elsewhere && <span className="muted small"> ({elsewhere})</span>}
      </dd>
      <Fact name={t('event.where')}>{event.location}</Fact>
      <dt>{t('event.attendees')}</dt>
      <dd>
        <Attendees attendees={event.attendees} />
      </dd>
      <Fact name={t('tasks.col.deal')}>
        {event.leadId && (
          <a href={`#/deals/${encodeURIComponent(event.leadId)}`}>{leadTitle ?? event.leadId}</a>
        )}
      </Fact>
      <Fact name={t('tasks.col.contact')}>
        {event.contactId && (
          <a href={`#/contacts/${encodeURIComponent(event.contactId)}`}>{contactName || event.contactId}</a>
        )}
      </Fact>
      {creator && (
        <Fact name={t('tasks.col.createdBy')} title={creator.hint}>
          {creator.text}
        </Fact>
      )}
      <Fact name={t('event.description')}>
        {event.description && <span style={{ whiteSpace: 'pre-wrap' }}>{event.description}</span>}
      </Fact>
    </dl>
  );
}

export function EventDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const event = useLiveDoc('events', id);
  const lead = useLiveDoc('leads', event?.leadId);
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
          <EventFacts event={event} leadTitle={lead?.title} contactName={names.get(event.contactId ?? '')} />
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
