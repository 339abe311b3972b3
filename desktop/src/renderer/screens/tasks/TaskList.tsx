// The tasks view: whose tasks (mine, unassigned, the team's), tabs with counts (all open, overdue,
// today, upcoming, done), optionally grouped by deal; each tab's empty state offers to add a task.
import { useMemo, useState } from 'react';
import type { TaskDoc } from '@app/shared/schemas';
import { useContactNames } from '../../data/contact-names';
import { useLiveQuery, useWorkspace } from '../../data/hooks';
import { useMembers } from '../../data/members';
import { mayDo } from '../../data/role';
import { useI18n } from '../../i18n/i18n';
import { Tabs } from '../../components/ui/Tabs';
import {
  groupByDeal,
  taskScopes,
  taskTabs,
  viewTasks,
  type TaskScope,
  type TaskTab,
} from '../../lib/task-views';
import { useLeadsById } from './hooks';
import { useNow, useTimeZone } from '../../lib/clock';
import { Segmented } from './Segmented';
import { TaskRow, type RowContext } from './TaskRow';
import { CheckField } from '../../components/ui/FormField';

const scopeKey = 'sw.tasks.scope';
const groupKey = 'sw.tasks.byDeal';

export function TaskList({
  focusId,
  onOpen,
  onAdd,
}: {
  focusId?: string;
  onOpen(id: string): void;
  onAdd(): void;
}) {
  const { t, locale } = useI18n();
  const ws = useWorkspace();
  const now = useNow();
  const timeZone = useTimeZone();
  const members = useMembers();
  const me = ws.session.userId ?? '';
  const { docs: all } = useLiveQuery('tasks', {});
  const [scope, setScope] = useState<TaskScope>(
    () => (localStorage.getItem(scopeKey) as TaskScope) || 'mine',
  );
  const [tab, setTab] = useState<TaskTab>('open');
  const [byDeal, setByDeal] = useState(() => localStorage.getItem(groupKey) === '1');
  const leads = useLeadsById(all.flatMap((x) => (x.leadId ? [x.leadId] : [])));
  const view = useMemo(
    () =>
      viewTasks(all, taskScopes.includes(scope) ? scope : 'mine', tab, {
        now,
        timeZone,
        me,
        ownerOf: (id) => leads.get(id)?.ownerId,
      }),
    [all, scope, tab, now, timeZone, me, leads],
  );
  const contactNames = useContactNames(
    ws,
    view.tasks.flatMap((x) => (x.contactId ? [x.contactId] : [])),
  );
  const ctx: RowContext = useMemo(
    () => ({
      now,
      timeZone,
      rtf: new Intl.RelativeTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { numeric: 'auto' }),
      leads,
      contactNames,
      members: new Map(members.map((m) => [m.id, m])),
    }),
    [now, timeZone, locale, leads, contactNames, members],
  );
  const chooseScope = (s: TaskScope) => {
    localStorage.setItem(scopeKey, s);
    setScope(s);
  };
  const groups = byDeal ? groupByDeal(view.tasks) : [{ leadId: undefined, tasks: view.tasks }];
  const row = (task: TaskDoc) => (
    <TaskRow
      key={task.id}
      task={task}
      ctx={ctx}
      focused={task.id === focusId}
      onOpen={() => onOpen(task.id)}
    />
  );

  return (
    <>
      <TaskToolbar
        scope={scope}
        onScope={chooseScope}
        byDeal={byDeal}
        onByDeal={(on) => {
          localStorage.setItem(groupKey, on ? '1' : '0');
          setByDeal(on);
        }}
      />
      <Tabs
        className="tabs tasks-tabs"
        label={t('tasks.tabs')}
        value={tab}
        onChange={setTab}
        items={taskTabs.map((k) => ({
          value: k,
          className: k === 'overdue' && view.counts.overdue > 0 ? 'overdue' : undefined,
          testId: `tasks-tab-${k}`,
          label: (
            <>
              {t(`tasks.tab.${k}`)}
              <span className="count" data-testid={`tasks-count-${k}`}>
                {view.counts[k]}
              </span>
            </>
          ),
        }))}
      >
        {view.tasks.length === 0 ? (
          <TasksEmpty tab={tab} onAdd={onAdd} />
        ) : (
          <div className="task-table" data-testid="task-list">
            <TaskTableHead />
            {groups.map((g) =>
              byDeal ? (
                <div key={g.leadId ?? '-'} data-testid="task-group">
                  <div className="task-group-head">
                    {g.leadId ? (leads.get(g.leadId)?.title ?? g.leadId) : t('tasks.noDeal')}{' '}
                    <span className="muted">· {g.tasks.length}</span>
                  </div>
                  {g.tasks.map(row)}
                </div>
              ) : (
                g.tasks.map(row)
              ),
            )}
          </div>
        )}
      </Tabs>
    </>
  );
}

/** Whose tasks (mine, my team's, everyone's) and whether they are grouped by deal. */
function TaskToolbar({
  scope,
  onScope,
  byDeal,
  onByDeal,
}: {
  scope: TaskScope;
  onScope(s: TaskScope): void;
  byDeal: boolean;
  onByDeal(on: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <div className="tasks-toolbar">
      <Segmented
        label={t('tasks.scope')}
        choices={taskScopes}
        value={scope}
        onChoose={onScope}
        text={(s) => t(`tasks.scope.${s}`)}
        testId={(s) => `tasks-scope-${s}`}
      />
      <CheckField
        label={t('tasks.groupByDeal')}
        checked={byDeal}
        onChange={onByDeal}
        testId="tasks-by-deal"
      />
    </div>
  );
}

/** The columns' heads (hidden from screen readers: each row names its cells). */
function TaskTableHead() {
  const { t } = useI18n();
  return (
    <div className="task-row head" aria-hidden>
      <span className="task-head-main">{t('tasks.col.task')}</span>
      <span>{t('tasks.col.due')}</span>
      <span>{t('tasks.col.deal')}</span>
      <span>{t('tasks.col.contact')}</span>
      <span>{t('tasks.col.assignee')}</span>
      <span>{t('tasks.col.createdBy')}</span>
    </div>
  );
}

/** No task in this tab: what the tab is for, and Add for who may add. */
function TasksEmpty({ tab, onAdd }: { tab: TaskTab; onAdd(): void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  return (
    <div className="empty-state" data-testid="tasks-list-empty">
      <p>{t(`tasks.empty.${tab}`)}</p>
      {mayDo(ws.role, 'tasks', 'create') && (
        <p>
          <button type="button" className="primary" onClick={onAdd} data-testid="tasks-empty-add">
            {t('tasks.add')}
          </button>
        </p>
      )}
    </div>
  );
}
