// The deal page's properties saved in place (issue 64), as the contact's are (contact/InlineField.tsx),
// with no Save button: a typed field saves when the rep leaves it or presses Enter (Esc puts the saved
// value back); a select, a day picked from the calendar, a contact or an owner picked saves at once.
// Then a quiet "Saved"; a value that cannot be saved stays as typed, marked under its field, and a write
// that fails says why. The custom fields of the deal's pipeline save the same way (they are in the form).
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import type { DealEditor } from './useDealEditor';

export type SaveState = { kind: 'idle' | 'saving' | 'saved' | 'held' } | { kind: 'failed'; message: string };

/** A control whose text the rep types (saved when they leave it), not a picker's search box. */
function typedControl(el: Element | null): boolean {
  if (!el || el.closest('.combobox')) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio';
}

/** Whether the rep is typing in a field of the form (its text is saved once they leave it). */
function typingIn(form: HTMLFormElement | null): boolean {
  const el = document.activeElement;
  return !!form && !!el && form.contains(el) && typedControl(el);
}

export function useSaveInPlace(editor: DealEditor, form: RefObject<HTMLFormElement | null>) {
  const { t } = useI18n();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  // One save at a time: a change made meanwhile is saved after it, from the form as it is then (two
  // writes at once could land in either order, the older last).
  const busy = useRef(false);
  const again = useRef(false);
  const retry = useRef(false);
  const [round, setRound] = useState(0);
  const commit = async () => {
    if (!editor.dirty) return;
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    setState({ kind: 'saving' });
    try {
      setState({ kind: (await editor.save()) ? 'saved' : 'held' });
    } catch (e) {
      setState({ kind: 'failed', message: errorText(t, e) });
    } finally {
      busy.current = false;
      if (again.current) {
        again.current = false;
        retry.current = true;
        setRound((n) => n + 1);
      }
    }
  };
  // Esc: the saved values back, the typed text gone; the field is left and entered again without a save,
  // so a field showing its own text while focused (an amount) shows the saved value.
  const escaping = useRef(false);
  const putBack = (input: HTMLInputElement) => {
    escaping.current = true;
    editor.discard();
    setState({ kind: 'idle' });
    input.blur();
    escaping.current = false;
    requestAnimationFrame(() => input.focus());
  };
  // A value picked (a select, a day, a contact, an owner) is saved at once; typed text once left.
  useEffect(() => {
    const retrying = retry.current;
    retry.current = false;
    if (editor.dirty && (retrying || !typingIn(form.current))) void commit();
    // (The form's values and the rounds are what is followed.)
  }, [editor.form, editor.custom.values, round]);
  // The quiet "Saved" goes after a while.
  useEffect(() => {
    if (state.kind !== 'saved') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 4_000);
    return () => clearTimeout(timer);
  }, [state]);
  return {
    state,
    /** The form's handlers: leaving a typed field or Enter in it saves, Esc puts the saved value back. */
    formProps: {
      onBlur: (e: FocusEvent<HTMLFormElement>) => {
        if (typedControl(e.target) && !escaping.current) void commit();
      },
      onKeyDown: (e: KeyboardEvent<HTMLFormElement>) => {
        if (!(e.target instanceof HTMLInputElement) || !typedControl(e.target)) return;
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        } else if (e.key === 'Escape' && editor.dirty) {
          e.preventDefault();
          putBack(e.target);
        }
      },
      onSubmit: (e: { preventDefault(): void }) => {
        e.preventDefault();
        void commit();
      },
    },
  };
}

/** The status line's text for a save state ('' when there is nothing to say). */
export function saveStateText(t: ReturnType<typeof useI18n>['t'], state: SaveState): string {
  if (state.kind === 'failed') return t('dealPage.saveFailed', { message: state.message });
  if (state.kind === 'saving') return t('dealPage.saving');
  if (state.kind === 'saved') return t('dealPage.saved');
  if (state.kind === 'held') return t('dealPage.notSaved');
  return '';
}
