// The merge the server proposed (issue 14): an e-mail came from an address this contact only claimed
// in a chat, so the mail went to a contact of its own and the server recorded a
// `contact-merge-proposed` activity entry (channels/email/sender-contact.ts). The contact page shows
// "This may be the same person as X — Merge / Not the same". Merge opens the merge dialog on X; Not the
// same stores X in the contact's `notSameAs` (a local write, offline too), which hides the banner.
// Proposals whose other contact was merged already, or is gone, are not shown.
import { useMemo } from 'react';
import type { ContactDoc } from '@app/shared/schemas';
import { useLiveQuery, useWorkspace } from '../data/hooks';
import { mayDo } from '../data/role';
import { updateDoc } from '../data/workspace';
import { useI18n } from '../i18n/i18n';
import { contactName } from './ContactMerge';

type Proposal = { other: string; address: string };

/** The other contact and address of each proposal entry on this contact (either side of it). */
export function proposalsOf(contactId: string, entries: { input?: string | undefined }[]): Proposal[] {
  const out: Proposal[] = [];
  for (const e of entries) {
    try {
      const p = JSON.parse(e.input ?? '{}') as {
        address?: string;
        claimedBy?: string;
        mailContactId?: string;
      };
      const other =
        p.claimedBy === contactId ? p.mailContactId : p.mailContactId === contactId ? p.claimedBy : undefined;
      if (other && !out.some((o) => o.other === other)) out.push({ other, address: p.address ?? '' });
    } catch {
      // an entry this screen cannot read proposes nothing
    }
  }
  return out;
}

export function MergeProposal(props: { contact: ContactDoc; onMerge: (from: string) => void }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const { contact } = props;
  const { docs: entries } = useLiveQuery(
    'activity',
    { selector: { name: 'contact-merge-proposed', contactId: contact.id } },
    [contact.id],
  );
  const proposals = useMemo(
    () => proposalsOf(contact.id, entries).filter((p) => !(contact.notSameAs ?? []).includes(p.other)),
    [contact.id, contact.notSameAs, entries],
  );
  const ids = proposals.map((p) => p.other);
  const { docs: others } = useLiveQuery('contacts', { selector: { id: { $in: ids } } }, [ids.join('\n')]);
  const shown = proposals.flatMap((p) => {
    const other = others.find((o) => o.id === p.other);
    return other && !other.mergedInto && !(contact.mergedFrom ?? []).includes(other.id)
      ? [{ ...p, other }]
      : [];
  });
  if (!shown.length || !mayDo(ws.role, 'contacts', 'update')) return null;
  const notSame = (id: string) =>
    updateDoc(ws, 'contacts', contact.id, { notSameAs: [...(contact.notSameAs ?? []), id].slice(-200) });
  return (
    <>
      {shown.map(({ other, address }) => (
        <div key={other.id} className="notice" role="status" data-testid="merge-proposal">
          {t('merge.banner', { name: contactName(t, other), address })}{' '}
          <button type="button" data-testid="merge-proposal-merge" onClick={() => props.onMerge(other.id)}>
            {t('merge.bannerMerge')}
          </button>{' '}
          <button type="button" data-testid="merge-proposal-dismiss" onClick={() => void notSame(other.id)}>
            {t('merge.notSame')}
          </button>
        </div>
      ))}
    </>
  );
}
