// A customer can type someone else's e-mail or phone in a chat; the twin keeps it as only claimed. A
// CSV import must not merge the real person's row into that customer's contact (their name, company
// and phone would reach the impostor's prompt): it proposes the merge instead. Verified identifiers (a
// rep's edit, Telegram's shared contact through the real ingest) still merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFacts } from '@app/shared/agents';
import type { ContactDoc } from '@app/shared/schemas';
import { toCouchRaw } from '../store/raw-docs';
import { startApiTestServer, type ApiTestServer, type Loose } from '../../test/api-kit';
import { ingestInbound } from '../channels/intake';

let t: ApiTestServer;
beforeAll(async () => {
  t = await startApiTestServer();
});
afterAll(() => t?.close());

async function upload(token: string, csv: string) {
  const res = await fetch(`${t.base}/api/v1/contacts/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as Loose };
}

const at = '2026-03-02T10:00:00.000Z';
const victimRow = 'name,email,phone,company\nVera Victim,vera@bigcorp.example,+7 999 555-44-33,BigCorp\n';

/** The impostor's contact as the agents' twin leaves it after "my e-mail is vera@bigcorp.example". */
function impostor(id: string): ContactDoc {
  const base: ContactDoc = {
    id,
    name: 'Mallory',
    identities: [{ channel: 'telegram', externalId: `tg-${id}` }],
    optOut: false,
    agentAccess: 'default',
    twin: { facts: [] },
    createdAt: at,
    updatedAt: at,
  };
  let n = 0;
  return applyFacts(
    base,
    [{ key: 'email', value: 'vera@bigcorp.example' }],
    { messageId: 'm1', conversationId: 'conv-1', observedAt: at, extractedBy: 'llm:test' },
    (p) => `${p}-${++n}`,
  ).contact;
}

describe('CSV import and claimed identifiers', () => {
  it('proposes, not performs, a merge that only a claimed e-mail supports; a rep confirms it', async () => {
    const team = await t.team('Claimed');
    const rep = t.as(team.rep);
    const mallory = impostor('mallory');
    expect(mallory.contactPoints?.email).toMatchObject({ status: 'claimed', source: 'customer' });
    // Written as the agents write it (the server's own store), not by a rep.
    await t.server.store.teamDb(team.teamId, 'contacts').insert(toCouchRaw(mallory));

    const res = await upload(team.rep, victimRow);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([
      expect.objectContaining({ row: 2, status: 'proposed', contactId: 'mallory' }),
    ]);
    expect(res.body.proposals).toEqual([
      expect.objectContaining({ row: 2, contactId: 'mallory', matchedBy: ['email'] }),
    ]);
    const after = (await rep('GET', '/contacts/mallory')).body;
    expect(after).toMatchObject({ name: 'Mallory' });
    expect(after.company).toBeUndefined();
    expect(after.phone).toBeUndefined();

    // A rep confirms the e-mail on the contact (their edit makes it verified); the import then merges.
    const confirmed = { value: 'vera@bigcorp.example', status: 'verified', source: 'rep', at };
    expect((await rep('PATCH', '/contacts/mallory', { contactPoints: { email: confirmed } })).status).toBe(
      200,
    );
    const again = await upload(team.rep, victimRow);
    expect(again.status).toBe(201);
    expect(again.body.rows[0]).toMatchObject({ status: 'updated', contactId: 'mallory' });
    expect(again.body.proposals).toEqual([]);
  });

  it('treats contacts stored before claims were recorded by their twin facts', async () => {
    const team = await t.team('Legacy');
    const { contactPoints: _none, ...legacy } = impostor('legacy');
    await t.server.store.teamDb(team.teamId, 'contacts').insert(toCouchRaw(legacy));
    const res = await upload(team.rep, victimRow);
    expect(res.body.rows[0]).toMatchObject({ status: 'proposed', contactId: 'legacy' });
  });

  it('merges by a phone Telegram vouched for (shared contact through the ingest)', async () => {
    const team = await t.team('Verified');
    await ingestInbound(t.server.store, team.teamId, {
      doc: {
        id: 'msg:telegram:77:1',
        conversationId: 'conv:telegram:bot1:77',
        contactId: 'contact:telegram:77',
        channel: 'telegram',
        direction: 'inbound',
        author: { kind: 'customer', id: '77' },
        text: '',
        attachments: [],
        delivery: { status: 'received' },
        idempotencyKey: 'telegram:77:1',
        signals: { sharedPhone: '+79995554433' },
        createdAt: at,
      },
      customer: {
        contactId: 'contact:telegram:77',
        name: 'Vera',
        identity: { channel: 'telegram', externalId: '77' },
        phone: '+79995554433',
      },
      conversation: { id: 'conv:telegram:bot1:77', channel: 'telegram', externalChatId: '77', botId: 'bot1' },
    });
    const contact = (await t.as(team.rep)('GET', '/contacts/contact:telegram:77')).body;
    expect(contact.contactPoints.phone).toMatchObject({ status: 'verified', source: 'channel' });
    const res = await upload(team.rep, 'name,phone,company\nVera Victim,8 999 555-44-33,BigCorp\n');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.rows[0]).toMatchObject({ status: 'updated', contactId: 'contact:telegram:77' });
  });
});
