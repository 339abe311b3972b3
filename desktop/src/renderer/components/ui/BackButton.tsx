// The way back from a stacked view (phone width: a conversation to the list, a contact to Contacts, the
// customer panel to its conversation): one arrow and word for every screen, and a label that names
// where it goes for screen readers. `phoneOnly` hides it where the views stand side by side.
import { ArrowLeft } from 'lucide-react';
import { useI18n } from '../../i18n/i18n';

export function BackButton(props: { to: string; onClick(): void; phoneOnly?: boolean }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={props.phoneOnly ? 'stack-back phone-only' : 'stack-back'}
      aria-label={props.to}
      onClick={props.onClick}
      data-testid="stack-back"
    >
      <ArrowLeft size={14} aria-hidden="true" /> {t('layout.back')}
    </button>
  );
}
