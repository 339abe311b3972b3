// A message's attachments under its text: name, kind and size, and a download. The bytes come from
// the server (GET /conversations/:id/messages/:messageId/attachments/:index) or, offline, from the
// device's replicated copy of the team's files. A photo (up to 5 MB) shows a
// preview. What the channel alone kept (over its size limit) says so, with the channel's note on it
// (VK and e-mail: why it was not stored).
import { ImageIcon, Paperclip } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { AttachmentMeta, MessageDoc } from '@app/shared/schemas';
import { useWorkspace } from '../data/hooks';
import { useFormat, useI18n } from '../i18n/i18n';
import { errorText } from '../i18n/error-text';

const previewable = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;

type MessageRef = { id: string; conversationId: string };

/** The API path of a message's stored attachment. */
const attachmentPath = (message: MessageRef, index: number) =>
  `/api/v1/conversations/${encodeURIComponent(message.conversationId)}/messages/${encodeURIComponent(message.id)}/attachments/${index}`;

/** The file's bytes: the server's while online, else the device's replicated copy. */
async function fileBlob(
  ws: ReturnType<typeof useWorkspace>,
  fileDocId: string,
  message: MessageRef,
  index: number,
): Promise<Blob> {
  if (navigator.onLine) {
    const res = await ws
      .authFetch(`${ws.session.serverUrl}${attachmentPath(message, index)}`)
      .catch(() => undefined);
    if (res?.ok) return res.blob();
  }
  const local = await ws.files.getFile(fileDocId).catch(() => undefined);
  if (local && local.size > 0) return local;
  // Coded, so the UI says it in its language (i18n/error-text.ts, `error.attachment-unavailable`).
  throw Object.assign(new Error('not on this device, and the server cannot be reached'), {
    code: 'attachment-unavailable',
  });
}

/** A photo's preview (an object URL, revoked when it goes), or undefined while there is none. */
function usePreview(message: MessageRef, fileDocId: string | undefined, index: number, wanted: boolean) {
  const ws = useWorkspace();
  const [url, setUrl] = useState<string>();
  const { id, conversationId } = message;
  useEffect(() => {
    if (!fileDocId || !wanted) return;
    let alive = true;
    let made: string | undefined;
    fileBlob(ws, fileDocId, { id, conversationId }, index).then(
      (b) => {
        if (!alive) return;
        made = URL.createObjectURL(b);
        setUrl(made);
      },
      () => undefined, // offline and not on this device yet: no preview
    );
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [ws, fileDocId, id, conversationId, index, wanted]);
  return url;
}

function Attachment({ message, a, index }: { message: MessageDoc; a: AttachmentMeta; index: number }) {
  const ws = useWorkspace();
  const { t } = useI18n();
  const fmt = useFormat();
  const [error, setError] = useState<string | null>(null);
  const isImage = a.kind === 'photo' && previewable.has(a.mimeType ?? 'image/jpeg');
  const preview = usePreview(message, a.fileDocId, index, isImage && (a.size ?? 0) <= MAX_PREVIEW_BYTES);

  const name = a.fileName ?? t(`attachment.kind.${a.kind}`);
  const download = async () => {
    setError(null);
    try {
      const blob = await fileBlob(ws, a.fileDocId!, message, index);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(t('attachment.failed', { message: errorText(t, e) }));
    }
  };

  return (
    <div className="attachment" data-testid="attachment" data-kind={a.kind}>
      {preview && <img className="attachment-preview" src={preview} alt={a.caption ?? name} />}
      <div className="attachment-row">
        <span className="attachment-icon" aria-hidden>
          {isImage ? <ImageIcon size={14} /> : <Paperclip size={14} />}
        </span>
        <span className="attachment-name ellipsis" title={name}>
          {name}
        </span>
        {a.size !== undefined && <span className="muted small">{fmt.bytes(a.size)}</span>}
        {a.fileDocId ? (
          <button className="link" onClick={download} data-testid="attachment-download">
            {t('attachment.download')}
          </button>
        ) : (
          a.externalFileId && <span className="muted small">{t('attachment.channelOnly')}</span>
        )}
      </div>
      {!a.fileDocId && a.caption && (
        <div className="muted small" data-testid="attachment-note">
          {a.caption}
        </div>
      )}
      {error && (
        <div className="error small" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function MessageAttachments({ message }: { message: MessageDoc }) {
  const files = message.attachments.filter((a) => a.kind !== 'contact' && a.kind !== 'location');
  if (files.length === 0) return null;
  return (
    <div className="attachments">
      {message.attachments.map((a, i) =>
        a.kind === 'contact' || a.kind === 'location' ? null : (
          <Attachment
            key={`${i}-${a.fileDocId ?? a.externalFileId ?? ''}`}
            message={message}
            a={a}
            index={i}
          />
        ),
      )}
    </div>
  );
}
