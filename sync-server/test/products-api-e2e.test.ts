// The product catalog (issue 38) through the admin API of a real sync server (embedded store,
// loopback): an admin creates, reads, changes and deletes products; the server's defaults and stamps;
// malformed bodies answer a readable 4xx; a SKU is unique within the team (409 `sku-taken`); reps and
// viewers read but are refused writes (403); another team's ids answer 404; every list filter, page
// by page; the same docs through the sync gateway the desktop replicates from.
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
});
