// Offered choices (issue 61) in the rep's conversation: the articles an agent's message offered, as
// read-only chips under it, and a small "picked" mark on the customer's message that picked one (its
// text is the label picked). MessageList.tsx shows them under each message's text.
import { Check } from 'lucide-react';
import type { MessageDoc } from '@app/shared/schemas';
import { useI18n } from '../i18n/i18n';
import './conversation-extras.css';

export function MessageChoices({ message }: { message: MessageDoc }) {
  const { t } = useI18n();
  if (message.direction === 'outbound' && message.choices?.length)
    return (
      <ul className="msg-choices" aria-label={t('choices.offered')} data-testid="message-choices">
        {message.choices.map((c) => (
          <li key={c.id} className={`msg-choice${c.id === 'none' ? ' msg-choice-none' : ''}`}>
            {c.label}
          </li>
        ))}
      </ul>
    );
  if (message.direction === 'inbound' && message.picked)
    return (
      <div className="msg-picked muted" data-testid="message-picked">
        <Check size={12} aria-hidden="true" /> {t('choices.picked')}
      </div>
    );
  return null;
}
