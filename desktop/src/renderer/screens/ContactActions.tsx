// The contact page's actions behind one "Actions" button (components/ui/DropdownMenu: a menu of
// role=menuitem, arrow keys and typeahead, Esc back to the button): open the customer's latest
// conversation, open their deal, and "Merge with…" for those allowed to merge contacts.
import { ChevronDown } from 'lucide-react';
import { DropdownMenu, type MenuItem } from '../components/ui/DropdownMenu';
import { useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../lib/router';

export function ContactActions(props: {
  conversationId: string | undefined;
  leadId: string | undefined;
  onMerge(): void;
}) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const items: MenuItem[] = [];
  const { conversationId, leadId } = props;
  if (conversationId)
    items.push({
      label: t('contact.openConversation'),
      onSelect: () => navigate('inbox', conversationId),
      testId: 'contact-open-conversation',
    });
  if (leadId)
    items.push({
      label: t('contact.openDeal'),
      onSelect: () => navigate('leads', leadId),
      testId: 'contact-open-deal',
    });
  if (mayDo(ws.role, 'contact_merges', 'create'))
    items.push({ label: t('merge.open'), onSelect: props.onMerge, testId: 'merge-open' });
  if (items.length === 0) return null;
  return (
    <DropdownMenu
      items={items}
      trigger={
        <button type="button" data-testid="contact-actions">
          {t('contact.actions')} <ChevronDown size={14} aria-hidden="true" />
        </button>
      }
    />
  );
}
