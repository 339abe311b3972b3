// Merging another contact into the one on screen (issue 14): "Merge with…" (the contact page's
// actions menu, ContactActions.tsx) opens a dialog that finds
// a contact by name, e-mail or phone among the local ones, asks the server what would move
// (GET /contacts/:id/merge?from=, counts only), and on Merge calls POST /contacts/:id/merge. The
// server moves the other contact's conversations, deals, tasks, meetings and twin here and leaves it
// as a link to this one; replication brings the result. Offline, the dialog says it needs the server.
// The dialog is the UI kit's (components/ui/Dialog): focus trapped, Esc and a click outside close
// (not while the merge runs), focus back to the button that opened it.
import { useEffect, useMemo, useState } from 'react';
import { contactPointValues, type ContactDoc } from '@app/shared/schemas';
import { Dialog } from '../components/ui/Dialog';
import { ApiError } from '../data/auth';
import { useLiveQuery, useObservable, useWorkspace } from '../data/hooks';
import { errorText } from '../i18n/error-text';
import { useI18n, type Translate } from '../i18n/i18n';

type Counts = Record<'conversations' | 'leads' | 'tasks' | 'events' | 'messages' | 'facts', number>;
type Preview = { into: { id: string; name: string }; from: { id: string; name: string }; moves: Counts };

export const contactName = (
  t: Translate,
  c: Pick<ContactDoc, 'name' | 'email' | 'phone'> | null | undefined,
) => c?.name || c?.email || c?.phone || t('merge.unnamed');

/** Whether a contact matches a search by name, company, e-mail or phone (any of its values). */
export function contactMatches(c: ContactDoc, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const digits = q.replace(/\D/g, '');
  const texts = [c.name, c.company ?? '', ...contactPointValues(c, 'email')].map((v) => v.toLowerCase());
  if (texts.some((v) => v.includes(q))) return true;
  return (
    digits.length >= 3 && contactPointValues(c, 'phone').some((p) => p.replace(/\D/g, '').includes(digits))
  );
}

/** The search for the contact to merge in, and the first 50 that match (not this one, nor a merged one). */
function MergeCandidates({
  docs,
  contactId,
  q,
  setQ,
  onPick,
}: {
  docs: readonly ContactDoc[];
  contactId: string;
  /** The search, kept by the dialog: back from a pick, it is still there. */
  q: string;
  setQ: (q: string) => void;
  onPick: (id: string) => void;
}) {
  const { t } = useI18n();
  const candidates = useMemo(
    () =>
      docs
        .filter((c) => c.id !== contactId && !c.mergedInto && contactMatches(c, q))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, 50),
    [docs, q, contactId],
  );
  return (
    <>
      <input
        data-testid="merge-search"
        placeholder={t('merge.search')}
        aria-label={t('merge.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {candidates.length === 0 && <p className="muted">{t('merge.noMatches')}</p>}
      <ul className="plain-list" data-testid="merge-candidates">
        {candidates.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => onPick(c.id)} data-testid={`merge-pick-${c.id}`}>
              {t('merge.pick')}
            </button>{' '}
            <strong>{contactName(t, c)}</strong>{' '}
            <span className="muted small">
              {[...contactPointValues(c, 'email'), ...contactPointValues(c, 'phone')].join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The merge dialog, opened from the contact page's actions menu or a proposal (`initialFrom`). */
export function MergeDialog(props: {
  contact: ContactDoc;
  initialFrom?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const { docs } = useLiveQuery('contacts', {});
  const [q, setQ] = useState('');
  const [from, setFrom] = useState<string | undefined>(props.initialFrom);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  const sync = useObservable(ws.sync.summary$, ws.sync.summary$.value);
  const offline = sync.state === 'offline';

  const failed = (e: unknown) =>
    setNote({ error: true, text: e instanceof ApiError ? errorText(t, e) : t('merge.needsServer') });

  const fromName = contactName(
    t,
    docs.find((c) => c.id === from),
  );

  useEffect(() => {
    if (!from || offline) return;
    let live = true;
    setPreview(null);
    setNote(null);
    ws.api
      .get<Preview>(
        `/contacts/${encodeURIComponent(props.contact.id)}/merge?from=${encodeURIComponent(from)}`,
      )
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && failed(e));
    return () => {
      live = false;
    };
  }, [from, offline, props.contact.id, ws]);

  const merge = async () => {
    if (!from) return;
    setBusy(true);
    try {
      await ws.api.post(`/contacts/${encodeURIComponent(props.contact.id)}/merge`, { from });
      ws.sync.syncNow();
      setNote({ error: false, text: t('merge.done', { name: fromName }) });
      setFrom(undefined);
      setPreview(null);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('merge.title', { name: contactName(t, props.contact) })}
      onClose={props.onClose}
      className="dialog form"
      testId="merge-dialog"
      dismissable={!busy}
    >
      {offline && <p className="notice notice-error">{t('merge.needsServer')}</p>}
      {!from && !offline && (
        <MergeCandidates docs={docs} contactId={props.contact.id} q={q} setQ={setQ} onPick={setFrom} />
      )}
      {from && !offline && (
        <p data-testid="merge-preview">
          {preview ? t('merge.preview', { name: fromName, ...preview.moves }) : t('merge.previewLoading')}
        </p>
      )}
      {note && (
        <p
          className={`notice ${note.error ? 'notice-error' : 'notice-success'}`}
          role={note.error ? 'alert' : 'status'}
          data-testid="merge-note"
        >
          {note.text}
        </p>
      )}
      <div className="reply-actions">
        {from && (
          <button type="button" onClick={() => setFrom(undefined)} disabled={busy}>
            {t('merge.back')}
          </button>
        )}
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
        {from && (
          <button
            type="button"
            className="primary"
            data-testid="merge-confirm"
            disabled={busy || !preview || offline}
            onClick={() => void merge()}
          >
            {t('merge.confirm')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
