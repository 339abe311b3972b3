// Which contact a new e-mail thread lands on after a rep merged contacts (issue 14): the address's own
// contact, once merged into another (a tombstone), sends new threads to the kept contact, and the
// tombstone no longer counts as holding the address (no proposal is made for it).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../context';
import { startTestStore, type TestStore } from '../../../test/helpers';
import { mergeContacts } from '../../store/contact-merge';
import { senderContact } from './sender-contact';
import { emailContactId } from './threading';

const team = 'mergemail';
const at = '2026-03-02T10:15:00.000Z';
const address = 'olga@example.com';
let testStore: TestStore;
let store: Store;

const contact = (id: string, status: 'claimed' | 'verified', extra: Record<string, unknown> = {}) => ({
  _id: id,
  name: id,
  email: address,
  contactPoints: { email: { value: address, status, source: 'customer', at } },
  identities: [],
  optOut: false,
  agentAccess: 'default',
  twin: { facts: [] },
  createdAt: at,
  updatedAt: at,
  ...extra,
});

beforeAll(async () => {
  testStore = await startTestStore('sender-contact-', pino({ level: 'silent' }));
  store = testStore.store;
  await store.ensureTeam(team);
});

afterAll(async () => {
  await testStore.close();
});

describe('the contact of a new mail thread after a merge', () => {
  it('is the kept contact, with no proposal for the tombstone', async () => {
    const own = emailContactId(address);
    const db = store.teamDb(team, 'contacts');
    await db.insert(contact('tg-olga', 'claimed') as never);
    // The address's own contact, as the mail intake makes it: the address is its channel identity.
    const {
      email: _e,
      contactPoints: _p,
      ...mailOnly
    } = contact(own, 'verified', {
      identities: [{ channel: 'email', externalId: address }],
    });
    await db.insert(mailOnly as never);
    expect(await senderContact(store, team, address, undefined)).toEqual({
      contactId: own,
      claimedBy: ['tg-olga'],
      kept: { id: own, exists: true },
    });
    await mergeContacts(
      store,
      team,
      'tg-olga',
      own,
      { userId: 'u1', email: 'rep@example.com' },
      new Date(at),
    );
    // New threads from the address land on the kept contact, which proposes nothing to itself.
    expect(await senderContact(store, team, address, undefined)).toEqual({
      contactId: 'tg-olga',
      claimedBy: [],
      kept: { id: 'tg-olga', exists: true },
    });
  });
});
