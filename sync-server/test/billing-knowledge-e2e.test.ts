// The plan's knowledge size (issue 40) on what devices push through the sync gateway, on the real
// server with its runtime and embedded store: a rep's offline upload (its source declaring a small
// size, the original in `files`, chunks cut on the device) and a Q&A pair (pushed `ready`, as older
// apps did) that would take a Free team over its knowledge size end `failed` with the plan's reason in
// English and Russian, their stored original and chunks deleted (issue 60: a failed source holds no
// bytes), and none of their chunks is found by the team's knowledge search (the index the agents
// answer from); a device cannot mark them ready. Within the size both are indexed and found, the usage
// counts what is stored (the original's bytes, the pair's text), and after a larger plan the pair
// pushed again is counted and found.
// The plan's storage (issue 60) on every path that stores bytes: files a device pushes through
// `/sync/files` and knowledge uploads are refused with 402 past it, the usage counts the stored
// attachments' bytes (not what a doc declares), and a website asks for no more pages than the plan takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { acceptInvite, call, eventually, register, startTestServer, tempDir, uniqueEmail } from './helpers';

type Json = Record<string, unknown>;
const OPERATOR = 'operator-token-0123456789abcdef';
const LIMIT = 2_000;
const STORAGE = 40_000;

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let admin: string;
let rep: string;
let teamId: string;

beforeAll(async () => {
  dir = tempDir('billing-knowledge-');
  server = await startTestServer(dir.path, {
    BILLING_OPERATOR_TOKEN: OPERATOR,
    BILLING_LIMITS: JSON.stringify({ free: { knowledgeBytes: LIMIT, storageBytes: STORAGE } }),
  });
  const session = await register(server.url, 'Free knowledge devices team');
  admin = session.accessToken;
  teamId = session.team.id;
  const plan = await setPlan('free');
  expect(plan.status).toBe(200);
  const email = uniqueEmail('rep');
  const invite = await call(server.url, 'POST', '/api/v1/members/invite', {
    token: admin,
    body: { email, role: 'rep' },
  });
  rep = (await acceptInvite(server.url, { inviteToken: String(invite.body.inviteToken), email })).accessToken;
}, 60_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

const setPlan = (plan: string) =>
  call(server.url, 'PUT', `/api/v1/billing/operator/teams/${teamId}/plan`, {
    body: { plan },
    headers: { authorization: `Bearer ${OPERATOR}` },
  });
const at = () => new Date().toISOString();
/** A push of `docs` through the gateway as the rep's device does; every doc must be written. */
async function push(collection: string, docs: Json[]) {
  const res = await call(server.url, 'POST', `/sync/${collection}/_bulk_docs`, {
    token: rep,
    body: { docs },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(
    (res.body as Json[]).every((r) => r.ok),
    JSON.stringify(res.body),
  ).toBe(true);
}
const chunk = (sourceId: string, ordinal: number, text: string, extra: Json = {}) => ({
  _id: `${sourceId}:${ordinal}`,
  sourceId,
  ordinal,
  text,
  position: { start: 0, end: text.length },
  contentHash: `fnv-${sourceId}-${ordinal}`,
  createdAt: at(),
  ...extra,
});

/** An offline upload as the app pushes it: the source (pending, `size` as declared), file, chunks. */
async function pushUpload(id: string, text: string, declaredSize: number) {
  const fileDocId = `kfile-${id}`;
  const paragraphs = text.match(/.{1,900}(\s|$)/g)!;
  await push(
    'knowledge_chunks',
    paragraphs.map((p, i) => chunk(id, i, p.trim())),
  );
  await push('knowledge_sources', [
    {
      _id: id,
      title: id,
      kind: 'text',
      fileName: `${id}.txt`,
      mimeType: 'text/plain',
      size: declaredSize,
      fileDocId,
      contentHash: `fnv-${id}`,
      status: 'pending',
      createdAt: at(),
      updatedAt: at(),
      fieldUpdatedAt: { title: at(), status: at() },
    },
  ]);
  await push('files', [
    {
      _id: fileDocId,
      fileName: `${id}.txt`,
      mimeType: 'text/plain',
      size: declaredSize,
      kind: 'knowledge',
      sourceId: id,
      createdAt: at(),
      _attachments: { original: { content_type: 'text/plain', data: Buffer.from(text).toString('base64') } },
    },
  ]);
}

/** A Q&A pair as older apps pushed it: `ready` with one chunk, no size. */
async function pushQa(id: string, question: string, answer: string) {
  const text = `${question}\n\n${answer}`;
  await push('knowledge_chunks', [chunk(id, 0, text, { question, answer })]);
  await push('knowledge_sources', [
    {
      _id: id,
      title: question,
      kind: 'csv-qa',
      contentHash: `fnv-${id}`,
      status: 'ready',
      chunkCount: 1,
      createdAt: at(),
      updatedAt: at(),
      fieldUpdatedAt: { title: at(), status: at() },
    },
  ]);
  return Buffer.byteLength(text);
}

const source = async (id: string) =>
  (await call(server.url, 'GET', `/api/v1/knowledge/sources/${encodeURIComponent(id)}`, { token: admin }))
    .body as Json;
const settled = (id: string) =>
  eventually(async () => {
    const s = await source(id);
    return s.status === 'ready' || s.status === 'failed' ? s : undefined;
  }, 30_000);
/** The sources of what the team's knowledge search (the agents' index) finds for `q`. */
const found = async (q: string) => {
  const res = await call(server.url, 'GET', `/api/v1/embeddings/search?q=${encodeURIComponent(q)}&limit=20`, {
    token: admin,
  });
  expect(res.status).toBe(200);
  return ((res.body as { hits: Json[] }).hits ?? []).map((h) => String(h.sourceId));
};
const usage = async () =>
  (
    (await call(server.url, 'GET', '/api/v1/billing/plan', { token: admin })).body as {
      usage: { knowledgeBytes: number };
    }
  ).usage.knowledgeBytes;

describe("the plan's knowledge size on what devices push", () => {
  const overText = `Fleet leasing. ${'Every zebracorn lease runs twelve months and renews by itself. '.repeat(50)}`;
  const overAnswer = `Yes. ${'Our quokkaberry warranty covers every part for five years. '.repeat(45)}`;

  it('fails a pushed upload and Q&A pair over it (deleted, never searched), and indexes what fits', async () => {
    expect(Buffer.byteLength(overText)).toBeGreaterThan(LIMIT);
    const smallBytes = await pushQa(
      'source-qa-hours',
      'When is support open?',
      'Support answers daily, 9:00-21:00 (platypus desk).',
    );
    await pushUpload('source-offline-over', overText, 120);
    await pushQa('source-qa-over', 'Is there a warranty?', overAnswer);

    // What fits is indexed by the server and searched.
    expect(await settled('source-qa-hours')).toMatchObject({
      status: 'ready',
      chunkCount: 1,
      size: smallBytes,
    });
    await eventually(async () =>
      (await found('platypus desk')).includes('source-qa-hours') ? true : undefined,
    );

    for (const id of ['source-offline-over', 'source-qa-over']) {
      const failed = await settled(id);
      expect(failed, id).toMatchObject({ status: 'failed', chunkCount: 0 });
      const [en, ru] = String(failed.error).split('\n');
      expect(en, id).toMatch(/^The Free plan allows .* MB of knowledge, and this would make .* MB/);
      expect(ru, id).toMatch(/^Тариф «Бесплатный» допускает .* МБ знаний/);
    }
    // Measured by what is stored, not by the 120 bytes the device declared.
    expect((await source('source-offline-over')).size).toBe(Buffer.byteLength(overText));
    expect(await found('zebracorn lease')).not.toContain('source-offline-over');
    expect(await found('quokkaberry warranty')).not.toContain('source-qa-over');
    expect(await found('platypus desk')).toContain('source-qa-hours');

    // Deleted: the file and every chunk the device wrote; the source stays, failed, saying why.
    const gone = await call(server.url, 'POST', '/sync/knowledge_chunks/_all_docs', {
      token: rep,
      body: { keys: ['source-offline-over:0', 'source-offline-over:3', 'source-qa-over:0'] },
    });
    expect((gone.body as { rows: Json[] }).rows.every((r) => r.error || (r.value as Json)?.deleted)).toBe(
      true,
    );
    const file = await fetch(`${server.url}/sync/files/kfile-source-offline-over/original`, {
      headers: { authorization: `Bearer ${rep}` },
    });
    expect(file.status).toBe(404);
    // Only what is searched is counted.
    expect(await usage()).toBe(smallBytes);

    // A device cannot mark the failed source ready.
    const stored = (await call(server.url, 'GET', '/sync/knowledge_sources/source-qa-over', { token: rep }))
      .body as Json;
    const flip = await call(server.url, 'PUT', '/sync/knowledge_sources/source-qa-over', {
      token: rep,
      body: { ...stored, status: 'ready', chunkCount: 1 },
    });
    expect(flip.status).toBe(403);
    expect((await source('source-qa-over')).status).toBe('failed');

    // An offline upload within the size: indexed from its stored original, found, counted.
    const fits = 'Delivery to Kazan takes two days by the wombat courier.';
    await pushUpload('source-offline-fits', fits, 9);
    expect(await settled('source-offline-fits')).toMatchObject({
      status: 'ready',
      size: Buffer.byteLength(fits),
    });
    await eventually(async () =>
      (await found('wombat courier')).includes('source-offline-fits') ? true : undefined,
    );
    expect(await usage()).toBe(smallBytes + Buffer.byteLength(fits));

    // Nothing is left to index again; on a larger plan the pair pushed again is counted and searched.
    const again = await call(server.url, 'POST', '/api/v1/knowledge/sources/source-qa-over/reindex', {
      token: rep,
    });
    expect(again.status).toBe(409);
    expect((await setPlan('pro')).status).toBe(200);
    await pushQa('source-qa-again', 'Is there a warranty?', overAnswer);
    expect(await settled('source-qa-again')).toMatchObject({ status: 'ready', chunkCount: 1 });
    await eventually(async () =>
      (await found('quokkaberry warranty')).includes('source-qa-again') ? true : undefined,
    );
    const removed = await call(server.url, 'DELETE', '/api/v1/knowledge/sources/source-qa-again', {
      token: admin,
    });
    expect(removed.status).toBe(204);
    expect((await setPlan('free')).status).toBe(200);
  }, 90_000);
});

describe("the plan's storage and website pages", () => {
  /** A message attachment as the app pushes it through `/sync/files`, `bytes` long. */
  const attachment = (id: string, bytes: number, declared = 1) => ({
    _id: id,
    fileName: `${id}.bin`,
    mimeType: 'application/octet-stream',
    size: declared,
    kind: 'attachment',
    _attachments: {
      original: {
        content_type: 'application/octet-stream',
        data: Buffer.alloc(bytes, id.length).toString('base64'),
      },
    },
  });
  const report = async () =>
    (await call(server.url, 'GET', '/api/v1/billing/plan', { token: admin })).body as {
      usage: { storageBytes: number };
      limits: { storageBytes: number | null; websitePages: number | null };
      readings: Json[];
    };

  it('counts stored attachments and refuses files past the storage, on the gateway and on uploads', async () => {
    const before = (await report()).usage.storageBytes;
    const room = STORAGE - before;
    expect(room).toBeGreaterThan(12_000);
    // Stored bytes are counted as stored, not as the doc declares (1 byte).
    await push('files', [attachment('att-one', 10_000)]);
    let plan = await report();
    expect(plan.usage.storageBytes).toBe(before + 10_000);
    expect(plan.limits.storageBytes).toBe(STORAGE);
    expect(plan.readings.find((r) => r.key === 'storageBytes')).toMatchObject({
      limit: STORAGE,
      used: before + 10_000,
    });

    // A push past the storage: 402 with the plan's reason, nothing written.
    const over = await call(server.url, 'POST', '/sync/files/_bulk_docs', {
      token: rep,
      body: { docs: [attachment('att-two', room - 10_000 + 1)] },
    });
    expect(over.status).toBe(402);
    expect((over.body as { error: Json }).error).toMatchObject({ code: 'plan-limit-reached' });
    expect(((over.body as { error: { details: Json } }).error.details as Json).limit).toBe('storageBytes');
    const put = await call(server.url, 'PUT', '/sync/files/att-three', {
      token: rep,
      body: attachment('att-three', room - 10_000 + 1),
    });
    expect(put.status).toBe(402);
    expect((await report()).usage.storageBytes).toBe(before + 10_000);

    // What fits still goes; then a knowledge upload within the knowledge size is refused for storage.
    await push('files', [attachment('att-fits', room - 10_000 - 50)]);
    plan = await report();
    expect(plan.usage.storageBytes).toBe(STORAGE - 50);
    const upload = await call(server.url, 'POST', '/api/v1/knowledge/sources?fileName=tiny.txt', {
      token: rep,
      raw: 'Opening hours: 9 to 18, every day but Sunday, at the capybara shop.',
      headers: { 'content-type': 'text/plain' },
    });
    expect(upload.status).toBe(402);
    expect(((upload.body as { error: { details: Json } }).error.details as Json).limit).toBe('storageBytes');

    // Deleting a file makes room again.
    const stored = (await call(server.url, 'GET', '/sync/files/att-fits', { token: rep })).body as Json;
    const del = await call(server.url, 'DELETE', `/sync/files/att-fits?rev=${String(stored._rev)}`, {
      token: rep,
    });
    expect(del.status).toBe(200);
    expect((await report()).usage.storageBytes).toBe(before + 10_000);
  }, 60_000);

  it('takes no more pages of a website than the plan does', async () => {
    expect((await report()).limits.websitePages).toBe(20);
    const res = await call(server.url, 'POST', '/api/v1/knowledge/websites', {
      token: rep,
      body: { url: 'https://example.com/help/', maxPages: 21 },
    });
    expect(res.status).toBe(402);
    expect((res.body as { error: { details: Json } }).error.details).toMatchObject({
      limit: 'websitePages',
      max: 20,
    });
  });
});
