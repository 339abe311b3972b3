// CSV import and export through the real server: Russian and English headers, separators, BOM,
// quoting, dedup, per-row reports, all-or-nothing, size and content checks, and the export round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from '../../test/api-kit';

let t: ApiTestServer;
let team: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('CSV');
});
afterAll(() => t?.close());

async function upload(token: string, body: string | Uint8Array, query = '', type = 'text/csv') {
  const res = await fetch(`${t.base}/api/v1/contacts/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Loose };
}

const count = async (teamId: string, c: 'contacts' | 'leads') =>
  (await t.server.store.teamDb(teamId, c).list()).rows.filter((r) => !r.id.startsWith('_')).length;

describe('CSV import', () => {
  it('imports Russian headers with ; separators, BOM, quotes and a lead per row', async () => {
    const fresh = await t.team('RU');
    const csv =
      '\uFEFFИмя;Телефон;Компания;Почта;Сделка;Этап;Сумма\r\n' +
      'Анна Петрова;8 (999) 123-45-67;"ООО ""Ромашка""";Anna@Example.com;CRM;переговоры;500 000 ₽\r\n' +
      '"Иван; Иванов";+7 912 000-00-01;Лютик;;;;\r\n' +
      '\r\n' +
      '"Мария\nСидорова";;;maria@example.com;;;\r\n';
    const res = await upload(fresh.rep, csv);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.counts).toEqual({
      rows: 3,
      created: 3,
      updated: 0,
      skipped: 0,
      failed: 0,
      leadsCreated: 1,
    });
    expect(res.body.delimiter).toBe(';');
    const list = (await t.as(fresh.rep)('GET', '/contacts?limit=10')).body.items as Record<string, unknown>[];
    const anna = list.find((c) => c.name === 'Анна Петрова')!;
    expect(anna).toMatchObject({
      phone: '+79991234567',
      company: 'ООО "Ромашка"',
      email: 'anna@example.com',
    });
    expect(list.map((c) => c.name)).toContain('Иван; Иванов');
    expect(list.map((c) => c.name)).toContain('Мария\nСидорова');
    const leads = (await t.as(fresh.rep)('GET', '/leads')).body.items;
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      contactId: anna.id,
      title: 'CRM',
      stage: 'negotiation',
      value: { amount: 500000, currency: 'RUB' },
    });
  });

  it('deduplicates by phone, e-mail and Telegram id within the file and against existing contacts', async () => {
    const fresh = await t.team('Dedup');
    const rep = t.as(fresh.rep);
    await rep('POST', '/contacts', {
      id: 'known',
      name: 'Known',
      email: 'known@example.com',
      identities: [{ channel: 'telegram', externalId: '4242' }],
    });
    const csv = [
      'name,email,phone,telegram,tags',
      'Known Again,KNOWN@example.com,,,vip',
      'New One,new@example.com,+7 900 111 22 33,,',
      'Same Phone,,89001112233,,',
      'By Telegram,,,4242,',
      'Fresh Tg,,,@fresh_user,',
    ].join('\n');
    const res = await upload(fresh.rep, csv);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const rows = res.body.rows as { row: number; status: string; reason?: string; contactId?: string }[];
    expect(rows.map((r) => r.status)).toEqual(['updated', 'created', 'skipped', 'skipped', 'created']);
    expect(rows[2]!.reason).toMatch(/duplicate of row 3 \(same phone\)/);
    expect(rows[3]!.reason).toMatch(/duplicate of row 2/);
    expect(rows[0]!.contactId).toBe('known');
    const known = (await rep('GET', '/contacts/known')).body;
    expect(known.tags).toEqual(['vip']);
    expect(known.name).toBe('Known Again');
    expect(await count(fresh.teamId, 'contacts')).toBe(3);

    const again = await upload(fresh.rep, csv);
    expect(again.body.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });

  it('merges a row into the contact the API stored, however the number is typed (issue 60)', async () => {
    const fresh = await t.team('CSV phones');
    const rep = t.as(fresh.rep);
    const made = await rep('POST', '/contacts', { name: 'Typed', phone: '8 (915) 123-45-67' });
    expect(made.body.phone).toBe('+79151234567');
    const res = await upload(
      fresh.rep,
      ['name,phone', 'Imported,+79151234567', 'National,(916) 765-43-21'].join('\n'),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const rows = res.body.rows as { status: string; contactId?: string }[];
    expect(rows.map((r) => r.status)).toEqual(['updated', 'created']);
    expect(rows[0]!.contactId).toBe(made.body.id);
    expect(await count(fresh.teamId, 'contacts')).toBe(2);
    const national = (await rep('GET', `/contacts/${rows[1]!.contactId}`)).body;
    expect(national.phone).toBe('+79167654321');
  });

  it('writes nothing when any row fails, and reports each bad row with its reason', async () => {
    const fresh = await t.team('Bad rows');
    const csv = [
      'Name,Email,Phone,Stage,Company',
      'Good,good@example.com,,,',
      'Bad Mail,not-an-email,,,',
      'Bad Phone,,call me,,',
      ',,,,Acme',
      ',,,,',
      'Bad Stage,s@example.com,,someday,',
    ].join('\n');
    const res = await upload(fresh.rep, csv);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation-failed');
    const failed = res.body.error.details.rows as { row: number; reason: string }[];
    expect(failed.map((r) => r.row)).toEqual([3, 4, 5, 7]);
    expect(failed[0]!.reason).toMatch(/email/);
    expect(failed[1]!.reason).toMatch(/phone/);
    expect(failed[2]!.reason).toMatch(/no name/);
    expect(failed[3]!.reason).toMatch(/stage/);
    expect(await count(fresh.teamId, 'contacts')).toBe(0);

    const partial = await upload(fresh.rep, csv, '?skipInvalid=true');
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body.counts).toMatchObject({ created: 1, failed: 4 });
    expect(await count(fresh.teamId, 'contacts')).toBe(1);
  });

  it('plans without writing on dryRun and reads Windows-1251 files', async () => {
    const fresh = await t.team('Dry');
    const cp1251 = Buffer.from([0xc8, 0xec, 0xff, 0x0a, 0xc8, 0xe2, 0xe0, 0xed, 0x0a]); // "Имя\nИван\n"
    const dry = await upload(fresh.rep, cp1251, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, written: false, counts: { created: 1 } });
    expect(await count(fresh.teamId, 'contacts')).toBe(0);
    const real = await upload(fresh.rep, cp1251);
    expect(real.status).toBe(201);
    expect((await t.as(fresh.rep)('GET', '/contacts')).body.items[0].name).toBe('Иван');
  });

  it('accepts multipart uploads', async () => {
    const form = new FormData();
    form.append('file', new Blob(['email\nmulti@example.com\n'], { type: 'text/csv' }), 'contacts.csv');
    const res = await fetch(`${t.base}/api/v1/contacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.rep}` },
      body: form,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(((await res.json()) as Loose).counts.created).toBe(1);
  });

  it('answers bad files with clear 4xx', async () => {
    const cases: [string | Uint8Array, number, string, string?][] = [
      ['', 422, 'file-empty'],
      ['\uFEFF  \r\n', 422, 'file-empty'],
      ['name,email\n', 422, 'file-empty'],
      [
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
        415,
        'unsupported-file',
      ],
      ['colour,size\nred,10\n', 400, 'validation-failed'],
      ['name,email\n"unclosed,a@b.c\n', 422, 'file-unreadable'],
      ['{"name":"x"}', 415, 'unsupported-file', 'application/json'],
      ['name\nx\n', 400, 'invalid-json', 'application/json'],
      ['a'.repeat(5 * 1024 * 1024 + 10), 413, 'file-too-large'],
    ];
    for (const [body, status, code, type] of cases) {
      const res = await upload(team.rep, body, '', type);
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
    }
    const viewer = await upload(team.viewer, 'name\nx\n');
    expect(viewer.status).toBe(403);
  });
});

describe('CSV export', () => {
  it('exports contacts with a BOM and quoting, and the export imports back unchanged', async () => {
    const fresh = await t.team('Export');
    const rep = t.as(fresh.rep);
    await rep('POST', '/contacts', {
      id: 'e1',
      name: 'Quote "Q", Comma',
      company: 'Line\nBreak',
      phone: '+79990001122',
      tags: ['a', 'b'],
      identities: [{ channel: 'telegram', externalId: '777', username: 'seven_7' }],
    });
    await rep('POST', '/contacts', { id: 'e2', name: '=HYPERLINK("x")', email: 'e2@example.com' });
    const res = await fetch(`${t.base}/api/v1/contacts/export.csv`, {
      headers: { authorization: `Bearer ${fresh.viewer}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('"Quote ""Q"", Comma"');
    expect(text).toContain('"Line\nBreak"');
    expect(text).toContain(`'=HYPERLINK`);
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFid,name,company,position,email,phone,telegram,telegram_username,tags,language,notes,owner,opt_out,created_at,updated_at',
    );

    const back = await upload(fresh.rep, bytes);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.rows.find((r: { contactId: string }) => r.contactId === 'e1')).toMatchObject({
      status: 'skipped',
      reason: 'unchanged',
    });

    const other = await t.team('Import elsewhere');
    const copy = await upload(other.rep, bytes);
    expect(copy.body.counts.created).toBe(2);
    const e1 = (await t.as(other.rep)('GET', '/contacts/e1')).body;
    expect(e1).toMatchObject({
      name: 'Quote "Q", Comma',
      company: 'Line\nBreak',
      tags: ['a', 'b'],
      identities: [{ channel: 'telegram', externalId: '777', username: 'seven_7' }],
    });

    const semi = await fetch(`${t.base}/api/v1/contacts/export.csv?sep=semicolon`, {
      headers: { authorization: `Bearer ${fresh.viewer}` },
    });
    expect((await semi.text()).split('\r\n')[0]).toContain('id;name;company');
  });

  it('exports leads with their contact names', async () => {
    const fresh = await t.team('Leads export');
    const rep = t.as(fresh.rep);
    await rep('POST', '/contacts', { id: 'c1', name: 'Пётр' });
    await rep('POST', '/leads', {
      id: 'l1',
      contactId: 'c1',
      title: 'Big; deal',
      stage: 'won',
      value: { amount: 12.5, currency: 'EUR' },
    });
    const res = await fetch(`${t.base}/api/v1/leads/export.csv?sep=semicolon`, {
      headers: { authorization: `Bearer ${fresh.viewer}` },
    });
    const lines = (await res.text()).split('\r\n');
    expect(lines[1]).toMatch(/^l1;"Big; deal";won;c1;Пётр;12\.5;EUR;manual;/);
  });
});
