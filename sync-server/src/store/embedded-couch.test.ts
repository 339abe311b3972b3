// The embedded store on its own: the front door (only the admin's credentials; CouchDB's selector
// filter; no crash on other filters), the short ways answering as express-pouchdb does, the folder
// lock, and the store process under supervision (restarted on the same URL, no store left behind
// when its parent dies).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nano from 'nano';
import PouchDB from 'pouchdb';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, storeClient, tempDir, until } from '../../test/helpers';
import { startEmbeddedCouch, type EmbeddedCouch } from './embedded-couch';

const log = pino({ level: 'silent' });

describe('embedded store, inline', () => {
  const dir = tempDir('couch-inline-');
  let couch: EmbeddedCouch;
  let c: ReturnType<typeof storeClient>;

  beforeAll(async () => {
    couch = await startEmbeddedCouch({ dataDir: dir.path, adminPassword: 'inline pw', log });
    c = storeClient(couch.url);
    expect((await c.call('PUT', '/db1')).status).toBe(201);
  });
  afterAll(async () => {
    await couch.close();
    dir.remove();
  });

  it('admits only the admin: wrong or missing credentials are 401, and nothing crashes it', async () => {
    expect((await fetch(`${c.base}/_all_dbs`)).status).toBe(401);
    expect((await fetch(`${c.base}/db1/_all_docs`)).status).toBe(401);
    const wrong = await fetch(`${c.base}/db1`, {
      headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    // A form login made express-pouchdb throw inside its own process.
    const login = await fetch(`${c.base}/_session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=admin&password=x',
    });
    expect(login.status).toBe(401);
    // An unknown filter named a design doc that is missing: express-pouchdb crashed on it.
    expect((await c.call('GET', '/db1/_changes?filter=app/missing')).status).toBe(400);
    expect((await c.call('GET', '/')).status).toBe(200);
  });

  it("filters _changes by a POSTed selector (CouchDB's filter=_selector)", async () => {
    await c.call('PUT', '/db1/s1', { kind: 'a' });
    await c.call('PUT', '/db1/s2', { kind: 'b' });
    await c.call('PUT', '/db1/s3', { kind: 'a' });
    const res = await c.call('POST', '/db1/_changes?filter=_selector&since=0', { selector: { kind: 'a' } });
    expect(res.status).toBe(200);
    const ids = (res.body!.results as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(['s1', 's3']);
    const info = await c.call('GET', '/db1');
    expect(String(res.body!.last_seq)).toBe(String(info.body!.update_seq));
    expect((await c.call('POST', '/db1/_changes?filter=_selector', { nope: 1 })).status).toBe(400);
  });

  it('answers reads and writes the short way exactly as express-pouchdb does', async () => {
    // A query string sends a request the long way (through express-pouchdb): compare the two.
    const both = async (path: string) => [
      await c.call('GET', path),
      await c.call('GET', `${path}?latest=false`),
    ];
    const created = await c.call('PUT', '/db1/doc-1', { n: 1 });
    expect(created).toMatchObject({ status: 201, body: { ok: true, id: 'doc-1' } });
    const [fast, slow] = await both('/db1/doc-1');
    expect(fast).toEqual(slow);
    expect(fast!.body).toMatchObject({ _id: 'doc-1', _rev: created.body!.rev, n: 1 });

    const [missingFast, missingSlow] = await both('/db1/nothing-here');
    expect(missingFast).toEqual(missingSlow);
    expect(missingFast).toEqual({ status: 404, body: { error: 'not_found', reason: 'missing' } });

    const conflict = await c.call('PUT', '/db1/doc-1', { n: 2 });
    expect(conflict).toMatchObject({ status: 409, body: { error: 'conflict' } });
    const posted = await c.call('POST', '/db1', { _id: 'doc-2', n: 2 });
    expect(posted).toMatchObject({ status: 201, body: { ok: true, id: 'doc-2' } });
    const generated = await c.call('POST', '/db1', { n: 3 });
    expect(generated.body!.id).toMatch(/^[0-9a-f]{32}$/);

    const bulk = await c.call('POST', '/db1/_bulk_docs', {
      docs: [
        { _id: 'doc-1', n: 9 },
        { _id: 'doc-3' },
        { _id: 'doc-2', _rev: posted.body!.rev, _deleted: true },
      ],
    });
    expect(bulk.status).toBe(201);
    expect(bulk.body).toEqual([
      { id: 'doc-1', error: 'conflict', reason: 'Document update conflict' },
      expect.objectContaining({ ok: true, id: 'doc-3' }),
      expect.objectContaining({ ok: true, id: 'doc-2' }),
    ]);
    const [deletedFast, deletedSlow] = await both('/db1/doc-2');
    expect(deletedFast).toEqual(deletedSlow);
    expect(deletedFast).toMatchObject({ status: 404, body: { error: 'not_found' } });

    expect(await c.call('PUT', '/no-such-db/x', { n: 1 })).toMatchObject({ status: 404 });
    expect(await c.call('GET', '/no-such-db/x')).toMatchObject({ status: 404 });
    expect((await c.call('GET', '/_all_dbs')).status).not.toBe(500);
  });

  it("writes a standalone attachment's raw bytes the short way, answering as express-pouchdb does", async () => {
    const put = async (path: string, bytes: Uint8Array, type = 'application/pdf') => {
      const res = await fetch(`${c.base}${path}`, {
        method: 'PUT',
        headers: { authorization: c.authorization, accept: 'application/json', 'content-type': type },
        body: bytes,
      });
      return {
        status: res.status,
        etag: res.headers.get('etag'),
        body: (await res.json()) as Record<string, string>,
      };
    };
    // Every byte value, and more than one chunk of the request body.
    const bytes = new Uint8Array(3_000_000).map((_, i) => (i * 7919) % 256);
    const created = await put('/db1/file-1/original', bytes);
    expect(created).toMatchObject({ status: 201, body: { ok: true, id: 'file-1' } });
    expect(created.etag).toBe(`"${created.body.rev}"`);
    const doc = await c.call<Record<string, Record<string, Record<string, unknown>>>>('GET', '/db1/file-1');
    const md5 = createHash('md5').update(bytes).digest('base64');
    expect(doc.body!._attachments!.original).toEqual({
      content_type: 'application/pdf',
      digest: `md5-${md5}`,
      length: bytes.length,
      revpos: 1,
      stub: true,
    });
    const read = await fetch(`${c.base}/db1/file-1/original`, {
      headers: { authorization: c.authorization },
    });
    expect(read.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.compare(Buffer.from(await read.arrayBuffer()), Buffer.from(bytes))).toBe(0);

    // A second attachment on the doc by its revision; the first stays. An old revision is a conflict,
    // answered as the long way (an extra query parameter sends it there) answers it.
    const text = new TextEncoder().encode('hello');
    const second = await put(`/db1/file-1/notes.txt?rev=${created.body.rev}`, text, 'text/plain');
    expect(second).toMatchObject({ status: 201, body: { ok: true, id: 'file-1' } });
    expect(second.body.rev).toMatch(/^2-/);
    const stale = await put(`/db1/file-1/other?rev=${created.body.rev}`, text);
    const staleSlow = await put(`/db1/file-1/other?rev=${created.body.rev}&x=1`, text);
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(staleSlow.body);
    expect((await put('/db1/file-1/other', text)).status).toBe(409);
    const both = await c.call<Record<string, Record<string, unknown>>>('GET', '/db1/file-1');
    expect(Object.keys(both.body!._attachments!).sort()).toEqual(['notes.txt', 'original']);

    expect((await put('/no-such-db/f/original', text)).status).toBe(404);
  });

  it('keeps _security objects, and one store per folder', async () => {
    const security = { admins: { names: [], roles: ['_admin'] }, members: { names: [], roles: ['_admin'] } };
    expect((await c.call('PUT', '/db1/_security', security)).status).toBe(200);
    expect((await c.call('GET', '/db1/_security')).body).toEqual(security);
    await expect(
      startEmbeddedCouch({ dataDir: dir.path, adminPassword: 'inline pw', log, lockWaitMs: 200 }),
    ).rejects.toThrow(/in use/);
    // A restart lets go of the folder and takes it again, on the same URL.
    await couch.restart();
    expect((await c.call('GET', '/db1/doc-1')).status).toBe(200);
    expect((await c.call('GET', '/db1/_security')).body).toEqual(security);
  });

  it("leaves none of its listeners on PouchDB's process-wide events once closed", async () => {
    // pouchdb-all-dbs's listener of a closed store used to hear every later store's databases and
    // write them into the closed one's folder (removed by then: an error logged for each).
    const events = PouchDB as unknown as { listenerCount(event: string): number };
    const count = () => events.listenerCount('created') + events.listenerCount('destroyed');
    const before = count();
    for (const name of ['first', 'second']) {
      const other = tempDir(`couch-listeners-${name}-`);
      const store = await startEmbeddedCouch({ dataDir: other.path, adminPassword: 'pw', log });
      expect((await storeClient(store.url).call('PUT', '/db1')).status).toBe(201);
      await store.close();
      other.remove();
    }
    expect(count()).toBe(before);
  });

  it('closes only its own databases, not those another store of the process opened meanwhile', async () => {
    const [a, b] = [tempDir('couch-own-a-'), tempDir('couch-own-b-')];
    const first = await startEmbeddedCouch({ dataDir: a.path, adminPassword: 'pw', log });
    const second = await startEmbeddedCouch({ dataDir: b.path, adminPassword: 'pw', log });
    try {
      expect((await storeClient(first.url).call('PUT', '/only-first')).status).toBe(201);
      expect((await storeClient(second.url).call('PUT', '/only-second')).status).toBe(201);
      await first.close();
      // Closing opens nothing: no database of the other store appears in this store's folder.
      expect(readdirSync(join(a.path, 'couch')).filter((f) => f.includes('only-second'))).toEqual([]);
      // Nor in its list of databases: pouchdb-all-dbs hears the whole process and used to write the
      // other store's names here (a write that could land while the folder was being removed).
      const list = new (PouchDB.defaults({ prefix: `${join(a.path, 'couch')}/` }))('pouch__all_dbs__');
      const ids = (await list.allDocs()).rows.map((r) => r.id);
      await list.close();
      expect(ids).toContain('db_only-first');
      expect(ids).not.toContain('db_only-second');
    } finally {
      await second.close();
      a.remove();
      b.remove();
    }
  });
});

describe('embedded store, in its own process', () => {
  it('is started again on the same URL when it dies, and stops with close()', async () => {
    const dir = tempDir('couch-process-');
    const couch = await startEmbeddedCouch({
      dataDir: dir.path,
      adminPassword: 'proc pw',
      log,
      mode: 'process',
    });
    try {
      const db = nano(couch.url).use<{ n: number }>('kept');
      await nano(couch.url).db.create('kept');
      await db.insert({ _id: 'k', n: 1 });
      const first = couch.pid!;
      expect(first).not.toBe(process.pid);
      expect(couch.up).toBe(true);

      process.kill(first, 'SIGKILL');
      await until(() => !couch.up);
      await until(() => couch.up && couch.pid !== first);
      expect((await db.get('k')).n).toBe(1);

      const before = couch.pid!;
      await couch.restart();
      expect(couch.pid).not.toBe(before);
      expect(alive(before)).toBe(false);
      expect((await db.get('k')).n).toBe(1);
    } finally {
      const pid = couch.pid!;
      await couch.close();
      expect(couch.up).toBe(false);
      await until(() => !alive(pid), 5_000);
      dir.remove();
    }
  }, 60_000);

  it('leaves no store process behind when its parent is killed -9, and the next one takes its folder', async () => {
    const dir = tempDir('couch-orphan-');
    const module = fileURLToPath(new URL('./embedded-couch.ts', import.meta.url));
    const script = `
      import { pino } from 'pino';
      import { startEmbeddedCouch } from ${JSON.stringify(module)};
      const couch = await startEmbeddedCouch({ dataDir: ${JSON.stringify(dir.path)}, adminPassword: 'pw',
        log: pino({ level: 'silent' }), mode: 'process' });
      console.log('STORE ' + couch.pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    parent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until(() => /STORE \d+/.test(out), 30_000);
      const storePid = Number(/STORE (\d+)/.exec(out)![1]);
      expect(alive(storePid)).toBe(true);
      parent.kill('SIGKILL');
      await until(() => !alive(storePid), 10_000);
      // The folder is free again: a new store opens it.
      const next = await startEmbeddedCouch({
        dataDir: dir.path,
        adminPassword: 'pw',
        log,
        lockWaitMs: 5_000,
      });
      await next.close();
    } finally {
      if (parent.exitCode === null) parent.kill('SIGKILL');
      dir.remove();
    }
  }, 60_000);
});
