// What the contact merge and split e2e tests share (issue 14): a Telegram contact and the mail contact
// of the same customer, each with its own chat, message and twin fact, the mail one also with a deal,
// task and meeting, written through a real sync server; and the team's activity entries of one kind.
import { expect } from 'vitest';
import { conversationDoc, messageDoc, type ApiTestServer, type Loose, type TestTeam } from './api-kit';
import { call } from './helpers';

export const at = '2026-03-02T10:15:00.000Z';

/** Writes one doc through the sync API as `token`. */
export const putDoc = (
  t: ApiTestServer,
  token: string,
  collection: string,
  doc: { _id: string } & Record<string, unknown>,
) => call(t.base, 'PUT', `/sync/${collection}/${encodeURIComponent(doc._id)}`, { token, body: doc });

/** An active twin fact that came from `message` in `conversation`. */
export const fact = (id: string, message: string, conversation: string, key = 'budget') => ({
  id,
  key,
  value: `${key} of ${id}`,
  sourceMessageId: message,
  conversationId: conversation,
  observedAt: at,
  status: 'active',
});

/**
 * A Telegram contact `tg-<tag>` and a mail contact `mail-<tag>` (verified address, a claimed phone, its
 * own chat, message, fact, deal, task and meeting). With `claimsAddress` the Telegram contact also typed
 * the address (claimed) and has a summary.
 */
export async function seedContactPair(
  t: ApiTestServer,
  tm: TestTeam,
  tag: string,
  { claimsAddress = false }: { claimsAddress?: boolean } = {},
) {
  const put = (token: string, collection: string, doc: { _id: string } & Record<string, unknown>) =>
    putDoc(t, token, collection, doc);
  const tg = `tg-${tag}`;
  const mail = `mail-${tag}`;
  const address = `anna-${tag}@romashka.example`;
  const base = { optOut: false, agentAccess: 'default', tags: [], createdAt: at, updatedAt: at };
  const claimed = claimsAddress
    ? {
        email: address,
        contactPoints: { email: { value: address, status: 'claimed', source: 'customer', at } },
      }
    : {};
  const seeded = [
    await put(tm.admin, 'contacts', {
      _id: tg,
      ...base,
      name: 'Анна Петрова',
      ...claimed,
      identities: [{ channel: 'telegram', externalId: `100${tag}` }],
      twin: {
        facts: [fact(`f-${tg}`, `m-${tg}`, `c-${tg}`)],
        ...(claimsAddress ? { summary: 'Telegram summary' } : {}),
      },
    }),
    await put(tm.admin, 'contacts', {
      _id: mail,
      ...base,
      name: '',
      email: address,
      contactPoints: { email: { value: address, status: 'verified', source: 'channel', at } },
      phones: [{ value: '+79990001122', sourceMessageId: `m-${mail}`, status: 'claimed', at }],
      identities: [{ channel: 'email', externalId: address }],
      twin: { facts: [fact(`f-${mail}`, `m-${mail}`, `c-${mail}`, 'timeline')] },
    }),
    await put(tm.admin, 'conversations', conversationDoc(`c-${tg}`, tg, { externalChatId: `100${tag}` })),
    await put(
      tm.admin,
      'conversations',
      conversationDoc(`c-${mail}`, mail, { channel: 'email', externalChatId: address }),
    ),
    await put(tm.admin, 'messages', messageDoc(`m-${tg}`, `c-${tg}`, { contactId: tg })),
    await put(
      tm.admin,
      'messages',
      messageDoc(`m-${mail}`, `c-${mail}`, { contactId: mail, channel: 'email' }),
    ),
    await call(t.base, 'POST', '/api/v1/leads', {
      token: tm.rep,
      body: { id: `l-${mail}`, title: 'Deal from mail', contactId: mail, conversationId: `c-${mail}` },
    }),
    await put(tm.rep, 'tasks', {
      _id: `task-${mail}`,
      title: 'Call back',
      status: 'open',
      contactId: mail,
      leadId: `l-${mail}`,
      createdBy: { kind: 'rep' },
      createdAt: at,
      updatedAt: at,
    }),
    await put(tm.rep, 'events', {
      _id: `ev-${mail}`,
      title: 'Demo',
      startAt: at,
      endAt: at,
      status: 'scheduled',
      attendees: [{ name: 'Anna', contactId: mail }],
      contactId: mail,
      conversationId: `c-${mail}`,
      createdBy: { kind: 'rep' },
      createdAt: at,
      updatedAt: at,
    }),
  ];
  for (const r of seeded) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return { tg, mail, address };
}

/** The team's activity entries named `name` (e.g. `contact-merged`) on a contact, read as a replica would. */
export async function activityOn(
  t: ApiTestServer,
  token: string,
  name: string,
  contactId: string,
): Promise<Loose[]> {
  const res = await call(t.base, 'GET', '/sync/activity/_all_docs?include_docs=true', { token });
  expect(res.status).toBe(200);
  return (res.body.rows as Loose[])
    .map((r) => r.doc)
    .filter((d) => d?.name === name && d.contactId === contactId);
}
