// A VK customer whose contact a rep merged into another (issue 14), against the fake VK API and a
// real store: the customer's VK name (users.get) goes to the contact they are now, when that one still
// has the "VK user N" placeholder, never to the tombstone left by the merge.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVk, type FakeVk } from '../../../test/fake-vk';
import { eventually, startTestStore, type TestStore } from '../../../test/helpers';
import { mergeContacts } from '../../store/contact-merge';
import { handleVkEvent } from './events';
import { createVkApi } from './vk-api';

const log = pino({ level: 'silent' });
const teamId = 'tvkmerged';
const at = '2026-03-02T10:15:00.000Z';
let vk: FakeVk;
let test: TestStore;

beforeAll(async () => {
  vk = await startFakeVk();
  test = await startTestStore('vk-merged-');
  await test.store.ensureTeam(teamId);
});
afterAll(async () => {
  await test?.close();
  await vk?.close();
});

const contacts = () => test.store.teamDb<{ name: string; mergedInto?: string }>(teamId, 'contacts');

describe('a merged VK customer', () => {
  it('is named on the contact they were merged into, not on the tombstone', async () => {
    vk.user({ id: 4300, first_name: 'Анна', last_name: 'Смирнова', screen_name: 'anna_s' });
    const base = { store: test.store, teamId, groupId: vk.groupId, log };
    // Taken in while VK could not be asked: the contact keeps the placeholder.
    const first = vk.messageEvent(4300, 'Здравствуйте');
    expect(await handleVkEvent(base, first.type, first.object)).toBe('created');
    expect((await contacts().get('contact:vk:4300')).name).toBe('VK user 4300');
    // A rep merges it into a contact without a name (which takes the placeholder from it).
    await test.store.teamDb(teamId, 'contacts').insert({
      _id: 'kept-anna',
      name: '',
      identities: [],
      twin: { facts: [] },
      optOut: false,
      agentAccess: 'default',
      createdAt: at,
      updatedAt: at,
    });
    await mergeContacts(
      test.store,
      teamId,
      'kept-anna',
      'contact:vk:4300',
      { userId: 'u1', email: 'rep@x' },
      new Date(),
    );
    expect((await contacts().get('kept-anna')).name).toBe('VK user 4300');

    const api = createVkApi({ apiRoot: vk.apiRoot, token: vk.token, version: '5.199', spacingMs: 0 });
    const second = vk.messageEvent(4300, 'Есть вопрос');
    expect(await handleVkEvent({ ...base, api }, second.type, second.object)).toBe('created');
    const kept = await eventually(async () => {
      const c = await contacts().get('kept-anna');
      return c.name === 'Анна Смирнова' ? c : undefined;
    });
    expect((kept as unknown as { identities: unknown[] }).identities).toEqual([
      { channel: 'vk', externalId: '4300', username: 'anna_s' },
    ]);
    const tomb = await contacts().get('contact:vk:4300');
    expect(tomb).toMatchObject({ name: 'VK user 4300', mergedInto: 'kept-anna' });
  });
});
