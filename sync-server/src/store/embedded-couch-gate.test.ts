// A database's deletion kept apart from its other requests (embedded-couch-gate.ts): the order the
// gate lets them through, and the hang it prevents, against the real embedded store: Mango queries
// running on a database while it is dropped and created again (a restore under the team's runtime)
// left the next `_index` on it without an answer; it hung in the first round before the gate.
import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { storeClient, tempDir } from '../../test/helpers';
import { startEmbeddedCouch } from './embedded-couch';
import { createDatabaseGates, gatedRequest, type GateKind, type GatePass } from './embedded-couch-gate';

const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;

describe('database gates', () => {
  it('knows the database and kind of a request', () => {
    expect(gatedRequest(request('DELETE', '/t_1_messages'))).toEqual({ db: 't_1_messages', kind: 'delete' });
    expect(gatedRequest(request('DELETE', '/db/doc?rev=1-a'))).toEqual({ db: 'db', kind: 'request' });
    expect(gatedRequest(request('POST', '/db/_find'))).toEqual({ db: 'db', kind: 'request' });
    expect(gatedRequest(request('GET', '/db/_changes?feed=longpoll'))).toEqual({ db: 'db', kind: 'feed' });
    expect(gatedRequest(request('PUT', '/db%24x'))).toEqual({ db: 'db$x', kind: 'request' });
    for (const url of ['/', '/_all_dbs', '/_session', '/%E0%A4%A'])
      expect(gatedRequest(request('GET', url))).toBeNull();
  });

  it('lets a deletion in once the running requests end, and the requests after it once it ends', async () => {
    const gates = createDatabaseGates();
    const order: string[] = [];
    const passes = new Map<string, GatePass>();
    const enter = (name: string, kind: GateKind, db = 'a') =>
      void gates.enter(db, kind).then((pass) => {
        order.push(name);
        passes.set(name, pass);
      });
    const settle = () => new Promise((r) => setTimeout(r, 5));
    enter('read 1', 'request');
    enter('feed 1', 'feed');
    await settle();
    enter('delete', 'delete');
    enter('read 2', 'request');
    enter('feed 2', 'feed');
    enter('other db', 'request', 'b');
    await settle();
    // The deletion waits for read 1 (not for the feed); what came after it waits for the deletion.
    expect(order).toEqual(['read 1', 'feed 1', 'other db']);
    passes.get('read 1')!.release();
    await settle();
    expect(order).toEqual(['read 1', 'feed 1', 'other db', 'delete']);
    passes.get('delete')!.release();
    passes.get('delete')!.release(); // a second release changes nothing
    await settle();
    expect(order).toEqual(['read 1', 'feed 1', 'other db', 'delete', 'read 2', 'feed 2']);
    for (const name of ['read 2', 'feed 1', 'feed 2', 'other db']) passes.get(name)!.release();
    expect(gates.size()).toBe(0);
  });
});

describe('dropping and creating a database under traffic, embedded store', () => {
  it('answers the drop, the create, its security and its index while Mango queries and writes run', async () => {
    const dir = tempDir('couch-gate-');
    const couch = await startEmbeddedCouch({
      dataDir: dir.path,
      adminPassword: 'gate pw',
      log: pino({ level: 'silent' }),
    });
    const c = storeClient(couch.url);
    const index = { index: { fields: ['k'] }, name: 'byk', ddoc: 'byk', type: 'json' };
    const within = async (what: string, call: Promise<{ status: number }>) => {
      const hung = new Promise<never>((_, fail) =>
        setTimeout(() => fail(new Error(`${what}: no answer in 8 s`)), 8_000).unref(),
      );
      return (await Promise.race([call, hung])).status;
    };
    try {
      for (let round = 0; round < 8; round++) {
        expect(await within('create', c.call('PUT', '/dx'))).toBe(201);
        const docs = Array.from({ length: 100 }, (_, i) => ({ _id: `d${i}`, k: i }));
        await c.call('POST', '/dx/_bulk_docs', { docs });
        await c.call('POST', '/dx/_index', index);
        let stop = false;
        const traffic = async (kind: number) => {
          for (let i = 0; !stop; i++) {
            const signal = AbortSignal.timeout(3_000);
            const call =
              kind === 0
                ? c.call('POST', '/dx/_find', { selector: { k: { $gt: 50 } }, limit: 5 }, { signal })
                : kind === 1
                  ? c.call('GET', `/dx/d${i % 100}`, undefined, { signal })
                  : c.call('PUT', `/dx/w${round}-${i}`, { k: -1 }, { signal });
            await call.catch(() => undefined);
          }
        };
        const running = [0, 0, 0, 1, 2].map(traffic);
        await new Promise((r) => setTimeout(r, 10 + round * 3));
        expect(await within(`round ${round}: drop`, c.call('DELETE', '/dx'))).toBe(200);
        expect(await within(`round ${round}: create`, c.call('PUT', '/dx'))).toBe(201);
        const security = {
          admins: { names: [], roles: ['_admin'] },
          members: { names: [], roles: ['_admin'] },
        };
        expect(await within(`round ${round}: security`, c.call('PUT', '/dx/_security', security))).toBe(200);
        expect(await within(`round ${round}: index`, c.call('POST', '/dx/_index', index))).toBe(200);
        stop = true;
        await Promise.all(running);
        expect(await within(`round ${round}: drop again`, c.call('DELETE', '/dx'))).toBe(200);
      }
    } finally {
      await couch.close();
      dir.remove();
    }
  }, 120_000);
});
