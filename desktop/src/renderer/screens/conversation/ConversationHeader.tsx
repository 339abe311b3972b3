// A conversation's header: who it is with, on which channel and in which mode, a hand-off's reason,
// the lead changes the agent proposed, and Take over / Hand back (Conversation.tsx).
import { MoodBadge } from '../../components/MoodBadge';
import { isDemoConversation } from '@app/shared/crm';
import type { ContactDoc, ConversationDoc, LeadDoc } from '@app/shared/schemas';
import { useI18n } from '../../i18n/i18n';
import { channelLabel, handoffReasonLabel } from '../../i18n/labels';
import { LeadProposals } from '../LeadProposals';

export function ConversationHeader(props: {
  conv: ConversationDoc;
  contact: ContactDoc | null;
  lead: LeadDoc | null;
  takeOver: () => void;
  handBack: () => void;
}) {
  const { t } = useI18n();
  const { conv, contact, lead, takeOver, handBack } = props;
  const human = conv.mode === 'human';
  return (
    <header className="conv-header">
      <div>
        <h2>{contact?.name || conv.externalChatId}</h2>
        <span className="muted">
          {channelLabel(t, conv.channel)} · {human ? t('inbox.mode.human') : t('inbox.mode.ai')}
        </span>{' '}
        <MoodBadge conv={conv} />
        {isDemoConversation(conv) && (
          <div className="muted small" data-testid="demo-conversation">
            {t('demo.conversation')}
          </div>
        )}
        {conv.handoffReason && (
          <div className="warning">
            {t('inbox.handoff', { reason: handoffReasonLabel(t, conv.handoffReason) })}
          </div>
        )}
        <LeadProposals lead={lead} />
      </div>
      <div className="actions">
        {contact && (
          <a className="button" href={`#/contacts/${encodeURIComponent(contact.id)}`}>
            {t('contact.title')}
          </a>
        )}
        {human ? (
          <button onClick={handBack} data-testid="hand-back">
            {t('inbox.handBack')}
          </button>
        ) : (
          <button className="primary" onClick={takeOver} data-testid="take-over">
            {t('inbox.takeOver')}
          </button>
        )}
      </div>
    </header>
  );
}
