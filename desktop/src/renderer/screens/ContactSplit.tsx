// Undoing a merge from the kept contact's page (issue 14): each contact merged into this one shows as
// "Merged from X — Split". Split asks first (the UI kit's ConfirmDialog), then calls
// POST /contacts/:id/split {from}: the server gives X back its own conversations, deals, tasks,
// meetings, messages, channel ids and twin facts, and marks the two as not the same person, so the
// merge is not proposed again. Replication brings the result; offline, the note says it needs the server.
import { useState } from 'react';
import type { ContactDoc } from '@app/shared/schemas';
import { ConfirmDialog } from '../components/ui/Dialog';
import { ApiError } from '../data/auth';
import { useLiveQuery, useObservable, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { errorText } from '../i18n/error-text';
import { useI18n } from '../i18n/i18n';
import { contactName } from './ContactMerge';

export function MergedFrom(props: { contact: ContactDoc }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const { contact } = props;
  const ids = contact.mergedFrom ?? [];
  const { docs } = useLiveQuery('contacts', { selector: { id: { $in: ids } } }, [ids.join('\n')]);
  const [asking, setAsking] = useState<ContactDoc | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  const sync = useObservable(ws.sync.summary$, ws.sync.summary$.value);
  const merged = docs.filter((d) => d.mergedInto === contact.id);
  if (!merged.length && !note) return null;
  const mayDoIt = mayDo(ws.role, 'contact_merges', 'create');

  const split = async (other: ContactDoc) => {
    setAsking(null);
    setBusy(true);
    setNote(null);
    try {
      await ws.api.post(`/contacts/${encodeURIComponent(contact.id)}/split`, { from: other.id });
      ws.sync.syncNow();
      setNote({ error: false, text: t('split.done', { name: contactName(t, other) }) });
    } catch (e) {
      setNote({ error: true, text: e instanceof ApiError ? errorText(t, e) : t('split.needsServer') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="merged-from">
      {merged.map((other) => (
        <p key={other.id} className="muted small" data-testid={`merged-from-${other.id}`}>
          {t('split.mergedFrom', { name: contactName(t, other) })}
          {mayDoIt && (
            <>
              {' '}
              <button
                type="button"
                data-testid={`split-open-${other.id}`}
                disabled={busy}
                title={sync.state === 'offline' ? t('split.needsServer') : undefined}
                onClick={() => setAsking(other)}
              >
                {t('split.action')}
              </button>
            </>
          )}
        </p>
      ))}
      {note && (
        <p className={`notice ${note.error ? 'notice-error' : 'notice-success'}`} data-testid="split-note">
          {note.text}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title={t('split.confirm', { name: contactName(t, asking) })}
          description={t('split.confirmBody', { name: contactName(t, asking) })}
          confirmLabel={t('split.action')}
          onConfirm={() => void split(asking)}
          onCancel={() => setAsking(null)}
          testId="split-confirm"
        />
      )}
    </div>
  );
}
