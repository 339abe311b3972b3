// Team isolation, route by route: team A's admin, knowing (or guessing) team B's ids, can read or
// change nothing of team B through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamCollections } from '../store/db-names';
import {
  conversationDoc,
  messageDoc,
  startApiTestServer,
  type ApiTestServer,
  type TestTeam,
} from '../../test/api-kit';

let t: ApiTestServer;
let a: TestTeam;
let b: TestTeam;
const SECRET = 'Bsecretname';
let bSource = '';

async function dumpTeam(teamId: string): Promise<string> {
  const parts: string[] = [];
  for (const c of teamCollections) {
    const res = await t.server.store.teamDb(teamId, c).list({ include_docs: true } as never);
    parts.push(JSON.stringify(res.rows.filter((r) => !r.id.startsWith('_'))));
  }
  const channel = await t.server.store
    .systemDb('app_channels')
    .get(`channel:${teamId}:telegram`)
    .catch(() => null);
  return parts.join('\n') + JSON.stringify(channel);
}

beforeAll(async () => {
  t = await startApiTestServer();
  [a, b] = [await t.team('A'), await t.team('B')];
  const rep = t.as(b.rep);
  await rep('POST', '/contacts', { id: 'b-contact', name: SECRET, phone: '+79990009999' });
  await rep('POST', '/leads', { id: 'b-lead', contactId: 'b-contact', title: `${SECRET} deal` });
  await t.server.store.teamDb(b.teamId, 'conversations').insert(conversationDoc('b-conv', 'b-contact'));
  await t.server.store
    .teamDb(b.teamId, 'messages')
    .insert(messageDoc('b-msg', 'b-conv', { contactId: 'b-contact', text: SECRET }));
  await t.as(b.admin)('POST', '/agent-settings', { id: 'b-agent', name: SECRET });
  await t.as(b.admin)('PUT', '/channels/telegram', {
    token: '987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_B',
  });
  const up = await fetch(`${t.base}/api/v1/knowledge/sources?fileName=b.txt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${b.rep}`, 'content-type': 'text/plain' },
    body: SECRET,
  });
  bSource = ((await up.json()) as { id: string }).id;
  // B's own upload is indexed in the background: let it settle before B's data is compared.
  for (let i = 0; i < 150; i++) {
    const status = (await t.as(b.rep)('GET', `/knowledge/sources/${bSource}`)).body.status;
    if (status === 'ready' || status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(() => t?.close());

describe('team isolation', () => {
  it("gives team A nothing of team B's by any route, and changes nothing of B", async () => {
    const before = await dumpTeam(b.teamId);
    const members = (await t.as(b.admin)('GET', '/members')).body.items as { id: string; email: string }[];
    const bUser = members.find((m) => m.email !== b.session.user.email)!.id;
    const admin = t.as(a.admin);
    const denied: [string, string, unknown?][] = [
      ['GET', '/contacts/b-contact'],
      ['PATCH', '/contacts/b-contact', { name: 'hacked' }],
      ['DELETE', '/contacts/b-contact'],
      ['GET', '/leads/b-lead'],
      ['PATCH', '/leads/b-lead', { stage: 'lost' }],
      ['DELETE', '/leads/b-lead'],
      ['POST', '/leads', { contactId: 'b-contact', title: 'steal' }],
      ['GET', '/conversations/b-conv'],
      ['GET', '/conversations/b-conv/messages'],
      ['GET', '/agent-settings/b-agent'],
      ['PATCH', '/agent-settings/b-agent', { name: 'hacked' }],
      ['DELETE', '/agent-settings/b-agent'],
      ['GET', `/knowledge/sources/${bSource}`],
      ['GET', `/knowledge/sources/${bSource}/file`],
      ['POST', `/knowledge/sources/${bSource}/reindex`],
      ['DELETE', `/knowledge/sources/${bSource}`],
      ['GET', '/privacy/contacts/b-contact/export'],
      ['POST', '/privacy/contacts/b-contact/erase'],
      ['PATCH', `/members/${bUser}`, { role: 'viewer' }],
      ['DELETE', `/members/${bUser}`],
      ['GET', `/contacts/${encodeURIComponent(`../t_${b.teamId}_contacts/b-contact`)}`],
      ['GET', `/contacts/..%2F..%2F${b.teamId}`],
      ['GET', '/contacts/_all_docs'],
      ['GET', `/contacts/${encodeURIComponent('_design/x')}`],
      ['GET', `/contacts/b-contact%00`],
    ];
    for (const [method, path, body] of denied) {
      const res = await admin(method, path, body);
      expect({ path, method, status: res.status >= 400 && res.status < 500 }).toEqual({
        path,
        method,
        status: true,
      });
      expect(JSON.stringify(res.body), `${method} ${path}`).not.toContain(SECRET);
    }

    const lists = [
      '/contacts?q=B',
      '/leads',
      '/conversations',
      '/agent-settings',
      '/knowledge/sources',
      '/members',
      '/channels',
      `/contacts?cursor=${Buffer.from('b-contac').toString('base64url')}`,
    ];
    for (const path of lists) {
      const res = await admin('GET', path);
      expect(res.status, path).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text, path).not.toContain(SECRET);
      expect(text, path).not.toContain('b-contact');
      expect(text, path).not.toContain(b.session.user.email);
      expect(text, path).not.toContain('987654321');
    }
    for (const path of ['/contacts/export.csv', '/leads/export.csv', '/admin/backup']) {
      const res = await fetch(`${t.base}/api/v1${path}`, { headers: { authorization: `Bearer ${a.admin}` } });
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = path.endsWith('backup')
        ? (await import('node:zlib')).gunzipSync(bytes).toString()
        : bytes.toString();
      expect(text, path).not.toContain(SECRET);
      expect(text, path).not.toContain(b.teamId);
    }
    // Writes with B's ids land in A's own databases.
    expect((await admin('POST', '/contacts', { id: 'b-contact', name: 'A own' })).status).toBe(201);
    const csv = await fetch(`${t.base}/api/v1/contacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.admin}`, 'content-type': 'text/csv' },
      body: 'id,name,phone\nb-contact,A again,+79990009999\n',
    });
    expect(csv.status).toBe(201);

    expect(await dumpTeam(b.teamId)).toBe(before);
    expect((await t.as(b.rep)('GET', '/contacts/b-contact')).body.name).toBe(SECRET);
  });
});
