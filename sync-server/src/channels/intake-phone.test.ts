// A phone a channel gives (a contact the customer shared in Telegram, sent without a plus) is stored as
// every other path stores phones (issue 60): E.164, a national number read in the team's region (its
// default agent profile's defaultRegion, RU when none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDoc } from '@app/shared/schemas';
import type { CouchStore } from '../store/couch-store';
import { startTestStore, type TestStore } from '../../test/helpers';
import { ingestInbound } from './intake';

let testStore: TestStore;
let store: CouchStore;

beforeAll(async () => {
  testStore = await startTestStore('intake-phone-');
  store = testStore.store;
});
afterAll(async () => {
  await testStore.close();
});

async function shared(team: string, chat: number, phone: string): Promise<ContactDoc> {
  const contactId = `contact:telegram:${chat}`;
  const conversationId = `conv:telegram:bot1:${chat}`;
  await ingestInbound(store, team, {
    doc: {
      id: `msg:telegram:${chat}:1`,
      conversationId,
      contactId,
      channel: 'telegram',
      direction: 'inbound',
      author: { kind: 'customer', id: contactId },
      text: '',
      attachments: [],
      delivery: { status: 'received' },
      idempotencyKey: `telegram:${chat}:1`,
      createdAt: new Date().toISOString(),
    },
    customer: { contactId, name: 'Anna', identity: { channel: 'telegram', externalId: String(chat) }, phone },
    conversation: { id: conversationId, channel: 'telegram', externalChatId: String(chat), botId: 'bot1' },
  });
  return store.teamDb<ContactDoc>(team, 'contacts').get(contactId);
}

describe('a phone a channel gives', () => {
  it('is stored in E.164, a national number read in the team region', async () => {
    await store.ensureTeam('phones');
    const ru = await shared('phones', 8001, '79151234567');
    expect(ru.phone).toBe('+79151234567');
    expect(ru.contactPoints?.phone).toMatchObject({ value: '+79151234567', status: 'verified' });

    // The team's profile names its region: a national number is read there.
    await store.teamDb('phones', 'agent_settings').insert({
      _id: 'agent-default',
      id: 'agent-default',
      name: 'Default',
      isDefault: true,
      defaultRegion: 'GB',
    } as never);
    expect((await shared('phones', 8002, '020 7946 0958')).phone).toBe('+442079460958');
  });
});
