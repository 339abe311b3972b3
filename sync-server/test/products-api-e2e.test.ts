// The product catalog (issue 38) through the admin API of a real sync server (embedded store,
// loopback): an admin creates, reads, changes and deletes products; the server's defaults and stamps;
// malformed bodies answer a readable 4xx; a SKU is unique within the team (409 `sku-taken`); reps and
// viewers read but are refused writes (403); another team's ids answer 404; every list filter, page
// by page; the same docs through the sync gateway the desktop replicates from; the CSV dry run, import
// and export round trip, and hostile or oversized files refused with a 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from './api-kit';
import { call } from './helpers';

let api: ApiTestServer;
let a: TestTeam;
let b: TestTeam;

const product = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  name: `Product ${sku}`,
  prices: [{ currency: 'RUB', amount: 1000 }],
  ...extra,
});

async function created(token: string, body: Record<string, unknown>): Promise<Loose> {
  const res = await api.as(token)('POST', '/products', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Every SKU a list answers for `query`, following `nextCursor` two items at a time. */
async function listSkus(token: string, query = ''): Promise<string[]> {
  const skus: string[] = [];
  let cursor: string | null = null;
  do {
    const page = `/products?limit=2${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await api.as(token)('GET', page);
    expect(res.status, `${page}: ${JSON.stringify(res.body)}`).toBe(200);
    skus.push(...(res.body as Loose).items.map((i: { sku: string }) => i.sku));
    cursor = (res.body as Loose).nextCursor;
  } while (cursor);
  return skus.sort();
}

beforeAll(async () => {
  api = await startApiTestServer();
  a = await api.team('Catalog A');
  b = await api.team('Catalog B');
}, 60_000);
afterAll(() => api?.close());

describe('products API', () => {
  it('an admin creates, reads, changes and deletes a product; defaults and stamps are the server’s', async () => {
    const admin = api.as(b.admin);
    const made = await created(b.admin, {
      sku: 'CRM-PRO',
      name: 'Daisy CRM Pro',
      names: { ru: 'Дейзи CRM Про', en: 'Daisy CRM Pro' },
      unit: 'seat',
      prices: [
        { currency: 'RUB', amount: 1490, period: 'month' },
        { currency: 'USD', amount: 19, period: 'month' },
      ],
      discounts: [{ minQuantity: 10, percent: 5 }],
    });
    expect(made).toMatchObject({ active: true, kind: 'product', rev: expect.stringMatching(/^1-/) });
    expect(made.id).toMatch(/^product/);
    expect(made.createdAt).toBe(made.updatedAt);
    expect((await admin('GET', `/products/${made.id}`)).body).toEqual(made);

    const service = await created(b.admin, product('SETUP', { kind: 'service', active: false }));
    expect(service).toMatchObject({ kind: 'service', active: false });

    const changed = await admin('PATCH', `/products/${made.id}`, {
      prices: [{ currency: 'RUB', amount: 1590, period: 'month' }],
      description: 'Per seat',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ description: 'Per seat', prices: [{ amount: 1590 }] });
    expect(changed.body.fieldUpdatedAt.prices).toBeDefined();

    expect((await admin('DELETE', `/products/${made.id}`)).status).toBe(204);
    expect((await admin('GET', `/products/${made.id}`)).status).toBe(404);
    expect((await admin('GET', `/products/${made.id}`)).body.error.code).toBe('product-not-found');
    expect((await admin('DELETE', `/products/${service.id}`)).status).toBe(204);
  });

  it('answers malformed products with a readable 400 (or 413 when oversized)', async () => {
    const admin = api.as(b.admin);
    const cases: [unknown, number, RegExp][] = [
      [{ sku: 'NO-PRICES', name: 'No prices' }, 400, /prices/],
      [product('EMPTY', { prices: [] }), 400, /prices/],
      [product('NEG', { prices: [{ currency: 'RUB', amount: -1 }] }), 400, /amount/],
      [product('LOWER', { prices: [{ currency: 'rub', amount: 1 }] }), 400, /currency/],
      [product('XYZ', { prices: [{ currency: 'XYZ', amount: 1 }] }), 400, /XYZ.*ISO 4217/],
      [
        product('TWICE', {
          prices: [
            { currency: 'RUB', amount: 1 },
            { currency: 'RUB', amount: 2 },
          ],
        }),
        400,
        /second RUB/,
      ],
      [product('TIER', { discounts: [{ minQuantity: 10, percent: 150 }] }), 400, /percent/],
      [product(''), 400, /sku/],
      [product(' PAD '), 400, /sku: has spaces/],
      [{ ...product('NO-NAME'), name: undefined }, 400, /name/],
      [product('EXTRA', { colour: 'red' }), 400, /colour|additional/],
      [[product('ARRAY')], 400, /body|object/i],
      [product('LONG', { description: 'x'.repeat(10_001) }), 400, /description/],
      [product('HUGE', { description: 'x'.repeat(2_000_000) }), 413, /./],
    ];
    for (const [body, status, message] of cases) {
      const res = await admin('POST', '/products', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.code).toMatch(/^[a-z-]+$/);
    }
    expect(await listSkus(b.admin)).toEqual([]);
  });

  it('keeps SKUs unique within the team: 409 sku-taken on create and on a patch to a taken SKU', async () => {
    const first = await created(b.admin, product('DUP-1'));
    const second = await created(b.admin, product('DUP-2'));
    const again = await api.as(b.admin)('POST', '/products', product('DUP-1'));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'sku-taken', message: expect.stringContaining('DUP-1') });
    const renamed = await api.as(b.admin)('PATCH', `/products/${second.id}`, { sku: 'DUP-1' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe('sku-taken');
    // Its own SKU is no conflict, and another team may use the same SKU.
    expect((await api.as(b.admin)('PATCH', `/products/${first.id}`, { name: 'Renamed' })).status).toBe(200);
    const elsewhere = await created(a.admin, product('DUP-1'));
    for (const [team, id] of [
      [b, first.id],
      [b, second.id],
      [a, elsewhere.id],
    ] as const) {
      expect((await api.as(team.admin)('DELETE', `/products/${id}`)).status).toBe(204);
    }
  });

  it('lets reps and viewers read the catalog but refuses them writes (403)', async () => {
    const made = await created(b.admin, product('READ-ONLY'));
    for (const token of [b.rep, b.viewer]) {
      const who = api.as(token);
      expect((await who('GET', `/products/${made.id}`)).body.sku).toBe('READ-ONLY');
      expect((await who('GET', '/products')).body.items.map((i: Loose) => i.id)).toContain(made.id);
      const refused = [
        await who('POST', '/products', product('REP-MADE')),
        await who('PATCH', `/products/${made.id}`, { name: 'Taken over' }),
        await who('DELETE', `/products/${made.id}`),
      ];
      for (const res of refused) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toMatch(/forbidden/);
      }
    }
    expect((await api.as(b.admin)('GET', `/products/${made.id}`)).body.rev).toBe(made.rev);
    expect((await api.as(b.admin)('DELETE', `/products/${made.id}`)).status).toBe(204);
  });

  it("answers 404 for another team's products", async () => {
    const theirs = await created(a.admin, product('OTHER-TEAM'));
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api.as(b.admin)(method, `/products/${theirs.id}`, body);
      expect(res.status, method).toBe(404);
    }
    expect((await api.as(a.admin)('GET', `/products/${theirs.id}`)).body.name).toBe(theirs.name);
    expect((await api.as(a.admin)('DELETE', `/products/${theirs.id}`)).status).toBe(204);
  });

  it('filters by text, category, active and currency, page by page', async () => {
    const seed = [
      product('F-CRM', {
        name: 'CRM licence',
        names: { ru: 'Лицензия CRM' },
        category: 'licences',
        prices: [
          { currency: 'RUB', amount: 1000 },
          { currency: 'USD', amount: 12 },
        ],
      }),
      product('F-BOT', { name: 'Telegram bot', category: 'licences', description: 'Answers customers' }),
      product('F-OLD', { name: 'Old licence', category: 'licences', active: false }),
      product('F-SETUP', {
        name: 'Setup',
        kind: 'service',
        category: 'services',
        prices: [{ currency: 'EUR', amount: 300 }],
      }),
      product('F-TRAIN', { name: 'Training', category: 'services', descriptions: { en: 'Two days onsite' } }),
    ];
    for (const body of seed) await created(a.admin, body);
    const all = seed.map((s) => s.sku).sort();
    expect(await listSkus(a.rep)).toEqual(all);
    expect(await listSkus(a.rep, 'category=licences')).toEqual(['F-BOT', 'F-CRM', 'F-OLD']);
    expect(await listSkus(a.rep, 'active=false')).toEqual(['F-OLD']);
    expect(await listSkus(a.rep, 'active=true&category=licences')).toEqual(['F-BOT', 'F-CRM']);
    expect(await listSkus(a.rep, 'currency=USD')).toEqual(['F-CRM']);
    expect(await listSkus(a.rep, 'currency=EUR')).toEqual(['F-SETUP']);
    expect(await listSkus(a.rep, `q=${encodeURIComponent('лицензия')}`)).toEqual(['F-CRM']);
    expect(await listSkus(a.rep, 'q=f-set')).toEqual(['F-SETUP']);
    expect(await listSkus(a.rep, 'q=answers')).toEqual(['F-BOT']);
    expect(await listSkus(a.rep, 'q=onsite')).toEqual(['F-TRAIN']);
    expect(await listSkus(a.rep, 'q=licence&active=true')).toEqual(['F-CRM']);
    for (const bad of ['active=maybe', 'currency=usd', 'category=' + 'x'.repeat(201), 'colour=red']) {
      const res = await api.as(a.rep)('GET', `/products?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    expect(await listSkus(b.rep)).toEqual([]);
  });

  it('replicates through /sync/products/ to the team only, and the OpenAPI document lists the routes', async () => {
    const made = await created(a.admin, product('SYNCED', { names: { en: 'Synced', ru: 'Синхр.' } }));
    const synced = await call(api.base, 'GET', `/sync/products/${made.id}`, { token: a.rep });
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ _id: made.id, sku: 'SYNCED', names: made.names });
    const changes = await call(api.base, 'GET', '/sync/products/_changes?include_docs=true', {
      token: a.viewer,
    });
    expect(changes.status).toBe(200);
    const ids = (changes.body as Loose).results.map((r: Loose) => r.id);
    expect(ids).toContain(made.id);
    const otherTeam = await call(api.base, 'GET', `/sync/products/${made.id}`, { token: b.admin });
    expect(otherTeam.status).toBe(404);
    // The access table through the gateway too: a rep's push is refused.
    const push = await call(api.base, 'PUT', '/sync/products/product-by-rep', {
      token: a.rep,
      body: { ...product('BY-REP'), createdAt: made.createdAt, updatedAt: made.createdAt },
    });
    expect(push.status).toBe(403);

    const doc = (await call(api.base, 'GET', '/api/v1/openapi.json')).body as Loose;
    expect(Object.keys(doc.paths['/api/v1/products'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/products/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
  });

  describe('CSV', () => {
    const csv = (token: string, text: string | Uint8Array, query = '') =>
      fetch(`${api.base}/api/v1/products/import${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: text,
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as Loose }));
    const exported = async (token: string, query = '') => {
      const res = await fetch(`${api.base}/api/v1/products/export.csv${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return new TextDecoder().decode(bytes);
    };

    it('dry-runs, imports by SKU (create and update) and exports a file that imports back', async () => {
      const c = await api.team('Catalog CSV');
      const existing = await created(c.admin, {
        sku: 'LIC-1',
        name: 'Licence',
        prices: [{ currency: 'RUB', amount: 900, period: 'month' }],
        discounts: [
          { minQuantity: 5, percent: 3 },
          { period: 'year', percent: 15 },
        ],
      });
      const file = [
        'sku;name;name_ru;name_en;unit;category;price_RUB;price_USD;period;discounts;availability;active',
        'LIC-1;Licence;Лицензия;Licence;seat;licences;1 000;12;month;"10:5;50:10";available;yes',
        'SETUP;Setup;Внедрение;Setup;project;services;50000;600;once;;on-order;да',
        '"BOT-1";"Bot; yearly";Бот;Bot;bot;addons;12000,50;;year;;available;no',
      ].join('\r\n');
      const dry = await csv(c.admin, file, '?dryRun=true');
      expect(dry.status, JSON.stringify(dry.body)).toBe(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        written: false,
        delimiter: ';',
        counts: { rows: 3, created: 2, updated: 1, failed: 0 },
      });
      expect(dry.body.rows.map((r: Loose) => [r.row, r.sku, r.status])).toEqual([
        [2, 'LIC-1', 'updated'],
        [3, 'SETUP', 'created'],
        [4, 'BOT-1', 'created'],
      ]);
      expect(await listSkus(c.admin)).toEqual(['LIC-1']);

      const done = await csv(c.admin, file);
      expect(done.status, JSON.stringify(done.body)).toBe(201);
      expect(done.body).toMatchObject({ written: true, counts: { created: 2, updated: 1 } });
      expect(await listSkus(c.admin)).toEqual(['BOT-1', 'LIC-1', 'SETUP']);
      const lic = (await api.as(c.rep)('GET', `/products/${existing.id}`)).body;
      expect(lic).toMatchObject({
        names: { ru: 'Лицензия', en: 'Licence' },
        unit: 'seat',
        prices: [
          { currency: 'RUB', amount: 1000, period: 'month' },
          { currency: 'USD', amount: 12, period: 'month' },
        ],
        // The tiers are the file's; the yearly-billing discount is kept.
        discounts: [
          { minQuantity: 10, percent: 5 },
          { minQuantity: 50, percent: 10 },
          { period: 'year', percent: 15 },
        ],
      });
      const bot = (await api.as(c.rep)('GET', '/products?q=BOT-1')).body.items[0];
      expect(bot).toMatchObject({
        name: 'Bot; yearly',
        active: false,
        prices: [{ amount: 12000.5, period: 'year' }],
      });
      // Synced like any product.
      const synced = await call(api.base, 'GET', `/sync/products/${bot.id}`, { token: c.rep });
      expect(synced.body).toMatchObject({ sku: 'BOT-1', fieldUpdatedAt: expect.any(Object) });

      // Export (a rep may), then import into another team: the same catalog.
      const text = await exported(c.rep);
      expect(text.startsWith('sku,name,name_ru,name_en,description,description_ru,description_en')).toBe(
        true,
      );
      expect(text).toContain('price_RUB,price_USD,period,discounts');
      expect(text).toContain(
        'LIC-1,Licence,Лицензия,Licence,,,,product,seat,licences,1000,12,month,10:5;50:10',
      );
      expect((await csv(c.admin, text, '?dryRun=true')).body.counts).toMatchObject({
        unchanged: 3,
        failed: 0,
      });
      const d = await api.team('Catalog CSV copy');
      const copied = await csv(d.admin, await exported(c.admin, '?sep=semicolon'));
      expect(copied.status, JSON.stringify(copied.body)).toBe(201);
      expect(copied.body.counts).toMatchObject({ created: 3, failed: 0 });
      const strip = (items: Loose[]) =>
        items
          .map(({ sku, name, names, unit, category, prices, availability, active, kind }: Loose) => ({
            sku,
            name,
            names,
            unit,
            category,
            prices,
            availability,
            active,
            kind,
          }))
          .sort((x, y) => (x.sku < y.sku ? -1 : 1));
      expect(strip((await api.as(d.admin)('GET', '/products')).body.items)).toEqual(
        strip((await api.as(c.admin)('GET', '/products')).body.items),
      );
    });

    it('reports bad rows in a dry run, imports nothing of a file with one, and refuses reps', async () => {
      const c = await api.team('Catalog CSV bad');
      const file = [
        'sku,name,price_RUB,price_XYZ,discounts,active,period',
        'OK-1,Fine,100,,,,',
        'BAD-1,Negative,-5,,,,',
        'BAD-2,Tiers,100,,10:500,,',
        'BAD-3,Currency,,7,,,',
        'OK-1,Again,200,,,,',
        ',No SKU,100,,,,',
        'BAD-4,No price,,,,,',
        'BAD-5,Active,100,,,maybe,weekly',
        `=HYPERLINK("x"),${'x'.repeat(400)},100,,,,`,
      ].join('\n');
      const dry = await csv(c.admin, file, '?dryRun=true');
      expect(dry.status).toBe(200);
      const byRow = Object.fromEntries(dry.body.rows.map((r: Loose) => [r.row, r]));
      expect(byRow[2].status).toBe('created');
      expect(byRow[3].reason).toMatch(/price_RUB.*not an amount/);
      expect(byRow[4].reason).toMatch(/discounts/);
      expect(byRow[5].reason).toMatch(/XYZ.*ISO 4217/);
      expect(byRow[6].reason).toMatch(/also in row 2/);
      expect(byRow[7].reason).toMatch(/sku/);
      expect(byRow[8].reason).toMatch(/prices/);
      expect(byRow[9].reason).toMatch(/active.*period|period.*active/s);
      expect(byRow[10].reason).toMatch(/name/);
      expect(dry.body.counts).toMatchObject({ rows: 9, created: 1, failed: 8 });

      const refused = await csv(c.admin, file);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/8 of 9 rows failed/);
      expect(await listSkus(c.admin)).toEqual([]);
      const partial = await csv(c.admin, file, '?skipInvalid=true');
      expect(partial.status).toBe(201);
      expect(await listSkus(c.admin)).toEqual(['OK-1']);

      for (const token of [c.rep, c.viewer]) {
        expect((await csv(token, 'sku,name,price_RUB\nR-1,Rep,1', '?dryRun=true')).status).toBe(403);
      }
      expect((await csv(c.admin, 'name,price_RUB\nNo sku column,1')).body.error.message).toMatch(
        /sku column/,
      );
    });

    it('refuses hostile and oversized files with a 4xx', async () => {
      const c = await api.team('Catalog CSV hostile');
      const header = 'sku,name,price_RUB\n';
      const cases: [string | Uint8Array, number][] = [
        ['', 422],
        ['sku,name,price_RUB\n', 422],
        [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01, 0x02, 0xff, 0xfe]), 415],
        [header + '"unclosed,quote,1\n', 422],
        [header + Array.from({ length: 10_001 }, (_, i) => `S${i},N,1`).join('\n'), 413],
        [Array.from({ length: 101 }, (_, i) => `c${i}`).join(',') + '\nx', 422],
        [header + 'S,' + 'x'.repeat(5 * 1024 * 1024) + ',1\n', 413],
      ];
      for (const [body, status] of cases) {
        const res = await csv(c.admin, body);
        expect(res.status, String(body).slice(0, 40)).toBe(status);
        expect(res.body.error.message).toBeTruthy();
      }
      expect(await listSkus(c.admin)).toEqual([]);
    });
  });
});
