// A searchable contact picker (downshift's useCombobox: the WAI-ARIA 1.2 combobox pattern, arrow keys,
// Enter, Esc, typed search): the deal dialog's contact. Matches name, company, e-mail and phone;
// shows at most 50 at a time; "New contact…" when the deal may make one; a button clears the choice.
import { useCombobox } from 'downshift';
import { useEffect, useMemo, useState } from 'react';
import type { ContactDoc } from '@app/shared/schemas';
import { useI18n } from '../i18n/i18n';

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
  const toText = (c: PickedContact | null) => c?.name ?? '';
  const [input, setInput] = useState(() => toText(selected));
  // The field shows the chosen name: opening it lists everyone; typing narrows.
  const q = input === toText(selected) ? '' : input;
  const items = [...matchContacts(p.contacts, q), ...(newItem ? [newItem] : [])];
  const combobox = useCombobox<PickedContact>({
    items,
    selectedItem: selected,
    itemToString: toText,
    itemToKey: (c) => c?.id,
    inputValue: input,
    onInputValueChange: ({ inputValue }) => setInput(inputValue ?? ''),
    onSelectedItemChange: ({ selectedItem }) => p.onChange(selectedItem?.id ?? ''),
    // Esc on the closed field belongs to the dialog (it closes it); downshift would clear the choice.
    stateReducer: (state, { type, changes }) =>
      type === useCombobox.stateChangeTypes.InputKeyDownEscape && !state.isOpen
        ? { ...changes, selectedItem: state.selectedItem, inputValue: state.inputValue }
        : changes,
  });
  // The chosen contact's name once it is read (the form loads before the contacts do), or renamed.
  const name = toText(selected);
  useEffect(() => {
    if (!combobox.isOpen) setInput(name);
    // Only a new name of the chosen contact refills the field, not the list opening or closing.
  }, [name]);
  const { isOpen, highlightedIndex } = combobox;
  return (
    <div className="combobox" data-open={isOpen ? 'true' : undefined}>
      <label {...combobox.getLabelProps()}>{p.label}</label>
      <div className="combobox-field">
        <input
          {...combobox.getInputProps({ disabled: p.disabled })}
          placeholder={t('deal.contactSearch')}
          data-testid={p.testId}
        />
        {p.value && !p.disabled && (
          <button
            type="button"
            className="link"
            aria-label={t('deal.clearContact')}
            onClick={() => combobox.selectItem(null)}
            data-testid={p.testId ? `${p.testId}-clear` : undefined}
          >
            ×
          </button>
        )}
      </div>
      <ul {...combobox.getMenuProps()} className="combobox-list">
        {isOpen &&
          items.map((c, index) => (
            <li
              key={c.id}
              {...combobox.getItemProps({ item: c, index })}
              className={highlightedIndex === index ? 'active' : undefined}
              data-testid="contact-option"
            >
              {c.name}
              {c.company && <span className="muted small"> · {c.company}</span>}
            </li>
          ))}
      </ul>
      {isOpen && q && items.length === (newItem ? 1 : 0) && (
        <p className="muted small" role="status">
          {t('deal.contactNone', { q })}
        </p>
      )}
    </div>
  );
}
