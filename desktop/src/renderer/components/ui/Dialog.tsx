// The app's dialogs on Radix primitives: focus moves in and is trapped while open, Esc and a click
// outside close, focus returns to what opened it, and the title names the dialog (aria-labelledby).
// Styled by styles.css's .overlay/.dialog rules, i.e. the design tokens.
import * as RAlert from '@radix-ui/react-alert-dialog';
import * as RDialog from '@radix-ui/react-dialog';
import { useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../../i18n/i18n';

type DialogProps = {
  onClose(): void;
  /** The dialog's name: shown as its heading, or read only by screen readers with `hideTitle`. */
  title: ReactNode;
  hideTitle?: boolean;
  children: ReactNode;
  /** The content box's class (default `dialog`); `palette` for the command palette. */
  className?: string;
  testId?: string;
  /** Renders the content as a <form> submitted by Enter / its submit button. */
  onSubmit?(e: FormEvent<HTMLFormElement>): void;
  /** What gets focus on open (default: the first focusable element). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** False to keep the dialog open on Esc / a click outside (e.g. while something runs). */
  dismissable?: boolean;
  /** Sees Esc first: `preventDefault()` keeps the dialog open (e.g. Esc closes a list inside it). */
  onEscape?(e: KeyboardEvent): void;
};

/**
 * What had the focus when a dialog opened, focused again when it closes: Radix gives it back to its
 * own Trigger, and these dialogs are opened by the app's buttons and shortcuts instead. A dialog opened
 * from a menu item (DropdownMenu) gives it back to the menu's button: the item is gone by then.
 */
function openerOf(el: Element | null): HTMLElement | null {
  if (!(el instanceof HTMLElement)) return null;
  const menu = el.closest('[role=menu]');
  const button = menu?.id
    ? document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`)
    : null;
  return button ?? el;
}

function useOpener() {
  const [opener] = useState(() => openerOf(document.activeElement));
  return (e: Event) => {
    e.preventDefault();
    if (opener?.isConnected) opener.focus();
  };
}

/** An open modal dialog; render it only while open (its parent unmounts it to close). */
export function Dialog(p: DialogProps) {
  const giveFocusBack = useOpener();
  const dismiss = p.dismissable === false ? (e: Event) => e.preventDefault() : undefined;
  const body = (
    <>
      <RDialog.Title asChild>
        <h2 className={p.hideTitle ? 'visually-hidden' : undefined}>{p.title}</h2>
      </RDialog.Title>
      {p.children}
    </>
  );
  return (
    <RDialog.Root open onOpenChange={(open) => !open && p.onClose()}>
      <RDialog.Portal>
        <RDialog.Overlay className="overlay">
          <RDialog.Content
            asChild
            aria-describedby={undefined}
            onEscapeKeyDown={(e) => {
              p.onEscape?.(e);
              dismiss?.(e);
            }}
            onPointerDownOutside={dismiss}
            onCloseAutoFocus={giveFocusBack}
            onOpenAutoFocus={(e) => {
              const el = p.initialFocus?.current;
              if (el) {
                e.preventDefault();
                el.focus();
              }
            }}
          >
            {p.onSubmit ? (
              <form
                className={`${p.className ?? 'dialog'} form`}
                data-testid={p.testId}
                onSubmit={(e) => {
                  e.preventDefault();
                  p.onSubmit?.(e);
                }}
              >
                {body}
              </form>
            ) : (
              <div className={p.className ?? 'dialog'} data-testid={p.testId}>
                {body}
              </div>
            )}
          </RDialog.Content>
        </RDialog.Overlay>
      </RDialog.Portal>
    </RDialog.Root>
  );
}

type ConfirmProps = {
  /** The question, naming the thing: "Delete this pipeline?" */
  title: ReactNode;
  /** What follows, e.g. "Its deals move to …; this cannot be undone." */
  description?: ReactNode;
  /** The action's own name on its button ("Delete pipeline"), never a bare "OK". */
  confirmLabel: ReactNode;
  onConfirm(): void;
  onCancel(): void;
  /** A destructive action's button is red; Cancel has the focus first, so Enter does not destroy. */
  destructive?: boolean;
  testId?: string;
};

/** Asks before an action (an alertdialog: a click outside does not close it, Esc cancels). */
export function ConfirmDialog(p: ConfirmProps) {
  const { t } = useI18n();
  const testId = p.testId ?? 'confirm-dialog';
  const giveFocusBack = useOpener();
  return (
    // Always open while rendered: Cancel and Esc call onCancel, the action onConfirm (Radix's own
    // close after either is left to the parent, which unmounts it).
    <RAlert.Root open>
      <RAlert.Portal>
        <RAlert.Overlay className="overlay">
          <RAlert.Content
            className="dialog confirm-dialog"
            data-testid={testId}
            onCloseAutoFocus={giveFocusBack}
            onEscapeKeyDown={(e) => {
              e.preventDefault();
              p.onCancel();
            }}
          >
            <RAlert.Title asChild>
              <h2>{p.title}</h2>
            </RAlert.Title>
            {p.description ? (
              <RAlert.Description asChild>
                <p>{p.description}</p>
              </RAlert.Description>
            ) : null}
            <div className="reply-actions">
              <RAlert.Cancel asChild>
                <button type="button" onClick={p.onCancel} data-testid={`${testId}-cancel`}>
                  {t('common.cancel')}
                </button>
              </RAlert.Cancel>
              <RAlert.Action asChild>
                <button
                  type="button"
                  className={p.destructive === false ? 'primary' : 'danger'}
                  onClick={p.onConfirm}
                  data-testid={`${testId}-confirm`}
                >
                  {p.confirmLabel}
                </button>
              </RAlert.Action>
            </div>
          </RAlert.Content>
        </RAlert.Overlay>
      </RAlert.Portal>
    </RAlert.Root>
  );
}
