// A contact's e-mail and phone that the customer only typed in a chat (claimed, not verified): shown
// with a warning and a Confirm button. Anyone can type someone else's address, so a claimed value is
// never used to merge records (a CSV import proposes such merges instead); a rep who knows it is
// right confirms it, which records it as verified through the normal contact write path.
import { contactPointFields, contactPointStatus, type ContactDoc } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { updateDoc } from '../data/workspace';
import { useI18n } from '../i18n/i18n';

export function ClaimedContactPoints({ contact }: { contact: ContactDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const claimed = contactPointFields.filter((f) => contactPointStatus(contact, f) === 'claimed');
  if (claimed.length === 0) return null;
  const confirm = async (field: (typeof contactPointFields)[number]) => {
    const value = contact[field];
    if (!value) return;
    const at = new Date().toISOString();
    await updateDoc(ws, 'contacts', contact.id, {
      contactPoints: { ...contact.contactPoints, [field]: { value, status: 'verified', source: 'rep', at } },
    });
  };
  return (
    <ul className="claimed muted small" data-testid="claimed-contact-points">
      {claimed.map((field) => (
        <li key={field}>
          {t('contact.claimed', { field: t(`contact.field.${field}`), value: contact[field] ?? '' })}{' '}
          <button type="button" onClick={() => void confirm(field)}>
            {t('contact.confirm')}
          </button>
        </li>
      ))}
    </ul>
  );
}
