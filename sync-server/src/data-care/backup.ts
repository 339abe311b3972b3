// Backs up all of a team's databases (attachments included) to one gzip NDJSON stream.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Store } from '../context';
import { teamCollections } from '../store/db-names';
import { teamDatabase } from '../store/named-db';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupDocLine, type BackupLine } from './backup-format';

const BATCH = 100;

async function* lines(store: Store, teamId: string, now: Date): AsyncGenerator<string> {
  const emit = (line: BackupLine) => JSON.stringify(line) + '\n';
  yield emit({
    type: 'header',
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    teamId,
    createdAt: now.toISOString(),
    collections: [...teamCollections],
  });
  const counts: Record<string, number> = {};
  for (const collection of teamCollections) {
    const db = teamDatabase(store, teamId, collection);
    counts[collection] = 0;
    let after: string | undefined;
    for (;;) {
      const { docs, last, more } = await db.page(after, BATCH, true);
      for (const doc of docs) {
        counts[collection]++;
        yield emit({ type: 'doc', collection, doc: doc as BackupDocLine['doc'] });
      }
      after = last;
      if (!more) break;
    }
  }
  yield emit({ type: 'end', counts });
}

/** Writes the backup to `out` (a file or an HTTP response) and resolves when it is complete. */
export async function writeBackup(store: Store, teamId: string, out: Writable, now: Date): Promise<void> {
  await pipeline(Readable.from(lines(store, teamId, now)), createGzip(), out);
}
