// The analytics rollup on the real local database (RxDB on dexie over fake-indexeddb): the first
// build is stored even when nothing was written while it ran, so the next start reads it instead of
// every doc again.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeadDoc } from '@app/shared/schemas';
import { sampleDocs } from '../test/sample-docs';
import { analyticsRollup } from './analytics-rollup';
import { openDatabase, type AppDatabase } from './database';

const lead = (id: string): LeadDoc => ({ ...structuredClone(sampleDocs.leads), id, title: `Deal ${id}` });

const open: AppDatabase[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) await db.remove();
});

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await check()).toBe(true);
};

/** The stored rollup record of a database, read as the next start would. */
function stored(name: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(`${name}-analytics-rollup`, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('rollup');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const get = req.result.transaction('rollup', 'readonly').objectStore('rollup').get('state');
      get.onsuccess = () => {
        req.result.close();
        resolve(get.result);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

describe('analytics rollup', () => {
  it('stores its first build when the database was written long before it', async () => {
    const db = await openDatabase(`rollup${Date.now()}`, 'device-1');
    open.push(db);
    await db.leads.bulkInsert([lead('l1'), lead('l2'), lead('l3')]);
    // The deals were written a minute before the build: none is among the changes after it.
    const now = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => now() + 60_000);

    const rollup = analyticsRollup(db);
    let status = rollup.status;
    rollup.subscribe((s) => (status = s));
    await until(() => status.view !== undefined);
    await until(async () => (await stored(db.name)) !== undefined);
  });
});
