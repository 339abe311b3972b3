// Contacts: the list (a table with filters and "New contact", ContactsList.tsx) and the contact's record
// page (issue 64): properties edited in place (contact/ContactProperties.tsx), the contact's deals and
// conversations (contact/ContactDeals.tsx), the digital twin: each message quoted once with the facts it
// supports (contact/TwinQuotes.tsx), summary, timeline of all conversations, lead score with its reasons,
// tasks and meetings (contact/ContactBlocks.tsx); a block shows once it has something, and one card of
// next steps (contact/ContactNextSteps.tsx) says what comes first on a new record; an e-mail or phone
// the customer only claimed is marked, for a rep to confirm. Two contacts of one person are merged
// from here (ContactMerge.tsx, MergeProposal.tsx); a merged contact's page and links lead to the kept one.
import { useEffect, useState } from 'react';
import type { ContactDoc } from '@app/shared/schemas';
import { useLiveDoc, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { useFormat, useI18n } from '../i18n/i18n';
import { positionLabel } from '../i18n/labels';
import { navigate } from '../lib/router';
import { ClaimedContactPoints } from './ClaimedContactPoints';
import { ContactActions } from './ContactActions';
import { MergeDialog } from './ContactMerge';
import { MergeProposal } from './MergeProposal';
import { MergedFrom } from './ContactSplit';
import { ContactProperties } from './contact/ContactProperties';
import { ContactConversations, ContactDeals } from './contact/ContactDeals';
import { ContactNextSteps } from './contact/ContactNextSteps';
import { TwinQuotes } from './contact/TwinQuotes';
import {
  ContactHistory,
  ContactScore,
  ContactSummary,
  ContactTasks,
  ContactTimeline,
  useContactActivity,
} from './contact/ContactBlocks';
import './contact/contact-record.css';
import { BackButton } from '../components/ui/BackButton';
import { CompactList, ContactsTable, contactName, noFilters, type ContactFilters } from './ContactsList';

/** The record's head: the name, company, position and contact points, merge proposals, the actions. */
function ContactHeader(p: {
  contact: ContactDoc;
  name: string;
  conversationId: string | undefined;
  leadId: string | undefined;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { contact } = p;
  // The merge dialog, from the actions menu or a proposal's banner, for those allowed to merge.
  const [merging, setMerging] = useState<{ from?: string } | null>(null);
  const mayMerge = mayDo(useWorkspace().role, 'contact_merges', 'create');
  return (
    <header className="page-head">
      <div>
        <h1>{p.name}</h1>
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
      <ContactActions conversationId={p.conversationId} leadId={p.leadId} onMerge={() => setMerging({})} />
      {merging && mayMerge && (
        <MergeDialog contact={contact} initialFrom={merging.from} onClose={() => setMerging(null)} />
      )}
    </header>
  );
}

function ContactDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const contact = useLiveDoc('contacts', id);
  const mergedInto = contact?.mergedInto;
  // A merged contact is a link to the kept one (its page, links from facts, tasks and old bookmarks).
  useEffect(() => {
    if (mergedInto) window.location.replace(`#/contacts/${encodeURIComponent(mergedInto)}`);
  }, [mergedInto]);
  const { leads, conversations, events, byId, timeline, latestConversation } = useContactActivity(id);
  if (!contact) return <p className="empty">{t('common.loading')}</p>;
  const facts = contact.twin.facts.filter((f) => f.status === 'active');
  const name = contactName(t, contact);
  const lead = leads[0];
  // A new record leads with its next steps; one with deals and conversations keeps them first, and what
  // is left to do (a meeting, a task) comes after its tasks.
  const fresh = leads.length === 0 || conversations.length === 0;
  const nextSteps = (
    <ContactNextSteps
      contact={contact}
      name={name}
      hasDeals={leads.length > 0}
      hasConversations={conversations.length > 0}
      hasMeetings={events.length > 0}
    />
  );
  return (
    <div className="contact" data-testid="contact-detail">
      <ContactHeader
        contact={contact}
        name={name}
        conversationId={latestConversation?.id}
        leadId={lead?.id}
      />
      <div className="record-layout">
        <aside className="record-side">
          <ContactProperties contact={contact} />
        </aside>
        <div className="cards-grid record-main">
          {fresh && nextSteps}
          {leads.length > 0 && <ContactDeals contact={contact} leads={leads} name={name} />}
          {conversations.length > 0 && <ContactConversations conversations={conversations} />}
          {(facts.length > 0 || !!contact.twin.interests?.length) && (
            <ContactSummary contact={contact} facts={facts} />
          )}
          {lead?.score && <ContactScore contact={contact} lead={lead} />}
          {facts.length > 0 && (
            <section className="panel wide" data-testid="contact-twin">
              <h3>{t('contact.facts')}</h3>
              <TwinQuotes facts={facts} byId={byId} zone={contact.timezone} />
            </section>
          )}
          <ContactTasks contact={contact} lead={lead} events={events} />
          {!fresh && nextSteps}
          {timeline.length > 0 && <ContactTimeline timeline={timeline} />}
          <ContactHistory history={contact.history} />
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
