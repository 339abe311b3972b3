// A restore in a child process, for the test that kills it (data-care/restore-atomic.test.ts): it
// restores `file` into `team` on the store at `url` (under `prefix`), prints each step's name as it is
// reached, and stops at `stopAt` until it is killed.
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { createCouchStore } from '../src/store/couch-store';
import { parseBackup, restoreTeam } from '../src/data-care/restore';

const [url, prefix, team, file, stopAt] = process.argv.slice(2) as [string, string, string, string, string];
const store = createCouchStore({ url, log: pino({ level: 'silent' }), ...(prefix ? { prefix } : {}) });
const backup = await parseBackup(readFileSync(file));
await restoreTeam(store, team, backup, {
  beforeStep: (name) => {
    process.stdout.write(`step: ${name}\n`);
    if (name === stopAt) return new Promise<void>(() => undefined);
  },
});
process.stdout.write('done\n');
