// One conversation: messages (live, virtualised) with their files, take over / hand back, reply with
// autosaved drafts, files and an AI draft suggestion; lead changes the agent proposed wait at the top for the rep's decision.
// Under each agent reply (or a customer message the AI did not answer) a collapsed line of the AI's
// steps; on each outgoing message its delivery, why it is not delivered, and Retry when it failed.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { isDemoConversation } from '@app/shared/crm';
import { newId } from '@app/shared/ids';
import type { ActivityDoc, MessageDoc } from '@app/shared/schemas';
import { useLiveDoc, useLiveQuery, useWorkspace } from '../data/hooks';
import { useChannelConnected } from '../data/channel-status';
import { useAiTyping } from '../data/ai-typing';
import { useDisplayName } from '../data/profile';
import { mayDo } from '../data/role';
import { insertDocs, updateDoc } from '../data/workspace';
import { useFormat, useI18n } from '../i18n/i18n';
import { authorLabel, channelLabel, handoffReasonLabel } from '../i18n/labels';
import { formatter } from '../lib/format';
import { clearDraft, createAutosaver, loadDraft, saveDraft } from '../lib/drafts';
import { useSearch } from '../search/search-context';
import { LeadProposals } from './LeadProposals';
import { MessageAttachments } from '../components/MessageAttachments';
import { AgentSteps } from '../components/AgentSteps';
import { DeliveryState } from '../components/DeliveryState';

/** A rep's file: what Telegram's sendDocument and most mail servers take. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Files per message (the gateway's limit of a message's attachments is 20). */
const MAX_FILES = 10;

/** How long the take-over / hand-back button ignores clicks after the mode changed live. */
const MODE_SETTLE_MS = 800;

export function Conversation({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const { name: displayName } = useDisplayName();
  const search = useSearch();
  const conv = useLiveDoc('conversations', id);
  const channelConnected = useChannelConnected(conv?.channel);
  const contact = useLiveDoc('contacts', conv?.contactId);
  const lead = useLiveDoc('leads', conv?.leadId);
  const { docs } = useLiveQuery('messages', { selector: { conversationId: id } }, [id]);
  const messages = useMemo(() => [...docs].sort((a, b) => a.createdAt.localeCompare(b.createdAt)), [docs]);
  const { docs: activity } = useLiveQuery('activity', { selector: { conversationId: id } }, [id]);
  const runsByMessage = useMemo(() => runsAt(messages, activity), [messages, activity]);
  // The AI may be writing an answer: it has the conversation and the customer wrote last (drafted for
  // web chat only, the channel whose customers see it too).
  const aiTyping = useAiTyping(
    id,
    conv?.channel === 'webchat' && conv.mode !== 'human' && messages.at(-1)?.direction === 'inbound',
  );
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const autosaver = useMemo(
    () =>
      createAutosaver((value) => {
        const d = saveDraft(localStorage, id, value);
        if (d) setNote(t('inbox.draftSaved', { time: formatter(locale).time(d.savedAt) }));
      }),
    [id, t],
  );

  useEffect(() => {
    const d = loadDraft(localStorage, id);
    if (d) {
      setText(d.text);
      setNote(t('inbox.draftRestored'));
    }
    const flush = () => autosaver.flush();
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('beforeunload', flush);
      autosaver.flush();
    };
    // Restore once per conversation (t is stable per language).
  }, [id, autosaver]);

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

  if (!conv) return <p className="empty">{t('common.loading')}</p>;

  const takeOver = () =>
    modeSettled() &&
    updateDoc(ws, 'conversations', id, { mode: 'human', assigneeId: ws.session.userId ?? ws.deviceId });
  const handBack = () =>
    modeSettled() && updateDoc(ws, 'conversations', id, { mode: 'ai', handoffReason: undefined });

  const pick = (chosen: FileList | null) => {
    setFileError(null);
    const ok: File[] = [];
    for (const f of Array.from(chosen ?? [])) {
      if (f.size > MAX_FILE_BYTES)
        setFileError(t('attachment.tooLarge', { name: f.name, limit: fmt.bytes(MAX_FILE_BYTES) }));
      else if (f.size > 0) ok.push(f);
    }
    setFiles((before) => [...before, ...ok].slice(0, MAX_FILES));
    if (picker.current) picker.current.value = '';
  };

  const send = async () => {
    const body = text.trim();
    if (!body && files.length === 0) return;
    const now = new Date().toISOString();
    const msgId = newId('msg-rep');
    // The files first, on the device (they replicate to the server; its sender waits for them).
    const attachments: MessageDoc['attachments'] = [];
    for (const [i, f] of files.entries()) {
      const fileDocId = `rfile-${msgId}-${i}`;
      const mimeType = (f.type || 'application/octet-stream').slice(0, 127);
      await ws.files.putFile(fileDocId, f.name.slice(0, 255), mimeType, f, {
        messageId: msgId,
        conversationId: id,
      });
      attachments.push({
        kind: mimeType.startsWith('image/') ? 'photo' : 'document',
        fileName: f.name.slice(0, 255),
        mimeType,
        size: f.size,
        fileDocId,
      });
    }
    const doc: MessageDoc = {
      id: msgId,
      conversationId: id,
      contactId: conv.contactId,
      channel: conv.channel,
      direction: 'outbound',
      author: {
        kind: 'rep',
        ...(ws.session.userId ? { id: ws.session.userId } : {}),
        // The display name, never the login: the server signs with the member's name from their id.
        ...(displayName ? { name: displayName } : {}),
      },
      text: body,
      attachments,
      delivery: { status: 'pending', attempts: 0 },
      idempotencyKey: `rep:${msgId}`,
      createdAt: now,
      updatedAt: now,
    };
    await insertDocs(ws, 'messages', [doc]);
    // A rep wrote: the customer no longer waits for one (ends the hand-off's wait and its status).
    await updateDoc(ws, 'conversations', id, {
      lastMessageAt: now,
      lastMessagePreview: (body || files.map((f) => f.name).join(', ')).slice(0, 300),
      waitingSince: undefined,
    });
    autosaver.cancel();
    clearDraft(localStorage, id);
    setText('');
    setFiles([]);
    setNote(null);
  };

  const suggest = async () => {
    const lastInbound = [...messages].reverse().find((m) => m.direction === 'inbound');
    if (!lastInbound) return;
    const r = await search.search(lastInbound.text, 3);
    const top = r.hits.find((h) => h.type === 'knowledge');
    if (!top) {
      setNote(t('inbox.draftUnavailable'));
      return;
    }
    const draft = `${top.snippet.replace(/^…|…$/g, '')}\n\n— ${top.title}`;
    setText(draft);
    autosaver.change(draft);
  };

  const human = conv.mode === 'human';
  // Replies wait on a channel that is not connected (demo conversations are never sent: shown apart).
  const notConnected = channelConnected === false && !isDemoConversation(conv);
  return (
    <div className="conversation">
      <header className="conv-header">
        <div>
          <h2>{contact?.name || conv.externalChatId}</h2>
          <span className="muted">
            {channelLabel(t, conv.channel)} · {human ? t('inbox.mode.human') : t('inbox.mode.ai')}
          </span>
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
      {/* Focusable: the history scrolls by keyboard too (a phone's conversation rarely fits). */}
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
      <div className="muted small" role="status" aria-live="polite" data-testid="ai-typing">
        {aiTyping ? t('inbox.aiTyping') : ''}
      </div>
      <footer className="reply">
        {notConnected && (
          <div className="warning" role="status" data-testid="channel-not-connected">
            {t('delivery.notConnected', { channel: channelLabel(t, conv.channel) })}{' '}
            <a href="#/settings/channels">{t('nav.settings')}</a>
          </div>
        )}
        {!human && <div className="muted small">{t('inbox.takeOverFirst')}</div>}
        <textarea
          value={text}
          disabled={!human}
          placeholder={t('inbox.reply')}
          data-testid="reply-input"
          onChange={(e) => {
            setText(e.target.value);
            autosaver.change(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
          }}
        />
        {(files.length > 0 || fileError) && (
          <div className="reply-files">
            {files.map((f, i) => (
              <span className="chip" key={`${f.name}-${i}`} data-testid="reply-file">
                📎 {f.name} <span className="muted">{fmt.bytes(f.size)}</span>
                <button
                  className="link"
                  aria-label={t('attachment.remove')}
                  onClick={() => setFiles(files.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </span>
            ))}
            {fileError && (
              <span className="error small" role="alert">
                {fileError}
              </span>
            )}
          </div>
        )}
        <div className="reply-actions">
          <span className="muted small" data-testid="draft-note">
            {note}
          </span>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            data-testid="reply-file-input"
            onChange={(e) => pick(e.target.files)}
          />
          <button onClick={() => picker.current?.click()} disabled={!human} data-testid="attach">
            {t('attachment.attach')}
          </button>
          <button onClick={suggest} disabled={!human} data-testid="ai-draft">
            {t('inbox.aiDraft')}
          </button>
          <button
            className="primary"
            onClick={send}
            disabled={!human || (!text.trim() && files.length === 0)}
            data-testid="send"
          >
            {t('inbox.send')}
          </button>
        </div>
      </footer>
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
