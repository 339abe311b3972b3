// A conversation's head in the activity timeline (ActivityTimeline.tsx): the customer's avatar with its
// channel's mark, their name (a link to the contact), the channel in words, a link to the deal and one
// to open the conversation, and "New" when any of its steps arrived while the screen was open.
import type { ConversationDoc } from '@app/shared/schemas';
import { ChannelMark } from '../../components/ChannelMark';
import { useI18n } from '../../i18n/i18n';
import { channelLabel } from '../../i18n/labels';
import { avatarColor, initialsOf } from '../../lib/avatar';
import type { GroupHead } from './timeline-groups';

const href = (route: string, id: string) => `#/${route}/${encodeURIComponent(id)}`;

export function GroupHeader({ head }: { head: GroupHead }) {
  const { t } = useI18n();
  const who = head.who ?? t('act.customer');
  return (
    <div className="tl-group" data-testid="activity-group" data-fresh={head.fresh}>
      <span className={`avatar c${avatarColor(head.contactId ?? head.key)}`} aria-hidden="true">
        {initialsOf(who)}
        {head.channel && <ChannelMark channel={head.channel as ConversationDoc['channel']} />}
      </span>
      <div className="tl-group-who">
        {head.contactId ? (
          <a
            className="tl-group-name"
            href={href('contacts', head.contactId)}
            data-testid="activity-link-contact"
          >
            {who}
          </a>
        ) : (
          <strong className="tl-group-name">{who}</strong>
        )}
        {head.channel && <span className="muted small">{channelLabel(t, head.channel)}</span>}
        {head.fresh && (
          <span className="pill tl-new" data-testid="activity-new">
            {t('act.new')}
          </span>
        )}
      </div>
      <div className="tl-group-links small">
        {head.leadId && (
          <a href={href('deals', head.leadId)} data-testid="activity-link-deal">
            {t('act.link.deal')}
          </a>
        )}
        {head.conversationId && (
          <a href={href('inbox', head.conversationId)} data-testid="activity-link-conversation">
            {t('act.link.openConversation')}
          </a>
        )}
      </div>
    </div>
  );
}
