// Which contact a customer's e-mail belongs to, across channels. The mailbox vouches for the address a
// mail came from, so a contact that holds that address *verified* (a rep confirmed it, an import or the
// channel itself recorded it) is the same customer: a new thread lands on that contact, and the agents
// then find its open lead and add to its twin. An address a customer only typed in another channel is
// a claim: anyone can type someone else's address (issue 12, finding 3), so such a contact is never
// joined silently. The mail goes to the address's own contact and a merge proposal is recorded for the
// reps (an activity entry on the claiming contact); once a rep confirms the address on that contact,
// the next thread from it lands there. A reply in a known thread stays with that thread's contact.
// Once a rep merged the address's own contact into another (a tombstone with `mergedInto`), new
// threads land on the kept contact.
import { contactPointStatus, type ContactDoc } from '@app/shared/schemas';
import { validateDoc } from '@app/shared/validation';
import type { Store } from '../../context';
import { teamData, teamStored } from '../../store/data';
import { keptContact, type KeptContact } from '../../store/kept-contact';
import { emailContactId, hashOf } from './threading';

export type SenderContact = {
  contactId: string;
  /** Other contacts that only claimed the address: each gets a merge proposal, none is joined. */
  claimedBy: string[];
  /** The contact as read here (merges followed), when known: the intake need not read it again. */
  kept?: KeptContact;
};

type ContactRow = Pick<ContactDoc, 'id' | 'email' | 'contactPoints' | 'twin' | 'createdAt' | 'mergedInto'>;

/** Whether the contact's primary e-mail is the address and verified (the contact page's Confirm). */
const holdsVerified = (c: ContactRow, address: string) =>
  c.email?.trim().toLowerCase() === address && contactPointStatus(c, 'email') === 'verified';

/**
 * The contacts whose primary e-mail is the address, verified or claimed: an indexed Mango query
 * (`by-email`, store/indexes.ts), once per new thread. Other addresses in a contact's `emails` list
 * are not looked up (an array has no Mango index: each new thread would read every contact).
 */
async function holdersOf(store: Store, teamId: string, address: string): Promise<ContactRow[]> {
  const docs = await teamStored<ContactRow>(store, teamId, 'contacts').find({
    selector: { email: address },
    fields: ['_id', 'email', 'contactPoints', 'twin', 'createdAt', 'mergedInto'],
    limit: 50,
  });
  // A contact merged into another (a tombstone, store/contact-merge.ts) holds nothing any more: the
  // kept contact holds its addresses.
  return docs.filter((d) => !d.mergedInto).map((d) => ({ ...d, id: d._id }));
}

export async function senderContact(
  store: Store,
  teamId: string,
  address: string,
  knownConversationId: string | undefined,
): Promise<SenderContact> {
  if (knownConversationId) {
    const conv = await teamData(store, teamId).conversations.get(knownConversationId);
    return { contactId: conv?.contactId ?? emailContactId(address), claimedBy: [] };
  }
  // A rep merged the address's own contact into another (chains followed): the kept contact's.
  const [own, holders] = await Promise.all([
    keptContact(store, teamId, emailContactId(address)),
    holdersOf(store, teamId, address),
  ]);
  // The first contact that held the address verified keeps it: a rep's later confirmation on an older
  // (e.g. Telegram) contact moves new threads there, while the address's own contact stays for its own.
  const verified = holders
    .filter((c) => holdsVerified(c, address))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (verified[0])
    return { contactId: verified[0].id, claimedBy: [], kept: { id: verified[0].id, exists: true } };
  return {
    contactId: own.id,
    claimedBy: holders.filter((c) => c.id !== own.id).map((c) => c.id),
    kept: own,
  };
}

/**
 * The merge proposal reps see in Activity and on the claiming contact: the address it only claimed
 * wrote from a mailbox as another contact. Confirming the address on the claiming contact (the
 * contact page's Confirm) joins the next thread; one entry per pair, however many mails follow.
 */
export async function proposeMerge(
  store: Store,
  teamId: string,
  p: { address: string; claimedBy: string; mailContactId: string; conversationId: string; messageId: string },
  at: string,
): Promise<void> {
  const key = hashOf(`${p.address}\n${p.claimedBy}\n${p.mailContactId}`, 32);
  const doc = {
    id: `act:merge:${key}`,
    runId: `contact-merge:${key.slice(0, 16)}`,
    role: 'runtime' as const,
    kind: 'step' as const,
    name: 'contact-merge-proposed',
    status: 'skipped' as const,
    contactId: p.claimedBy,
    conversationId: p.conversationId,
    messageId: p.messageId,
    input: JSON.stringify({
      address: p.address,
      claimedBy: p.claimedBy,
      mailContactId: p.mailContactId,
      reason:
        'the customer only typed this address in another channel (claimed); a rep confirms it on the contact before mail from it joins that contact',
    }),
    startedAt: at,
    finishedAt: at,
  };
  await createActivity(store, teamId, doc);
}

/** Writes an activity entry the server alone makes, checked first; its id makes a second one a no-op. */
export async function createActivity(
  store: Store,
  teamId: string,
  doc: { id: string } & Record<string, unknown>,
): Promise<void> {
  const valid = validateDoc('activity', doc);
  if (!valid.ok) throw new Error(`activity doc: ${valid.message}`);
  const { id, ...rest } = doc;
  await teamStored(store, teamId, 'activity').create(id, rest);
}
