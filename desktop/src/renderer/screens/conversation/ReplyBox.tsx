// The rep's reply under a conversation: text with an autosaved draft (restored when the conversation
// opens again), files (each up to Telegram's and most mail servers' 20 MB, ten at most), an AI draft
// from the knowledge base, and Send, which writes the message (its files first) for the server's
// sender to deliver (Conversation.tsx).
import { Paperclip, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { newId } from '@app/shared/ids';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import { useWorkspace } from '../../data/hooks';
import { useDisplayName } from '../../data/profile';
import { insertDocs, updateDoc, type Workspace } from '../../data/workspace';
import { useFormat, useI18n } from '../../i18n/i18n';
import { channelLabel } from '../../i18n/labels';
import { clearDraft, createAutosaver, loadDraft, saveDraft } from '../../lib/drafts';
import { formatter } from '../../lib/format';
import { useSearch } from '../../search/search-context';

/** A rep's file: what Telegram's sendDocument and most mail servers take. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Files per message (the gateway's limit of a message's attachments is 20). */
const MAX_FILES = 10;

/** The rep's message: its files first, on the device (they replicate; the server's sender waits for them). */
async function writeReply(
  ws: Workspace,
  conv: ConversationDoc,
  body: string,
  files: readonly File[],
  displayName: string | undefined,
): Promise<void> {
  const now = new Date().toISOString();
  const msgId = newId('msg-rep');
  const attachments: MessageDoc['attachments'] = [];
  for (const [i, f] of files.entries()) {
    const fileDocId = `rfile-${msgId}-${i}`;
    const mimeType = (f.type || 'application/octet-stream').slice(0, 127);
    await ws.files.putFile(fileDocId, f.name.slice(0, 255), mimeType, f, {
      messageId: msgId,
      conversationId: conv.id,
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
    conversationId: conv.id,
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
  await updateDoc(ws, 'conversations', conv.id, {
    lastMessageAt: now,
    lastMessagePreview: (body || files.map((f) => f.name).join(', ')).slice(0, 300),
    waitingSince: undefined,
  });
}

/** The reply's text and the note beside it, autosaved per conversation and restored when it opens. */
function useReplyDraft(id: string) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
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
  return {
    text,
    note,
    setNote,
    /** The rep typed (or a draft was suggested): shown and autosaved. */
    change(value: string) {
      setText(value);
      autosaver.change(value);
    },
    /** Sent: the draft is gone. */
    clear() {
      autosaver.cancel();
      clearDraft(localStorage, id);
      setText('');
      setNote(null);
    },
  };
}

/** Why a reply may not go out: the channel is not connected, or its replies have stalled. */
function ChannelWarnings({
  channel,
  notConnected,
  stalled,
}: {
  channel: ConversationDoc['channel'];
  notConnected: boolean;
  stalled: boolean | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {notConnected && (
        <div className="warning" role="status" data-testid="channel-not-connected">
          {t('delivery.notConnected', { channel: channelLabel(t, channel) })}{' '}
          <a href="#/settings/channels">{t('nav.settings')}</a>
        </div>
      )}
      {stalled && (
        <div className="warning" role="status" data-testid="channel-stalled">
          {t('delivery.stalled', { channel: channelLabel(t, channel) })}
        </div>
      )}
    </>
  );
}

/** The files picked for the reply, each with its size and a remove button, and why one was refused. */
function ReplyFiles({
  files,
  error,
  onRemove,
}: {
  files: readonly File[];
  error: string | null;
  onRemove: (index: number) => void;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (files.length === 0 && !error) return null;
  return (
    <div className="reply-files">
      {files.map((f, i) => (
        <span className="chip" key={`${f.name}-${i}`} data-testid="reply-file">
          <Paperclip size={12} aria-hidden="true" /> {f.name}{' '}
          <span className="muted">{fmt.bytes(f.size)}</span>
          <button className="link" aria-label={t('attachment.remove')} onClick={() => onRemove(i)}>
            <X size={12} aria-hidden="true" />
          </button>
        </span>
      ))}
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function ReplyBox(props: {
  conv: ConversationDoc;
  messages: readonly MessageDoc[];
  notConnected: boolean;
  /** Connected, but its replies have not gone out for a while (lib/channel-state.ts). */
  stalled?: boolean;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const search = useSearch();
  const { name: displayName } = useDisplayName();
  const { conv, notConnected } = props;
  const draft = useReplyDraft(conv.id);
  const { text, note } = draft;
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const human = conv.mode === 'human';

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
    await writeReply(ws, conv, body, files, displayName);
    draft.clear();
    setFiles([]);
  };
  const suggest = async () => {
    const lastInbound = [...props.messages].reverse().find((m) => m.direction === 'inbound');
    if (!lastInbound) return;
    const r = await search.search(lastInbound.text, 3);
    const top = r.hits.find((h) => h.type === 'knowledge');
    if (!top) {
      draft.setNote(t('inbox.draftUnavailable'));
      return;
    }
    draft.change(`${top.snippet.replace(/^…|…$/g, '')}\n\n— ${top.title}`);
  };

  return (
    <footer className="reply">
      <ChannelWarnings channel={conv.channel} notConnected={notConnected} stalled={props.stalled} />
      {!human && <div className="muted small">{t('inbox.takeOverFirst')}</div>}
      <textarea
        value={text}
        disabled={!human}
        placeholder={t('inbox.reply')}
        data-testid="reply-input"
        onChange={(e) => draft.change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
        }}
      />
      <ReplyFiles
        files={files}
        error={fileError}
        onRemove={(i) => setFiles(files.filter((_, j) => j !== i))}
      />
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
  );
}
