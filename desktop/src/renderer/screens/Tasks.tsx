// Tasks and the calendar of meetings, one screen with two views: `#/tasks` (my tasks, overdue, today,
// upcoming, done; by deal), `#/tasks/calendar` (week, month and agenda: meetings and due tasks).
// `#/tasks/new` adds a task, `#/tasks/task:<id>` opens one, `#/tasks/cal-task:<id>` one over the
// calendar and `#/tasks/event:<id>` a meeting (reminders link there). Tasks and
// meetings that agents create in conversations show here with a link back to the conversation.
import { useCallback, useState } from 'react';
import { CalendarDays, ListChecks } from 'lucide-react';
import { useLiveDoc, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../lib/router';
import { CalendarView } from './tasks/CalendarView';
import { EventDialog } from './tasks/EventDialog';
import { ReminderCard } from './tasks/ReminderCard';
import { Segmented } from './tasks/Segmented';
import { TaskDialog } from './tasks/TaskDialog';
import { TaskList } from './tasks/TaskList';
import './tasks/tasks.css';

type TasksRoute = { view: 'list' | 'calendar'; adding?: boolean; taskId?: string; eventId?: string };

function parse(id: string | undefined): TasksRoute {
  if (id === 'calendar') return { view: 'calendar' };
  if (id === 'new') return { view: 'list', adding: true };
  if (id?.startsWith('task:')) return { view: 'list', taskId: id.slice(5) };
  if (id?.startsWith('cal-task:')) return { view: 'calendar', taskId: id.slice(9) };
  if (id?.startsWith('event:')) return { view: 'calendar', eventId: id.slice(6) };
  return { view: 'list' };
}

function EditTask({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const task = useLiveDoc('tasks', id);
  if (!task)
    return (
      <div className="overlay" onMouseDown={onClose}>
        <div className="dialog" onMouseDown={(e) => e.stopPropagation()}>
          <p className="muted">{t('tasks.notFound')}</p>
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    );
  return <TaskDialog key={task.id} task={task} onClose={onClose} />;
}

export function Tasks({ id }: { id?: string | undefined }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const route = parse(id);
  const [showReminders, setShowReminders] = useState(false);
  const toList = useCallback(() => navigate('tasks'), []);
  const toCalendar = useCallback(() => navigate('tasks', 'calendar'), []);

  return (
    <div className="page" data-testid="tasks-screen">
      <header className="page-head">
        <h1>{t('tasks.title')}</h1>
        <div className="actions">
          <Segmented
            label={t('tasks.view')}
            choices={['list', 'calendar'] as const}
            value={route.view}
            onChoose={(v) => (v === 'list' ? toList() : toCalendar())}
            text={(v) => (
              <>
                {v === 'list' ? (
                  <ListChecks size={16} aria-hidden="true" />
                ) : (
                  <CalendarDays size={16} aria-hidden="true" />
                )}{' '}
                {t(`tasks.view.${v}`)}
              </>
            )}
            testId={(v) => `tasks-view-${v}`}
          />
          <button
            type="button"
            aria-expanded={showReminders}
            onClick={() => setShowReminders((s) => !s)}
            data-testid="reminders-toggle"
          >
            {t('reminders.title')}
          </button>
          {mayDo(ws.role, 'tasks', 'create') && (
            <button
              type="button"
              className="primary"
              onClick={() => navigate('tasks', 'new')}
              data-testid="task-new"
            >
              + {t('tasks.new')}
            </button>
          )}
        </div>
      </header>
      {showReminders && <ReminderCard />}
      {route.view === 'list' ? (
        <TaskList
          focusId={route.taskId}
          onOpen={(taskId) => navigate('tasks', `task:${taskId}`)}
          onAdd={() => navigate('tasks', 'new')}
        />
      ) : (
        <CalendarView
          onOpen={(item) => navigate('tasks', `${item.kind === 'task' ? 'cal-task' : 'event'}:${item.id}`)}
        />
      )}
      {route.adding && <TaskDialog onClose={toList} />}
      {route.taskId && (
        <EditTask id={route.taskId} onClose={route.view === 'calendar' ? toCalendar : toList} />
      )}
      {route.eventId && <EventDialog id={route.eventId} onClose={toCalendar} />}
    </div>
  );
}
