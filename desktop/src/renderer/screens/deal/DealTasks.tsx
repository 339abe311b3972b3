// A deal's tasks block, one for the deal's page (DealPage.tsx, in a panel) and its quick edit
// (LeadEditor.tsx): the heading and the deal's small task list with its quick add (MiniTasks).
import type { LeadDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { MiniTasks } from '../tasks/MiniTasks';

export function DealTasks({ lead, className }: { lead: LeadDoc; className?: string }) {
  const { t } = useI18n();
  return (
    <section className={className} data-testid="deal-tasks">
      <h3>{t('tasks.dealTasks')}</h3>
      <MiniTasks
        of="lead"
        leadId={lead.id}
        contactId={lead.contactId}
        emptyKey="tasks.dealEmpty"
        placeholderKey="tasks.form.titlePlaceholder"
        addKey="tasks.add"
      />
    </section>
  );
}
