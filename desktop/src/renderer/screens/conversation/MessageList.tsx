// A conversation's messages, virtualised (only the rows in view are rendered): a day's heading above
// its first message, each message's files, the choices an agent's message offered (and a pick's mark),
// its delivery, and the AI's steps under the reply they wrote or the customer message they handled
// (Conversation.tsx).
import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ActivityDoc, MessageDoc } from '@app/shared/schemas';
import { AgentSteps } from '../../components/AgentSteps';
import { DeliveryState } from '../../components/DeliveryState';
import { MessageAttachments } from '../../components/MessageAttachments';
import { MessageChoices } from '../../components/MessageChoices';
import { useFormat, useI18n } from '../../i18n/i18n';
import { authorLabel } from '../../i18n/labels';

export function MessageList(props: {
  messages: readonly MessageDoc[];
  activity: readonly ActivityDoc[];
  /** Replies wait on a channel that is not connected. */
  notConnected: boolean;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { messages, notConnected } = props;
  const runsByMessage = useMemo(() => runsAt(messages, props.activity), [messages, props.activity]);
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: messages.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 8,
  });
  useEffect(() => {
    if (messages.length) virtual.scrollToIndex(messages.length - 1, { align: 'end' });
  }, [messages.length, virtual]);
  // Focusable: the history scrolls by keyboard too (a phone's conversation rarely fits).
  return (
    <div ref={parent} className="scroll messages" tabIndex={0} data-testid="messages">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((row) => {
          const m = messages[row.index]!;
          // A day's heading above its first message (in the rep's time zone), as chat apps show.
          const day = fmt.dayOf(m.createdAt);
          const newDay = row.index === 0 || fmt.dayOf(messages[row.index - 1]!.createdAt) !== day;
          return (
            <div
              key={m.id}
              ref={virtual.measureElement}
              data-index={row.index}
              className={`msg msg-${m.direction} author-${m.author.kind}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${row.start}px)`,
              }}
              data-testid="message"
            >
              {newDay && (
                <div className="msg-day" role="separator" data-day={day} data-testid="message-day">
                  <span>{fmt.dayHeading(m.createdAt, Date.now())}</span>
                </div>
              )}
              <div className="bubble">
                {m.text && <div className="msg-text">{m.text}</div>}
                <MessageAttachments message={m} />
                <MessageChoices message={m} />
                <div className="msg-meta muted">
                  {authorLabel(t, m.author.kind)} · {fmt.time(m.createdAt)}
                  {m.direction === 'outbound' && (
                    <>
                      {' '}
                      · <DeliveryState message={m} notConnected={notConnected} />
                    </>
                  )}
                </div>
                {runsByMessage.get(m.id)?.map((run) => (
                  <AgentSteps
                    key={run[0]!.runId}
                    run={run}
                    {...(m.author.kind === 'agent' ? { reply: m } : {})}
                  />
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * Where each agent run's steps are shown: under the agent reply it wrote (the reply's `runId`), else
 * under the customer message it handled (a run that handed over or stayed silent).
 */
function runsAt(
  messages: readonly MessageDoc[],
  activity: readonly ActivityDoc[],
): Map<string, ActivityDoc[][]> {
  const runs = new Map<string, ActivityDoc[]>();
  for (const a of activity) {
    const run = runs.get(a.runId);
    if (run) run.push(a);
    else runs.set(a.runId, [a]);
  }
  const at = new Map<string, ActivityDoc[][]>();
  const place = (messageId: string, run: ActivityDoc[]) =>
    at.set(messageId, [...(at.get(messageId) ?? []), run]);
  const ids = new Set(messages.map((m) => m.id));
  const replyOf = new Map<string, string>();
  for (const m of messages) {
    if (m.direction === 'outbound' && m.author.kind === 'agent' && m.runId && !replyOf.has(m.runId))
      replyOf.set(m.runId, m.id);
  }
  for (const [runId, run] of runs) {
    const reply = replyOf.get(runId);
    const handled = run.find((a) => a.messageId && ids.has(a.messageId))?.messageId;
    if (reply) place(reply, run);
    else if (handled) place(handled, run);
  }
  return at;
}
