// One property of a record, edited in place as in HubSpot or Twenty: the value is a button; a click (or
// Enter on it) turns it into an input; Enter or leaving the field saves, Esc puts the old value back. A
// value the check refuses stays in the input with the reason under it; nothing is written until it passes.
import { Pencil } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** What a check makes of the typed text: the value to store, or why it cannot be stored. */
export type Checked = { value: string } | { problem: string };

export function InlineField(p: {
  label: string;
  /** The stored value, '' for none. */
  value: string;
  /** The value as people read it (a phone in national form); the stored value when not given. */
  shown?: string | undefined;
  /** The text the input starts with (a phone as shown); the stored value when not given. */
  editText?: string | undefined;
  check(typed: string): Checked;
  onSave(value: string): Promise<void>;
  testId: string;
  type?: 'text' | 'email' | 'tel';
  maxLength?: number;
  hint?: string | undefined;
  /** What an empty value reads ("Add company", «Добавить компанию»); "Add <label>" when not given. */
  addText?: string | undefined;
  /** Open for typing at once (a value being added), and told when the edit ends. */
  autoEdit?: boolean;
  onClose?(): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(p.autoEdit ? '' : null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const hintId = useId();
  // Set once Enter, Esc or a save ended this edit: the blur of the input going away then does nothing.
  const ended = useRef(false);
  const editing = draft !== null;
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);

  const close = (refocus: boolean) => {
    ended.current = true;
    setDraft(null);
    setProblem(null);
    p.onClose?.();
    if (refocus) requestAnimationFrame(() => button.current?.focus());
  };
  const commit = async (refocus: boolean) => {
    if (draft === null || ended.current) return;
    const checked = p.check(draft);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    ended.current = true;
    if (checked.value !== p.value) await p.onSave(checked.value);
    close(refocus);
  };

  if (!editing)
    return (
      <button
        ref={button}
        type="button"
        className={`inline-value${p.value ? '' : ' empty-value'}`}
        aria-label={
          p.value
            ? t('contactRecord.edit', { field: p.label.toLocaleLowerCase() })
            : (p.addText ?? t('contactRecord.add', { field: p.label.toLocaleLowerCase() }))
        }
        data-testid={p.testId}
        onClick={() => {
          ended.current = false;
          setDraft(p.editText ?? p.value);
        }}
      >
        <span className="inline-text">
          {p.value
            ? (p.shown ?? p.value)
            : (p.addText ?? t('contactRecord.add', { field: p.label.toLocaleLowerCase() }))}
        </span>
        <Pencil size={13} aria-hidden="true" className="inline-pencil" />
      </button>
    );
  return (
    <span className="inline-edit">
      <input
        ref={input}
        type={p.type ?? 'text'}
        value={draft}
        maxLength={p.maxLength}
        aria-label={p.label}
        aria-invalid={problem ? true : undefined}
        aria-describedby={hintId}
        data-testid={`${p.testId}-input`}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit(true);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close(true);
          }
        }}
        onBlur={() => void commit(false)}
      />
      <span
        id={hintId}
        className={problem ? 'error small' : 'muted small'}
        role={problem ? 'alert' : undefined}
      >
        {problem ?? p.hint ?? t('contactRecord.editHint')}
      </span>
    </span>
  );
}
