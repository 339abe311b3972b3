// A data folder made once and copied into each test's own (the seeded demo team: seeding, the agents'
// pipeline over the demo conversations, was two thirds of a server's start). Test files run in several
// worker processes at once: one makes the folder under a lock (an atomic mkdir) while the others wait,
// then each copies it. A template is remade when its key changes (the code that made it) and after
// `maxAgeMs`, so that times relative to when it was made ("due in 2 hours") stay near the tests' clock.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type DataTemplate<T> = { dir: string; info: T };

export async function dataTemplate<T>(opts: {
  /** Names the template's folder under the system's temp folder. */
  name: string;
  /** What the template depends on (e.g. the newest source time): another key, another template. */
  key: string;
  maxAgeMs: number;
  /** Fills `dir` (empty) and answers what the copies need to know (a login), saved as JSON. */
  make(dir: string): Promise<T>;
}): Promise<DataTemplate<T>> {
  const root = join(tmpdir(), `${opts.name}-${opts.key.replace(/\W/g, '')}`);
  const infoFile = join(root, 'info.json');
  const dir = join(root, 'data');
  const fresh = (): DataTemplate<T> | undefined => {
    const at = statSync(infoFile, { throwIfNoEntry: false });
    return at && Date.now() - at.mtimeMs < opts.maxAgeMs
      ? { dir, info: JSON.parse(readFileSync(infoFile, 'utf8')) as T }
      : undefined;
  };
  const ready = fresh();
  if (ready) return ready;
  const lock = `${root}.lock`;
  const deadline = Date.now() + 3 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Older than any making takes (its holder died): taken over.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 2 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`the data template lock ${lock} was held too long`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    // Another process may have made it while this one waited.
    const made = fresh();
    if (made) return made;
    rmSync(root, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const info = await opts.make(dir);
    writeFileSync(`${infoFile}.tmp`, JSON.stringify(info));
    renameSync(`${infoFile}.tmp`, infoFile);
    return { dir, info };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Copies the template's folder into `target` (which may exist, empty). */
export function copyTemplate(template: DataTemplate<unknown>, target: string): void {
  cpSync(template.dir, target, { recursive: true });
}
