// Add or edit a task: what to do, notes, due date and time (in the rep's zone), priority, the deal it
// is for (its contact follows) and who does it (the team's members). Esc or Cancel closes it (the
// kit's Dialog: focus trapped inside, back to the opener after); a toast says it was saved.
import { useMemo, useState } from 'react';
import type { TaskDoc } from '@app/shared/schemas';
import { taskSchema } from '@app/shared/schemas';
import { useLiveQuery, useWorkspace } from '../../data/hooks';
import { useMembers } from '../../data/members';
import { addTask, editTask } from '../../data/tasks';
import { useI18n } from '../../i18n/i18n';
import { defaultDue, fromLocalInput, toLocalInput } from '../../lib/task-views';
import { useTimeZone } from '../../lib/clock';
import { DateTimeField } from '../../components/ui/DateField';
import { Dialog } from '../../components/ui/Dialog';
import { DialogActions } from '../../components/ui/DialogActions';
import { MemberPicker } from '../../components/MemberPicker';
import { useToast } from '../../components/ui/Toast';
import { FieldRow, FormField } from '../../components/ui/FormField';

type Props = {
  /** The task to edit, or none for a new one. */
  task?: TaskDoc;
  /** A new task's deal and contact, when added from a deal or a contact. */
  leadId?: string;
  contactId?: string;
  onClose(): void;
};

const priorities = taskSchema.properties.priority.enum;

export function TaskDialog({ task, leadId, contactId, onClose }: Props) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const zone = useTimeZone();
  const members = useMembers();
  const me = ws.session.userId ?? '';
  const { docs: leads } = useLiveQuery('leads', { limit: 2000 });
  const deals = useMemo(() => [...leads].sort((a, b) => a.title.localeCompare(b.title)), [leads]);
  const [form, setForm] = useState(() => {
    const due = defaultDue(Date.now(), zone);
    return {
      title: task?.title ?? '',
      description: task?.description ?? '',
      due: task ? toLocalInput(task.dueAt, zone) : `${due.day}T${String(due.hour).padStart(2, '0')}:00`,
      priority: task?.priority ?? 'normal',
      leadId: task?.leadId ?? leadId ?? '',
      assigneeId: task ? (task.assigneeId ?? '') : me,
    };
  });
  const [problem, setProblem] = useState<string | null>(null);
  const toast = useToast();

  const set =
    (k: keyof typeof form) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm({ ...form, [k]: e.target.value });

  const save = async () => {
    const title = form.title.trim();
    if (!title) return setProblem(t('tasks.form.titleRequired'));
    const dueAt = form.due ? fromLocalInput(form.due, zone) : undefined;
    if (form.due && !dueAt) return setProblem(t('tasks.form.dueInvalid'));
    const lead = leads.find((l) => l.id === form.leadId);
    const fields = {
      title,
      description: form.description.trim() || undefined,
      dueAt,
      priority: form.priority as TaskDoc['priority'],
      assigneeId: form.assigneeId || undefined,
    };
    if (task) await editTask(ws, task, fields);
    else
      await addTask(ws, {
        ...fields,
        leadId: form.leadId || undefined,
        contactId: lead?.contactId ?? contactId,
      });
    toast({ text: task ? t('tasks.savedToast') : t('tasks.addedToast') });
    onClose();
  };

  return (
    <Dialog
      onClose={onClose}
      title={task ? t('tasks.form.edit') : t('tasks.form.new')}
      onSubmit={() => void save()}
      testId="task-dialog"
    >
      <FormField label={t('tasks.form.title')}>
        <input
          value={form.title}
          onChange={set('title')}
          maxLength={500}
          placeholder={t('tasks.form.titlePlaceholder')}
          data-testid="task-form-title"
        />
      </FormField>
      <FieldRow>
        <FormField label={t('tasks.form.due')}>
          <DateTimeField
            value={form.due}
            onChange={(due) => setForm((f) => ({ ...f, due }))}
            label={t('tasks.form.due')}
            timeZone={zone}
            defaultTime="18:00"
            testId="task-form-due"
          />
        </FormField>
        <FormField label={t('tasks.priority')}>
          <select value={form.priority} onChange={set('priority')} data-testid="task-form-priority">
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(`tasks.priority.${p}`)}
              </option>
            ))}
          </select>
        </FormField>
      </FieldRow>
      <FieldRow>
        <FormField label={t('tasks.col.deal')}>
          <DealSelect value={form.leadId} onChange={set('leadId')} disabled={!!task} deals={deals} />
        </FormField>
        <MemberPicker
          members={members}
          value={form.assigneeId}
          onChange={(id) => setForm((f) => ({ ...f, assigneeId: id }))}
          label={t('tasks.col.assignee')}
          noneLabel={t('tasks.unassigned')}
          me={me}
          testId="task-form-assignee"
        />
      </FieldRow>
      <FormField label={t('tasks.form.description')}>
        <textarea rows={3} maxLength={10_000} value={form.description} onChange={set('description')} />
      </FormField>
      <DialogActions
        problem={problem}
        problemTestId="task-form-problem"
        onCancel={onClose}
        saveLabel={t('common.save')}
        saveTestId="task-form-save"
      />
    </Dialog>
  );
}

/** The deal a task is for, by title (one no longer on this device by its id). */
function DealSelect(p: {
  id?: string;
  value: string;
  onChange(e: React.ChangeEvent<HTMLSelectElement>): void;
  disabled: boolean;
  deals: readonly { id: string; title: string }[];
}) {
  const { t } = useI18n();
  return (
    <select
      id={p.id}
      value={p.value}
      onChange={p.onChange}
      disabled={p.disabled}
      data-testid="task-form-deal"
    >
      <option value="">{t('tasks.noDeal')}</option>
      {p.value && !p.deals.some((d) => d.id === p.value) && <option value={p.value}>{p.value}</option>}
      {p.deals.map((d) => (
        <option key={d.id} value={d.id}>
          {d.title}
        </option>
      ))}
    </select>
  );
}
