// A searchable contact picker (the UI kit's Combobox: downshift's WAI-ARIA 1.2 combobox pattern, arrow
// keys, Enter, Esc, typed search): the deal dialog's contact. Matches name, company, e-mail and phone;
// shows at most 50 at a time; "New contact…" when the deal may make one; a button clears the choice.
import { useMemo } from 'react';
import type { ContactDoc } from '@app/shared/schemas';
import { useI18n } from '../i18n/i18n';
import { Combobox, NameAndDetail } from './ui/Combobox';

export type PickedContact = Pick<ContactDoc, 'id' | 'name'> &
  Partial<Pick<ContactDoc, 'company' | 'email' | 'phone'>>;

const shownAtMost = 50;

/** Contacts matching `q` (every word somewhere in name, company, e-mail or phone), best first. */
export function matchContacts<C extends PickedContact>(contacts: readonly C[], q: string): C[] {
  const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return contacts.slice(0, shownAtMost);
  const out: C[] = [];
  for (const c of contacts) {
    const hay = [c.name, c.company, c.email, c.phone].filter(Boolean).join(' ').toLocaleLowerCase();
    if (words.every((w) => hay.includes(w))) out.push(c);
  }
  // Names that start with the query first.
  const first = words[0]!;
  out.sort(
    (a, b) =>
      Number(!a.name.toLocaleLowerCase().startsWith(first)) -
      Number(!b.name.toLocaleLowerCase().startsWith(first)),
  );
  return out.slice(0, shownAtMost);
}

export function ContactPicker(p: {
  contacts: readonly PickedContact[];
  /** The chosen contact's id ('' none, `newValue` the new-contact choice). */
  value: string;
  onChange(id: string): void;
  label: string;
  disabled?: boolean;
  /** Offer "New contact…" with this value (a new deal only). */
  newValue?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const newItem = useMemo<PickedContact | null>(
    () => (p.newValue ? { id: p.newValue, name: t('deal.newContact') } : null),
    [p.newValue, t],
  );
  const selected =
    (p.value && (p.contacts.find((c) => c.id === p.value) ?? (p.value === newItem?.id ? newItem : null))) ||
    // A contact not on the device (yet): chosen, but without a name to show (never its id).
    (p.value ? { id: p.value, name: '' } : null);
  return (
    <Combobox<PickedContact>
      label={p.label}
      find={(q) => matchContacts(p.contacts, q)}
      extra={newItem ? [newItem] : undefined}
      selected={selected}
      onChange={(c) => p.onChange(c?.id ?? '')}
      render={(c) => <NameAndDetail name={c.name} detail={c.company} />}
      placeholder={t('deal.contactSearch')}
      clearLabel={t('deal.clearContact')}
      none={(q) => t('deal.contactNone', { q })}
      disabled={p.disabled}
      testId={p.testId}
      optionTestId="contact-option"
    />
  );
}
