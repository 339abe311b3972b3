// Short confirmations that something happened ("Saved", "Copied", "Task deleted · Undo") on Radix
// Toast: one polite live region (a screen reader reads each), F8 focuses it, Esc or a swipe dismisses,
// and the timer pauses while hovered or focused. `useToast()` shows one from anywhere under
// <ToastRegion>; outside one (a unit test rendering a lone component) it does nothing.
import { X } from 'lucide-react';
import * as RToast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

export type ToastInput = {
  text: string;
  kind?: 'success' | 'error' | 'info';
  /** An undo or follow-up: its label and what it does; the toast then stays longer. */
  action?: { label: string; run(): void };
  /** Milliseconds before it hides (default 4 s, 8 s with an action). */
  duration?: number;
  /** What it answers (e.g. `members-notice`, a settings card's): its data-source, for tests. */
  source?: string;
};
type Shown = ToastInput & { id: number };

const ToastContext = createContext<(t: ToastInput) => void>(() => undefined);

/** Shows a toast: `const toast = useToast(); toast({ text: t('common.saved') })`. */
export function useToast(): (t: ToastInput) => void {
  return useContext(ToastContext);
}

export function ToastRegion({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Shown[]>([]);
  const next = useRef(1);
  const show = useCallback((input: ToastInput) => {
    const id = next.current++;
    // At most three at once: the oldest goes first.
    setToasts((list) => [...list.slice(-2), { ...input, id }]);
  }, []);
  const drop = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      <RToast.Provider label={t('ui.toast.region')} swipeDirection="right">
        {children}
        {toasts.map((x) => (
          <RToast.Root
            key={x.id}
            className={`toast-item toast-${x.kind ?? 'success'}`}
            duration={x.duration ?? (x.action ? 8000 : 4000)}
            type={x.kind === 'error' ? 'foreground' : 'background'}
            onOpenChange={(open) => !open && drop(x.id)}
            data-testid="toast"
            data-source={x.source}
            data-kind={x.kind ?? 'success'}
          >
            <RToast.Description className="toast-text">{x.text}</RToast.Description>
            {x.action && (
              <RToast.Action asChild altText={x.action.label}>
                <button type="button" className="link" onClick={x.action.run} data-testid="toast-action">
                  {x.action.label}
                </button>
              </RToast.Action>
            )}
            <RToast.Close asChild>
              <button type="button" className="link toast-close" aria-label={t('common.close')}>
                <X size={14} aria-hidden="true" />
              </button>
            </RToast.Close>
          </RToast.Root>
        ))}
        <RToast.Viewport
          className="toast-viewport"
          label={t('ui.toast.region')}
          data-testid="toast-viewport"
        />
      </RToast.Provider>
    </ToastContext.Provider>
  );
}
