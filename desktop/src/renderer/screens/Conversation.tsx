// One conversation: messages (live, virtualised) with their files, take over / hand back, reply with
// autosaved drafts, files and an AI draft suggestion; lead changes the agent proposed wait at the top for the rep's decision.
// Under each agent reply (or a customer message the AI did not answer) a collapsed line of the AI's
// steps; on each outgoing message its delivery, why it is not delivered, and Retry when it failed.
import { useEffect, useMemo, useRef } from 'react';
import { isDemoConversation } from '@app/shared/crm';
import { useLiveDoc, useLiveQuery, useWorkspace } from '../data/hooks';
import { useChannelProblem } from '../data/channel-status';
import { useAiTyping } from '../data/ai-typing';
import { mayDo } from '../data/role';
import { updateDoc } from '../data/workspace';
import { useI18n } from '../i18n/i18n';
import { ConversationHeader } from './conversation/ConversationHeader';
import { MessageList } from './conversation/MessageList';
import { ReplyBox } from './conversation/ReplyBox';

/** How long the take-over / hand-back button ignores clicks after the mode changed live. */
const MODE_SETTLE_MS = 800;

export function Conversation({ id }: { id: string }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const conv = useLiveDoc('conversations', id);
  const channel = useChannelProblem(conv?.channel, isDemoConversation(conv ?? undefined));
  const contact = useLiveDoc('contacts', conv?.contactId);
  const lead = useLiveDoc('leads', conv?.leadId);
  const { docs } = useLiveQuery('messages', { selector: { conversationId: id } }, [id]);
  const messages = useMemo(() => [...docs].sort((a, b) => a.createdAt.localeCompare(b.createdAt)), [docs]);
  const { docs: activity } = useLiveQuery('activity', { selector: { conversationId: id } }, [id]);
  // The AI may be writing an answer: it has the conversation and the customer wrote last (drafted for
  // web chat only, the channel whose customers see it too).
  const aiTyping = useAiTyping(
    id,
    conv?.channel === 'webchat' && conv.mode !== 'human' && messages.at(-1)?.direction === 'inbound',
  );

  useEffect(() => {
    // Marking read is a write: not for a role that may only read conversations (the server refuses it).
    if (conv && (conv.unreadCount ?? 0) > 0 && mayDo(ws.role, 'conversations', 'update'))
      void updateDoc(ws, 'conversations', conv.id, { unreadCount: 0 });
  }, [conv, ws]);

  // "Take over" and "hand back" swap in place when the mode changes live (say, the AI hands over as
  // the rep clicks). A click that lands in that moment must not undo what the rep meant: the button
  // ignores clicks for a moment after a live change of the mode.
  const lastMode = useRef(conv?.mode);
  const modeChangedAt = useRef(0);
  useEffect(() => {
    if (lastMode.current !== undefined && lastMode.current !== conv?.mode) modeChangedAt.current = Date.now();
    lastMode.current = conv?.mode;
  }, [conv?.mode]);
  const modeSettled = () => Date.now() - modeChangedAt.current >= MODE_SETTLE_MS;

  if (!conv) return <p className="empty">{t('common.loading')}</p>;

  const takeOver = () =>
    void (
      modeSettled() &&
      updateDoc(ws, 'conversations', id, { mode: 'human', assigneeId: ws.session.userId ?? ws.deviceId })
    );
  const handBack = () =>
    void (modeSettled() && updateDoc(ws, 'conversations', id, { mode: 'ai', handoffReason: undefined }));
  // Replies wait on a channel that is not connected (demo conversations are never sent: shown apart).
  const notConnected = channel === 'not-connected';
  return (
    <div className="conversation">
      <ConversationHeader conv={conv} contact={contact} lead={lead} takeOver={takeOver} handBack={handBack} />
      <MessageList messages={messages} activity={activity} notConnected={notConnected} />
      <div className="muted small" role="status" aria-live="polite" data-testid="ai-typing">
        {aiTyping ? t('inbox.aiTyping') : ''}
      </div>
      <ReplyBox conv={conv} messages={messages} notConnected={notConnected} stalled={channel === 'stalled'} />
    </div>
  );
}
