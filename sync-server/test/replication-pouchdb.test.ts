// PouchDB replication through the gateway, against the real embedded store: 1,000 docs both ways, a
// refused doc that does not stop the rest, live changes, and files with attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, leadDoc, register, startTestServer, tempDir, type Session } from './helpers';
import { localPouch, remotePouch } from './pouch-client';

let server: RunningServer;
let s: Session;
const dir = tempDir();
const clientDir = tempDir('pouch-client-');
let open: ReturnType<typeof localPouch>;

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
  s = await register(server.url);
  open = localPouch(clientDir.path);
});
afterAll(async () => {
  await server.close();
  dir.remove();
  clientDir.remove();
});

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('PouchDB replication through /sync', () => {
  it('pushes 1,000 docs with one refused doc, then pulls them into a fresh database', async () => {
    const a = open('a-leads');
    const docs = Array.from({ length: 1000 }, (_, i) => leadDoc(`lead-${String(i).padStart(4, '0')}`));
    await a.bulkDocs([
      ...docs.slice(0, 500),
      leadDoc('lead-invalid', { stage: 'maybe' }),
      ...docs.slice(500),
    ]);
    const remote = remotePouch(`${server.url}/sync/leads`, s.accessToken);
    const denied: unknown[] = [];
    const pushed = await a.replicate.to(remote, { batch_size: 200 }).on('denied', (e) => denied.push(e));
    expect(pushed.docs_written).toBe(1000);
    expect(pushed.doc_write_failures).toBe(1);
    expect(denied).toHaveLength(1);

    const b = open('b-leads');
    const pulled = await b.replicate.from(remote, { batch_size: 250 });
    expect(pulled.ok).toBe(true);
    const all = await b.allDocs({ include_docs: true });
    expect(all.rows.filter((r) => !r.id.startsWith('_design/')).length).toBe(1000);
    expect(all.rows.some((r) => r.id === 'lead-invalid' || r.id.startsWith('_design/'))).toBe(false);
    expect(all.rows[0]!.doc).toMatchObject({ title: 'Lead lead-0000', stage: 'new' });
  });

  it('carries live changes from one client to another', async () => {
    const remote = remotePouch(`${server.url}/sync/leads`, s.accessToken);
    const a = open('a-leads');
    const c = open('c-leads');
    await c.replicate.from(remote);
    const live = c.sync(remote, { live: true, retry: true });
    try {
      await a.put(leadDoc('lead-live', { title: 'Live one' }));
      await a.replicate.to(remote);
      await until(async () => (await c.get('lead-live').catch(() => undefined))?.title === 'Live one');
      const cur = await c.get('lead-live');
      await c.put({ ...cur, title: 'Edited on C' });
      await until(async () => {
        await a.replicate.from(remote);
        return (await a.get('lead-live')).title === 'Edited on C';
      });
    } finally {
      live.cancel();
    }
  });

  it('replicates files with attachments both ways ', async () => {
    const remote = remotePouch(`${server.url}/sync/files`, s.accessToken);
    const a = open('a-files');
    const bytes = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));
    await a.put({
      _id: 'file-prices',
      fileName: 'prices.pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
      kind: 'knowledge',
      _attachments: { original: { content_type: 'application/pdf', data: bytes.toString('base64') } },
    });
    const pushed = await a.replicate.to(remote);
    expect(pushed.docs_written).toBe(1);
    const b = open('b-files');
    const pulled = await b.replicate.from(remote);
    expect(pulled.docs_written).toBe(1);
    const doc = await b.get('file-prices', { attachments: true });
    const att = (doc._attachments as Record<string, { data: string }>).original!;
    expect(att.data).toBe(bytes.toString('base64'));
  });
});
