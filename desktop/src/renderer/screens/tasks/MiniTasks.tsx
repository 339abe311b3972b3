// A small task list for a deal or a contact page: complete or reopen with one click (the box beside
// the title, however it wraps: CheckRow), a quick add (title, optional due time; the task is the rep's
// own: the title on a line of its own when the date, time and Add leave it no room). Not a <form>:
// the deal editor around it is one.
import { useState } from 'react';
import { ExternalLink } from '../../components/ExternalLink';
import { useLiveQuery, useWorkspace } from '../../data/hooks';
import { mayDo } from '../../data/role';
import { addTask } from '../../data/tasks';
import { useFormat, useI18n, type MessageKey } from '../../i18n/i18n';
import { dueState, fromLocalInput, sortTasks } from '../../lib/task-views';
import { useNow, useTimeZone } from '../../lib/clock';
import { DateTimeField } from '../../components/ui/DateField';
import { CheckRow } from '../../components/ui/FormField';
import { DoneCheckbox } from './TaskRow';
import './tasks.css';
import { Sparkles } from 'lucide-react';

type Props = {
  /** Tasks of the deal (a deal's page) or of the contact (a contact's page). */
  of: 'lead' | 'contact';
  /** The deal and contact new tasks are for. */
  leadId?: string | undefined;
  contactId?: string | undefined;
  emptyKey: MessageKey;
  placeholderKey: MessageKey;
  addKey: MessageKey;
};

export function MiniTasks({ of, leadId, contactId, emptyKey, placeholderKey, addKey }: Props) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const now = useNow();
  const zone = useTimeZone();
  const selector = of === 'lead' ? { leadId: leadId ?? '' } : { contactId: contactId ?? '' };
  const { docs } = useLiveQuery('tasks', { selector }, [of, leadId, contactId]);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const open = sortTasks(
    docs.filter((d) => d.status === 'open'),
    'open',
  );
  const closed = sortTasks(
    docs.filter((d) => d.status === 'done'),
    'done',
  );
  const canEdit = mayDo(ws.role, 'tasks', 'update');
  const add = async () => {
    const text = title.trim();
    if (!text) return;
    await addTask(ws, {
      title: text,
      dueAt: due ? fromLocalInput(due, zone) : undefined,
      leadId,
      contactId,
      assigneeId: ws.session.userId,
    });
    setTitle('');
    setDue('');
  };
  const list = [...open, ...closed];
  return (
    <div className="mini-tasks" data-testid="mini-tasks">
      {list.length === 0 && (
        <p className="empty-inline" data-testid="tasks-empty">
          {t(emptyKey)}
        </p>
      )}
      <ul className="plain-list">
        {list.map((task) => {
          const state = task.status === 'open' ? dueState(task, now, zone) : 'none';
          return (
            <CheckRow
              as="li"
              key={task.id}
              className={task.status}
              box={<DoneCheckbox task={task} disabled={!canEdit} testId="mini-task-done" />}
            >
              <span className="mini-title">
                <a href={`#/tasks/task:${encodeURIComponent(task.id)}`}>{task.title}</a>{' '}
                {task.dueAt && <span className={`small task-due ${state}`}>{fmt.dateTime(task.dueAt)}</span>}{' '}
                {task.createdBy.kind === 'agent' && (
                  <span className="pill agent">
                    <Sparkles size={12} aria-hidden="true" /> {t('tasks.byAgent')}
                  </span>
                )}{' '}
                <ExternalLink doc={task} />
              </span>
            </CheckRow>
          );
        })}
      </ul>
      {mayDo(ws.role, 'tasks', 'create') && (
        <div className="mini-add" role="group" aria-label={t(addKey)}>
          <input
            type="text"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
            maxLength={500}
            placeholder={t(placeholderKey)}
            aria-label={t(placeholderKey)}
            data-testid="task-title"
          />
          <DateTimeField
            value={due}
            onChange={setDue}
            label={t('tasks.quickDue')}
            timeZone={zone}
            defaultTime="18:00"
            testId="task-due"
          />
          <button type="button" onClick={() => void add()} disabled={!title.trim()} data-testid="task-add">
            {t(addKey)}
          </button>
        </div>
      )}
    </div>
  );
}
