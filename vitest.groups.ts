// How the suites share the machine. Most test files wait on servers, stores and child processes
// more than they compute, so they run two at a time, sync-server's four at a time in a group of their
// own (vitest.config.ts says why). Three kinds run in groups of their own after them:
// - the Chromium e2e suite (a browser and a server per file), two files at a time (apartWorkers);
// - files that judge wall-clock time (latency under load, rate limits, revocation within 100 ms),
//   one at a time;
// - files that kill and restart processes or start their own CouchDB cluster, one at a time.
// Vitest runs projects of one `sequence.groupOrder` together and the groups in order; projects of
// one group must share one worker count (so each such group holds one project).
import { resolve } from 'node:path';
import type { TestProjectInlineConfiguration, UserWorkspaceConfig } from 'vitest/config';

/** Files that run in a group of their own after the rest, per package (paths from its folder). */
export const serialFiles: Record<string, readonly string[]> = {
  'sync-server': [
    'test/knowledge-hostile.test.ts',
    'test/session-revocation.test.ts',
    'test/auth-timing.test.ts',
    'test/gateway-changes.test.ts',
    'test/llm-real-server.test.ts',
    'test/crash.test.ts',
    'test/cluster.test.ts',
    'src/runtime/change-follower-stop.test.ts',
  ],
  bot: ['src/sender/rate-limiter.test.ts', 'src/sender/sender.test.ts'],
  desktop: ['e2e/**/*.test.ts'],
};

/** Test files at once in a package's shared group unless its call of `splitProject` says otherwise. */
export const sharedWorkers = 2;

/**
 * Files at once in a package's own group, where not one. The Chromium files, two at a time: each
 * waits on its browser and its server process about a third of its time, so ten of them took 261 s
 * one at a time, 188 s two and 172 s three at a time (two cores busy by then), all passing each way.
 * Two leave a core's worth of slack against flakes on a slower machine.
 */
const apartWorkers: Record<string, number> = { desktop: 2 };

/**
 * Packages whose shared-group files run in one module graph per worker (`isolate: false`): the
 * server's and the domain's modules load once per worker, not once per file (importing the server
 * cost a file 2 to 6 s; sync-server/src's 71 files took 236 s isolated and 124 s so, one run after
 * the other). They may, because none of their tests mocks modules (desktop's unit tests do, so
 * desktop stays isolated), and each file starts its own servers and stores on data folders of its
 * own and closes them. A file that left a timer or a listener running would now disturb the next:
 * a closed store leaving PouchDB's process-wide listeners behind was one (embedded-couch-app.ts
 * removes them since).
 */
const oneGraphPerWorker = new Set(['shared', 'bot', 'scripts', 'sync-server']);

/**
 * Packages whose apart files run in one module graph per worker too: desktop's Chromium files mock
 * nothing, so playwright-core and the harness load once per worker, and the harness keeps one
 * Chromium per worker for the files that run in it one after the other (harness.ts launchBrowser).
 */
const oneGraphApart = new Set(['desktop']);

const excluded = ['**/node_modules/**', '**/.git/**'];

/** Where a package's shared group runs, and how many of its files at once. */
export type SharedGroup = { group?: number; workers?: number };

/**
 * A package's project split in two: its files that may share the machine (group `shared.group`, 0
 * unless given, `shared.workers` at once, else `sharedWorkers`), and its files apart (group
 * `serialGroup`, one at a time unless `apartWorkers` says otherwise). `dir` is the package's folder.
 * Vitest runs the projects of one group together and refuses two of them with different worker
 * counts, so a package with a worker count of its own has a group of its own.
 */
export function splitProject(
  dir: string,
  config: UserWorkspaceConfig,
  serialGroup: number,
  sharedGroup: SharedGroup = {},
): TestProjectInlineConfiguration[] {
  const test = config.test ?? {};
  const serial = serialFiles[dir] ?? [];
  const base = { ...config, test: { ...test, root: resolve(import.meta.dirname, dir) } };
  const shared = {
    ...base,
    test: {
      ...base.test,
      exclude: [...excluded, ...(test.exclude ?? []), ...serial],
      maxWorkers: sharedGroup.workers ?? sharedWorkers,
      isolate: !oneGraphPerWorker.has(dir),
      sequence: { groupOrder: sharedGroup.group ?? 0 },
    },
  };
  if (!serial.length) return [shared];
  return [
    shared,
    {
      ...base,
      test: {
        ...base.test,
        name: `${test.name ?? dir} (${apartWorkers[dir] ? 'apart' : 'serial'})`,
        include: [...serial],
        exclude: [...excluded, ...(test.exclude ?? [])],
        maxWorkers: apartWorkers[dir] ?? 1,
        isolate: !oneGraphApart.has(dir),
        sequence: { groupOrder: serialGroup },
      },
    },
  ];
}

/** sync-server's shared-group files at once in the main pass (SYNC_SERVER_WORKERS for a measurement). */
export const syncServerWorkers = Number(process.env.SYNC_SERVER_WORKERS) || 4;
