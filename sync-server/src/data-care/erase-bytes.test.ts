// Erasure on the embedded store leaves no bytes of the erased contact in the store's files: LevelDB
// keeps deleted values in its log and table files until it compacts them, so erasure compacts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { CORE, register, startTestServer, tempDir, testCouchUrl } from '../../test/helpers';
import { eraseContact } from './erase-contact';
import { EMAIL, NAME, PHONE, seed } from '../../test/data-care-seed';

const dir = tempDir('erase-bytes-');
let server: RunningServer;
let teamId = '';

function filesUnder(path: string): string[] {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The store's files that hold one of `needles`, with the needle. */
function filesHolding(needles: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(join(dir.path, 'couch'))) {
    const bytes = readFileSync(file);
    for (const n of needles) if (bytes.includes(Buffer.from(n))) found.push(`${file}: ${n}`);
  }
  return found;
}

beforeAll(async () => {
  server = await startTestServer(dir.path, { ...CORE });
  teamId = (await register(server.url, 'Bytes')).team.id;
  await seed(server.store, teamId);
});
afterAll(async () => {
  await server?.close();
  dir.remove();
});

describe.skipIf(testCouchUrl)('erasure on the embedded store', () => {
  it("leaves none of the contact's bytes in the LevelDB files", async () => {
    const needles = [NAME, PHONE, EMAIL];
    expect(filesHolding(needles).length, 'the seed is on disk').toBeGreaterThan(0);
    const report = await eraseContact(server.store, teamId, 'zina', pino({ level: 'silent' }));
    expect(report?.compacted).toBe(true);
    expect(filesHolding(needles)).toEqual([]);
  });
});
