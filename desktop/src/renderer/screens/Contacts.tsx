// Contacts: the list (a table with filters and "New contact", ContactsList.tsx) and the contact's record
// page (issue 64): properties edited in place (contact/ContactProperties.tsx), the contact's deals and
// conversations (contact/ContactDeals.tsx), the digital twin: each message quoted once with the facts it
// supports (contact/TwinQuotes.tsx), summary, timeline of all conversations, lead score with its reasons,
// tasks and meetings; every empty block says what comes next; an e-mail or phone
// the customer only claimed is marked, for a rep to confirm. Two contacts of one person are merged
// from here (ContactMerge.tsx, MergeProposal.tsx); a merged contact's page and links lead to the kept one.
import { ArrowRight } from 'lucide-react';
import { ExternalLink } from '../components/ExternalLink';
import { useEffect, useMemo, useState } from 'react';
import { useLiveDoc, useLiveQuery, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { useFormat, useI18n } from '../i18n/i18n';
import { authorLabel, factorLabel, positionLabel, scoreNoteLabel } from '../i18n/labels';
import { navigate } from '../lib/router';
import { ClaimedContactPoints } from './ClaimedContactPoints';
import { ContactActions } from './ContactActions';
import { MergeDialog } from './ContactMerge';
import { MergeProposal } from './MergeProposal';
import { MergedFrom } from './ContactSplit';
import { MiniTasks } from './tasks/MiniTasks';
import { factKeyLabel, twinSentences } from './twin-labels';
import { ContactProperties } from './contact/ContactProperties';
import { ContactConversations, ContactDeals } from './contact/ContactDeals';
import { TwinQuotes } from './contact/TwinQuotes';
import './contact/contact-record.css';
import { BackButton } from '../components/ui/BackButton';
import { CompactList, ContactsTable, contactName, noFilters, type ContactFilters } from './ContactsList';

/** A replaced field's old value: stored as JSON when it was a string, shown without the quotes. */
function historyValue(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

function ContactDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const contact = useLiveDoc('contacts', id);
  // The merge dialog, from the actions menu or a proposal's banner, for those allowed to merge.
  const [merging, setMerging] = useState<{ from?: string } | null>(null);
  const mayMerge = mayDo(useWorkspace().role, 'contact_merges', 'create');
  const mergedInto = contact?.mergedInto;
  // A merged contact is a link to the kept one (its page, links from facts, tasks and old bookmarks).
  useEffect(() => {
    if (mergedInto) window.location.replace(`#/contacts/${encodeURIComponent(mergedInto)}`);
  }, [mergedInto]);
  const { docs: leads } = useLiveQuery('leads', { selector: { contactId: id } }, [id]);
  // The messages of the contact's conversations too: after a merge, a customer of the merged contact
  // writes on in a conversation moved here, and the channel still names the merged contact's id.
  const { docs: conversations } = useLiveQuery('conversations', { selector: { contactId: id } }, [id]);
  const conversationIds = useMemo(() => conversations.map((c) => c.id).sort(), [conversations]);
  const { docs: messages } = useLiveQuery(
    'messages',
    { selector: { $or: [{ contactId: id }, { conversationId: { $in: conversationIds } }] } },
    [id, conversationIds.join('\n')],
  );
  const { docs: events } = useLiveQuery('events', { selector: { contactId: id } }, [id]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const timeline = useMemo(
    () => [...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 200),
    [messages],
  );
  if (!contact) return <p className="empty">{t('common.loading')}</p>;
  // The authority reason names the role once ("Decision maker — CEO"), not the factor twice.
  const reasonNote = (factor: string, note: string) => {
    const role = factor === 'authority' ? /^(?:Decision maker|Role): (.+)$/s.exec(note)?.[1] : undefined;
    return role ? positionLabel(t, role) : scoreNoteLabel(t, note, fmt, contact.timezone);
  };
  const facts = contact.twin.facts.filter((f) => f.status === 'active');
  const name = contactName(t, contact);
  const lead = leads[0];
  const latestConversation = conversations.reduce<(typeof conversations)[number] | undefined>(
    (a, c) => (!a || (c.lastMessageAt ?? '') > (a.lastMessageAt ?? '') ? c : a),
    undefined,
  );
  return (
    <div className="contact" data-testid="contact-detail">
      <header className="page-head">
        <div>
          <h1>{name}</h1>
          <div className="muted">
            {[
              contact.company,
              contact.position && positionLabel(t, contact.position),
              contact.email,
              contact.phone && fmt.phone(contact.phone),
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
          <ClaimedContactPoints contact={contact} />
          <MergeProposal contact={contact} onMerge={(from) => setMerging({ from })} />
          <MergedFrom contact={contact} />
        </div>
        <ContactActions
          conversationId={latestConversation?.id}
          leadId={lead?.id}
          onMerge={() => setMerging({})}
        />
        {merging && mayMerge && (
          <MergeDialog contact={contact} initialFrom={merging.from} onClose={() => setMerging(null)} />
        )}
      </header>
      <div className="record-layout">
        <aside className="record-side">
          <ContactProperties contact={contact} />
        </aside>
        <div className="cards-grid record-main">
          <ContactDeals contact={contact} leads={leads} name={name} />
          <ContactConversations conversations={conversations} name={name} />
          <section className="panel">
            <h3>{t('contact.summary')}</h3>
            {facts.length ? (
              <p data-testid="contact-summary">{twinSentences(t, fmt, facts, contact.timezone).join(' ')}</p>
            ) : (
              <p className="empty-inline" data-testid="contact-summary">
                {t('contactRecord.noSummary')}
              </p>
            )}
            {contact.twin.interests?.length ? (
              <p className="muted small">{contact.twin.interests.join(', ')}</p>
            ) : null}
          </section>
          <section className="panel">
            <h3>
              {t('contact.score')}{' '}
              {lead?.score && <span className="score">{Math.round(lead.score.value)}</span>}
            </h3>
            {!lead?.score && <p className="empty-inline">{t('contactRecord.noScore')}</p>}
            {lead?.score && (
              <>
                <div className="muted small">{t('contact.reasons')}</div>
                <ul className="reasons">
                  {lead.score.reasons.map((r, i) => (
                    <li key={i}>
                      <span className={r.points >= 0 ? 'plus' : 'minus'}>
                        {r.points > 0 ? `+${r.points}` : r.points}
                      </span>{' '}
                      {factorLabel(t, r.factor)}
                      {r.note && <span className="muted"> — {reasonNote(r.factor, r.note)}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="panel wide" data-testid="contact-twin">
            <h3>{t('contact.facts')}</h3>
            {facts.length === 0 ? (
              <p className="empty-inline">{t('contactRecord.noFacts')}</p>
            ) : (
              <TwinQuotes facts={facts} byId={byId} zone={contact.timezone} />
            )}
          </section>
          <section className="panel" data-testid="contact-tasks">
            <h3>
              {t('contact.tasks')}{' '}
              <a className="small" href="#/tasks">
                {t('contactRecord.allTasks')} <ArrowRight size={12} aria-hidden="true" />
              </a>
            </h3>
            <MiniTasks
              of="contact"
              contactId={id}
              leadId={lead?.id}
              emptyKey="contactRecord.noTasks"
              placeholderKey="contact.taskTitle"
              addKey="contact.addTask"
            />
            <h3>{t('contact.meetings')}</h3>
            {events.length === 0 && (
              <p className="empty-inline" data-testid="meetings-empty">
                {t('contactRecord.noMeetings')}{' '}
                <a href="#/tasks/calendar">{t('contactRecord.openCalendar')}</a>
              </p>
            )}
            <ul className="plain-list">
              {events.map((e) => (
                <li key={e.id}>
                  <a href={`#/tasks/event:${encodeURIComponent(e.id)}`}>{e.title}</a>{' '}
                  <span className="muted small">
                    {fmt.dateTimeIn(e.startAt, e.timezone ?? contact.timezone)}
                  </span>{' '}
                  <ExternalLink doc={e} />
                </li>
              ))}
            </ul>
          </section>
          <section className="panel">
            <h3>{t('contact.timeline')}</h3>
            {timeline.length === 0 && <p className="empty-inline">{t('contactRecord.noTimeline')}</p>}
            <ul className="timeline">
              {timeline.map((m) => (
                <li key={m.id} className={`tl-${m.direction}`}>
                  <span className="muted small">
                    {fmt.dateTime(m.createdAt)} · {authorLabel(t, m.author.kind)}
                  </span>
                  <div>{m.text.slice(0, 300)}</div>
                </li>
              ))}
            </ul>
          </section>
          {contact.history && contact.history.length > 0 && (
            <section className="panel wide">
              <h3>{t('contact.history')}</h3>
              <ul className="muted small">
                {contact.history.map((h, i) => (
                  <li key={i}>
                    {factKeyLabel(t, h.field)}: {historyValue(h.value).slice(0, 200)} (
                    {fmt.dateTime(h.replacedAt)})
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

export function Contacts({ id }: { id?: string | undefined }) {
  const { t } = useI18n();
  // The filters outlive opening a contact and coming back (the screen stays mounted meanwhile).
  const [filters, setFilters] = useState<ContactFilters>(noFilters);
  if (!id) return <ContactsTable filters={filters} onFilters={setFilters} />;
  // At phone width the list and the contact are stacked views (styles.css), the contact with a way back.
  return (
    <div className="split stacked" data-view="contact">
      <CompactList id={id} filters={filters} onFilters={setFilters} />
      <section className="detail-pane scroll">
        <div className="stack-bar">
          <BackButton to={t('layout.backToContacts')} onClick={() => navigate('contacts')} phoneOnly />
        </div>
        <ContactDetail key={id} id={id} />
      </section>
    </div>
  );
}
