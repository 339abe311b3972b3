// A contact record's next steps (issue 64), as HubSpot's and Twenty's new records have one quiet
// "getting started" area instead of a stack of empty blocks: one card listing what has not happened yet
// and the one action for each: add a deal, reach them (write an e-mail, call, or add a phone or e-mail
// first), add a task, book a meeting. A step goes once it is done (its block shows instead); with every
// step done the card is gone. Contacts.tsx places it first beside the properties.
import { CalendarPlus, ListTodo, Mail, Phone, Plus, UserPlus } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ContactDoc } from '@app/shared/schemas';
import { useLiveQuery } from '../../data/hooks';
import { useFormat, useI18n } from '../../i18n/i18n';
import { AddDealButton } from './ContactDeals';

/** Clicks or focuses a control of the same record (the phone's "Add", the task's title). */
function reach(from: Element, selector: string, how: 'click' | 'focus') {
  const el = from.closest('[data-testid=contact-detail]')?.querySelector<HTMLElement>(selector);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  if (how === 'click') el.click();
  else el.focus();
}

function Step(p: { icon: ReactNode; text: ReactNode; action: ReactNode; testId: string }) {
  return (
    <li className="next-step" data-testid={p.testId}>
      <span className="next-step-icon" aria-hidden="true">
        {p.icon}
      </span>
      <span className="next-step-text">{p.text}</span> <span className="next-step-action">{p.action}</span>
    </li>
  );
}

/** How to reach the contact: an e-mail to write, a phone to call, or a way to add either. */
function ReachStep({ contact, name }: { contact: ContactDoc; name: string }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [icon, action] = contact.email
    ? [
        <Mail size={16} />,
        <a href={`mailto:${contact.email}`}>{t('contactRecord.next.write', { email: contact.email })}</a>,
      ]
    : contact.phone
      ? [
          <Phone size={16} />,
          <a href={`tel:${contact.phone}`}>
            {t('contactRecord.next.call', { phone: fmt.phone(contact.phone) })}
          </a>,
        ]
      : [
          <UserPlus size={16} />,
          <button
            type="button"
            className="link"
            onClick={(e) => reach(e.currentTarget, '[data-testid=prop-phone]', 'click')}
          >
            {t('contactRecord.next.addPoint')}
          </button>,
        ];
  return (
    <Step
      icon={icon}
      text={t('contactRecord.next.reachText', { name })}
      testId="next-step-reach"
      action={action}
    />
  );
}

export function ContactNextSteps(p: {
  contact: ContactDoc;
  name: string;
  hasDeals: boolean;
  hasConversations: boolean;
  hasMeetings: boolean;
}) {
  const { t } = useI18n();
  const { docs: tasks } = useLiveQuery('tasks', { selector: { contactId: p.contact.id } }, [p.contact.id]);
  const hasTasks = tasks.length > 0;
  if (p.hasDeals && p.hasConversations && p.hasMeetings && hasTasks) return null;
  return (
    <section className="panel wide next-steps" data-testid="contact-next-steps">
      <h3>{t('contactRecord.next.title')}</h3>
      <ul className="next-step-list">
        {!p.hasDeals && (
          <Step
            icon={<Plus size={16} />}
            text={t('contactRecord.noDeals')}
            testId="deals-empty"
            action={<AddDealButton contact={p.contact} name={p.name} />}
          />
        )}
        {!p.hasConversations && <ReachStep contact={p.contact} name={p.name} />}
        {!hasTasks && (
          <Step
            icon={<ListTodo size={16} />}
            text={t('contactRecord.next.taskText')}
            testId="next-step-task"
            action={
              <button
                type="button"
                className="link"
                onClick={(e) =>
                  reach(e.currentTarget, '[data-testid=contact-tasks] [data-testid=task-title]', 'focus')
                }
              >
                {t('contact.addTask')}
              </button>
            }
          />
        )}
        {!p.hasMeetings && (
          <Step
            icon={<CalendarPlus size={16} />}
            text={t('contactRecord.noMeetings')}
            testId="meetings-empty"
            action={<a href="#/tasks/calendar">{t('contactRecord.openCalendar')}</a>}
          />
        )}
      </ul>
    </section>
  );
}
