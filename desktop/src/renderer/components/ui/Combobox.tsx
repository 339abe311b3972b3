// The UI kit's searchable combobox (downshift's useCombobox: the WAI-ARIA 1.2 combobox pattern, arrow
// keys, Enter, Esc, typed search), under the pickers of contacts and of the team's members. The field
// shows the chosen item's name; opening it lists what `find('')` gives, typing narrows the list (the
// caller's `find`), with any `extra` choice after the matches; a button clears the choice; a line says
// when nothing matches.
import { X } from 'lucide-react';
import { useCombobox } from 'downshift';
import { useEffect, useState, type ReactNode } from 'react';
import './form-field.css';
import './combobox.css';

/** A choice: its id (the value) and the name the field shows once it is chosen. */
export type ComboboxItem = { id: string; name: string };

export function Combobox<T extends ComboboxItem>(p: {
  label: string;
  /** The items matching a query (every item, or the first ones, for ''). */
  find(q: string): T[];
  /** Items listed after the matches whatever is typed (a "New contact…" choice). */
  extra?: readonly T[];
  /** The chosen item (its name fills the field), or null for none. */
  selected: T | null;
  onChange(item: T | null): void;
  /** What an item's line in the list shows (its name by default). */
  render?(item: T): ReactNode;
  placeholder: string;
  /** The clear button's name; no button without it. */
  clearLabel?: string;
  /** The line shown when typed text matches nothing. */
  none(q: string): string;
  disabled?: boolean;
  testId?: string;
  optionTestId?: string;
}) {
  const toText = (item: T | null) => item?.name ?? '';
  const [input, setInput] = useState(() => toText(p.selected));
  // The field shows the chosen name: opening it lists everyone; typing narrows.
  const q = input === toText(p.selected) ? '' : input;
  const found = p.find(q);
  const items = p.extra?.length ? [...found, ...p.extra] : found;
  const combobox = useCombobox<T>({
    items,
    selectedItem: p.selected,
    itemToString: toText,
    itemToKey: (item) => item?.id,
    inputValue: input,
    onInputValueChange: ({ inputValue }) => setInput(inputValue ?? ''),
    onSelectedItemChange: ({ selectedItem }) => p.onChange(selectedItem ?? null),
    // Esc on the closed field belongs to the dialog (it closes it); downshift would clear the choice.
    stateReducer: (state, { type, changes }) =>
      type === useCombobox.stateChangeTypes.InputKeyDownEscape && !state.isOpen
        ? { ...changes, selectedItem: state.selectedItem, inputValue: state.inputValue }
        : changes,
  });
  // The chosen item's name once it is read (a form loads before its lists do), or renamed.
  const name = toText(p.selected);
  useEffect(() => {
    if (!combobox.isOpen) setInput(name);
    // Only a new name of the chosen item refills the field, not the list opening or closing.
  }, [name]);
  const { isOpen, highlightedIndex } = combobox;
  return (
    <div className="combobox form-field" data-open={isOpen ? 'true' : undefined}>
      <label className="form-field-label kit" {...combobox.getLabelProps()}>
        {p.label}
      </label>
      <div className="form-field-control">
        <div className="combobox-field">
          <input
            {...combobox.getInputProps({ disabled: p.disabled })}
            placeholder={p.placeholder}
            data-testid={p.testId}
          />
          {p.selected && p.clearLabel && !p.disabled && (
            <button
              type="button"
              className="link"
              aria-label={p.clearLabel}
              onClick={() => combobox.selectItem(null)}
              data-testid={p.testId ? `${p.testId}-clear` : undefined}
            >
              <X size={14} aria-hidden="true" />
            </button>
          )}
        </div>
        <ul {...combobox.getMenuProps()} className="combobox-list">
          {isOpen &&
            items.map((item, index) => (
              <li
                key={item.id}
                {...combobox.getItemProps({ item, index })}
                className={highlightedIndex === index ? 'active' : undefined}
                data-testid={p.optionTestId}
              >
                {p.render ? p.render(item) : item.name}
              </li>
            ))}
        </ul>
        {isOpen && q && !found.length && (
          <p className="muted small" role="status">
            {p.none(q)}
          </p>
        )}
      </div>
    </div>
  );
}

/** A choice as a list shows it: its name, then a detail in muted text (a company, an e-mail) when there is one. */
export function NameAndDetail({ name, detail }: { name: string; detail?: string | undefined }) {
  return (
    <>
      {name}
      {detail && <span className="muted small"> · {detail}</span>}
    </>
  );
}
