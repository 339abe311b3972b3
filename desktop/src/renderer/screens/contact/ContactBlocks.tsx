// The contact record's blocks beside its properties (issue 64): the messages and meetings it reads
// (useContactActivity), what the AI knows in a sentence or two (summary and interests), the lead score
// with its reasons, the tasks and meetings, the timeline of all the contact's conversations and the
// values that lost a merge. Contacts.tsx shows each once it has something (the tasks always: their add
// row); what a new record lacks is ContactNextSteps.tsx's.
import { ArrowRight } from 'lucide-react';
import { useMemo } from 'react';
import type { ContactDoc, LeadDoc } from '@app/shared/schemas';
import { ExternalLink } from '../../components/ExternalLink';
import { useLiveQuery } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { authorLabel, factorLabel, positionLabel, scoreNoteLabel } from '../../i18n/labels';
import { MiniTasks } from '../tasks/MiniTasks';
import { factKeyLabel, twinSentences } from '../twin-labels';

type Fact = ContactDoc['twin']['facts'][number];

/**
 * The contact's deals, conversations, messages (by id, and the latest 200 for the timeline) and
 * meetings. The messages of the contact's conversations too: after a merge, a customer of the merged
 * contact writes on in a conversation moved here, and the channel still names the merged contact's id.
 */
export function useContactActivity(id: string) {
  const { docs: leads } = useLiveQuery('leads', { selector: { contactId: id } }, [id]);
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
  const latestConversation = conversations.reduce<(typeof conversations)[number] | undefined>(
    (a, c) => (!a || (c.lastMessageAt ?? '') > (a.lastMessageAt ?? '') ? c : a),
    undefined,
  );
  return { leads, conversations, events, byId, timeline, latestConversation };
}

/** What the AI knows of the contact in a sentence or two, and their interests. */
export function ContactSummary({ contact, facts }: { contact: ContactDoc; facts: readonly Fact[] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <section className="panel">
      <h3>{t('contact.summary')}</h3>
      {facts.length > 0 && (
        <p data-testid="contact-summary">{twinSentences(t, fmt, [...facts], contact.timezone).join(' ')}</p>
      )}
      {contact.twin.interests?.length ? (
        <p className="muted small">{contact.twin.interests.join(', ')}</p>
      ) : null}
    </section>
  );
}

/** The contact's (first) deal's score and why: each factor's points and its note (nothing unscored). */
export function ContactScore({ contact, lead }: { contact: ContactDoc; lead: LeadDoc | undefined }) {
  const { t } = useI18n();
  const fmt = useFormat();
  // The authority reason names the role once ("Decision maker — CEO"), not the factor twice.
  const reasonNote = (factor: string, note: string) => {
    const role = factor === 'authority' ? /^(?:Decision maker|Role): (.+)$/s.exec(note)?.[1] : undefined;
    return role ? positionLabel(t, role) : scoreNoteLabel(t, note, fmt, contact.timezone);
  };
  const score = lead?.score;
  if (!score) return null;
  return (
    <section className="panel" data-testid="contact-score">
      <h3>
        {t('contact.score')} <span className="score">{Math.round(score.value)}</span>
      </h3>
      <div className="muted small">{t('contact.reasons')}</div>
      <ul className="reasons">
        {score.reasons.map((r, i) => (
          <li key={i}>
            <span className={r.points >= 0 ? 'plus' : 'minus'}>
              {r.points > 0 ? `+${r.points}` : r.points}
            </span>{' '}
            {factorLabel(t, r.factor)}
            {r.note && <span className="muted"> — {reasonNote(r.factor, r.note)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The contact's tasks (added here too, so the block is always there) and their meetings, each linked to
 * the calendar; with no meeting yet, ContactNextSteps offers the calendar instead.
 */
export function ContactTasks(p: {
  contact: ContactDoc;
  lead: LeadDoc | undefined;
  events: ReturnType<typeof useContactActivity>['events'];
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <section className="panel" data-testid="contact-tasks">
      <div className="record-head">
        <h3>{t('contact.tasks')}</h3>
        <a className="small" href="#/tasks" data-testid="contact-all-tasks">
          {t('contactRecord.allTasks')} <ArrowRight size={12} aria-hidden="true" />
        </a>
      </div>
      <MiniTasks
        of="contact"
        contactId={p.contact.id}
        leadId={p.lead?.id}
        emptyKey="contactRecord.noTasks"
        placeholderKey="contact.taskTitle"
        addKey="contact.addTask"
      />
      {p.events.length > 0 && <h3>{t('contact.meetings')}</h3>}
      <ul className="plain-list">
        {p.events.map((e) => (
          <li key={e.id}>
            <a href={`#/tasks/event:${encodeURIComponent(e.id)}`}>{e.title}</a>{' '}
            <span className="muted small">{fmt.dateTimeIn(e.startAt, e.timezone ?? p.contact.timezone)}</span>{' '}
            <ExternalLink doc={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The latest messages of all the contact's conversations, newest first, each with who wrote it. */
export function ContactTimeline({
  timeline,
}: {
  timeline: ReturnType<typeof useContactActivity>['timeline'];
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  return (
    <section className="panel">
      <h3>{t('contact.timeline')}</h3>
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
  );
}

/** A replaced field's old value: stored as JSON when it was a string, shown without the quotes. */
export function historyValue(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

/** Values of the contact that lost a merge, so nobody's edit disappears silently (none: nothing). */
export function ContactHistory({ history }: { history: ContactDoc['history'] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (!history?.length) return null;
  return (
    <section className="panel wide">
      <h3>{t('contact.history')}</h3>
      <ul className="muted small">
        {history.map((h, i) => (
          <li key={i}>
            {factKeyLabel(t, h.field)}: {historyValue(h.value).slice(0, 200)} ({fmt.dateTime(h.replacedAt)})
          </li>
        ))}
      </ul>
    </section>
  );
}
