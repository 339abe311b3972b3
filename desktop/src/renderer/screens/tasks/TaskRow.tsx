// One task in the list: a checkbox that completes or reopens it in one click beside the title (opens
// the editor; a long one wraps beside the box, CheckRow), due time in words and as a date, the deal, contact, assignee, who made it (an AI agent or a
// rep) and, for a task that came from a conversation, a link to it.
import type { LeadDoc, TaskDoc } from '@app/shared/schemas';
import { ExternalLink } from '../../components/ExternalLink';
import { useWorkspace } from '../../data/hooks';
import { memberName, type Member } from '../../data/members';
import { mayDo } from '../../data/role';
import { setTaskDone } from '../../data/tasks';
import { useFormat, useI18n, type Translate } from '../../i18n/i18n';
import { labelOf, toolLabel } from '../../i18n/labels';
import { dueState, relativeDue } from '../../lib/task-views';
import { useDoneToggle } from './hooks';
import { CheckRow } from '../../components/ui/FormField';
import { useToast } from '../../components/ui/Toast';
import { ArrowUpRight, Sparkles } from 'lucide-react';

export type RowContext = {
  now: number;
  timeZone: string;
  rtf: Intl.RelativeTimeFormat;
  leads: Map<string, LeadDoc>;
  contactNames: Map<string, string>;
  members: Map<string, Member>;
};

export function creatorLabel(
  t: Translate,
  task: Pick<TaskDoc, 'createdBy'>,
  me: string,
  members: Map<string, Member>,
) {
  const by = task.createdBy;
  if (by.kind === 'agent')
    // An agent is named by its role (`answer`) or by the tool it acted through (`call_human`).
    return {
      text: t('tasks.byAgent'),
      hint: by.name ? labelOf(t, 'role', by.name, toolLabel(t, by.name)) : '',
    };
  if (by.kind === 'rep') {
    if (by.id && by.id === me) return { text: t('tasks.byYou'), hint: '' };
    return {
      text: memberName(by.id ? members.get(by.id) : undefined) ?? by.name ?? t('tasks.byRep'),
      hint: '',
    };
  }
  return { text: t(by.kind === 'customer' ? 'tasks.byCustomer' : 'tasks.bySystem'), hint: '' };
}

/** Completes or reopens a task in one click, showing the click at once. */
export function DoneCheckbox(props: { task: TaskDoc; disabled: boolean; testId: string }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const { task } = props;
  const toast = useToast();
  const [checked, toggle] = useDoneToggle(task, async (done) => {
    await setTaskDone(ws, task.id, done);
    // A task completed by a slip of the mouse leaves the open list: the toast brings it back.
    if (done)
      toast({
        text: t('tasks.completedToast', { title: task.title }),
        action: { label: t('ui.undo'), run: () => void setTaskDone(ws, task.id, false) },
      });
  });
  return (
    <input
      type="checkbox"
      checked={checked}
      disabled={props.disabled}
      onChange={(e) => toggle(e.target.checked)}
      aria-label={t(task.status === 'done' ? 'tasks.reopen' : 'tasks.complete', { title: task.title })}
      data-testid={props.testId}
    />
  );
}

export function TaskRow({
  task,
  ctx,
  focused,
  onOpen,
}: {
  task: TaskDoc;
  ctx: RowContext;
  focused: boolean;
  onOpen(): void;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const me = ws.session.userId ?? '';
  const canEdit = mayDo(ws.role, 'tasks', 'update');
  const done = task.status === 'done';
  const state = done ? 'none' : dueState(task, ctx.now, ctx.timeZone);
  const lead = task.leadId ? ctx.leads.get(task.leadId) : undefined;
  const contactName = task.contactId ? ctx.contactNames.get(task.contactId) : undefined;
  const assignee = task.assigneeId ? ctx.members.get(task.assigneeId) : undefined;
  const creator = creatorLabel(t, task, me, ctx.members);
  return (
    <div
      className={`task-row ${done ? 'done' : ''} ${focused ? 'focused' : ''}`}
      data-testid="task-row"
      data-task-id={task.id}
    >
      <CheckRow
        className="task-cell task-main"
        box={
          <DoneCheckbox task={task} disabled={!canEdit || task.status === 'cancelled'} testId="task-done" />
        }
      >
        <button type="button" className="task-title" onClick={onOpen} data-testid="task-open">
          {task.title}
        </button>
        <div className="task-meta">
          {task.priority === 'high' && <span className="pill priority-high">{t('tasks.priority.high')}</span>}
          {task.conversationId && (
            <a
              href={`#/inbox/${encodeURIComponent(task.conversationId)}`}
              title={t('tasks.openConversationHint')}
              data-testid="task-conversation"
            >
              <ArrowUpRight size={12} aria-hidden="true" /> {t('tasks.openConversation')}
            </a>
          )}
          <ExternalLink doc={task} />
        </div>
      </CheckRow>
      <div className={`task-cell task-due ${state}`} data-testid="task-due">
        {task.dueAt ? (
          <>
            {relativeDue(task.dueAt, ctx.now, ctx.timeZone, ctx.rtf)}
            <small>{fmt.dateTime(task.dueAt)}</small>
          </>
        ) : (
          <span className="muted">{t('tasks.noDue')}</span>
        )}
      </div>
      <div className="task-cell">
        {task.leadId ? (
          <a href={`#/deals/${encodeURIComponent(task.leadId)}`} data-testid="task-deal">
            {lead?.title ?? task.leadId}
          </a>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div className="task-cell">
        {task.contactId ? (
          <a href={`#/contacts/${encodeURIComponent(task.contactId)}`}>{contactName || task.contactId}</a>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div className="task-cell" data-testid="task-assignee">
        {task.assigneeId ? (
          task.assigneeId === me ? (
            t('tasks.byYou')
          ) : (
            (memberName(assignee) ?? task.assigneeId)
          )
        ) : (
          <span className="muted">{t('tasks.unassigned')}</span>
        )}
      </div>
      <div className="task-cell" title={creator.hint} data-testid="task-creator">
        {task.createdBy.kind === 'agent' ? (
          <span className="pill agent">
            <Sparkles size={12} aria-hidden="true" /> {creator.text}
          </span>
        ) : (
          creator.text
        )}
      </div>
    </div>
  );
}
