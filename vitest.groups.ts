// How the suites share the machine. Most test files wait on servers, stores and child processes
// more than they compute, so they run two at a time, sync-server's four at a time in a group of their
// own (vitest.config.ts says why). Three kinds run in groups of their own after them:
// - the Chromium e2e suite (a browser and a server per file), three files at a time (apartWorkers);
// - files that judge wall-clock time (latency under load, rate limits, revocation within 100 ms),
//   one at a time.
// The crash and cluster files (kill -9 of servers and CouchDB nodes under 200 customers) judge no
// time (their waits are minutes long): they run in the shared group, started first (longFirst).
// Vitest runs projects of one `sequence.groupOrder` together and the groups in order; projects of
// one group must share one worker count (so each such group holds one project).
import { relative, resolve } from 'node:path';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';
import type { TestProjectInlineConfiguration, UserWorkspaceConfig } from 'vitest/config';

/** Files that run in a group of their own after the rest, per package (paths from its folder). */
export const serialFiles: Record<string, readonly string[]> = {
  'sync-server': [
    'test/knowledge-hostile.test.ts',
    'test/session-revocation.test.ts',
    'test/auth-timing.test.ts',
    'test/gateway-changes.test.ts',
    'test/llm-real-server.test.ts',
    'src/store/feeds/change-follower-stop.test.ts',
  ],
  bot: ['src/sender/rate-limiter.test.ts', 'src/sender/sender.test.ts'],
  desktop: ['e2e/**/*.test.ts'],
};

/** Test files at once in a package's shared group unless its call of `splitProject` says otherwise. */
export const sharedWorkers = 2;

/**
 * Files at once in a package's own group, where not one. The Chromium files two at a time (E2E_WORKERS
 * for a measurement). Three do not pay on two cores: all 42 files alone, one run after the other on one
 * machine, took 556 s of wall time and 1,083 s of CPU three at a time (and one file's server lost its
 * port to another worker's listener before a retry on EADDRINUSE was added, harness.ts), against 576 s
 * and 1,040 s two at a time, all passing.
 */
const apartWorkers: Record<string, number> = { desktop: Number(process.env.E2E_WORKERS) || 2 };

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

/**
 * Files that take a minute or more in CI (its report's slowest files), from the repo's root, longest
 * first. Vitest starts the files of a group larger first (on a fresh clone it knows no durations), so
 * a short file with a long run (crash.test.ts: 90 lines, 200 customers) would start last and hold the
 * group's end alone.
 */
export const longFiles: readonly string[] = [
  'sync-server/test/cluster.test.ts',
  'desktop/e2e/screens.e2e.test.ts',
  'sync-server/src/api/fuzz.test.ts',
  'desktop/e2e/account-links.e2e.test.ts',
  'desktop/e2e/tasks.e2e.test.ts',
  'sync-server/test/crash.test.ts',
  'desktop/e2e/catalog.e2e.test.ts',
  'desktop/e2e/pipelines.e2e.test.ts',
  'sync-server/test/vk-e2e.test.ts',
];

/** Vitest's order (groups, projects, then larger or longer files first), with `longFiles` first in each project. */
export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = longFiles.indexOf(relative(import.meta.dirname, f.moduleId));
      return i < 0 ? longFiles.length : i;
    };
    // Each project's files stay together where Vitest put them; within one, the long ones go first.
    const projectAt = new Map<unknown, number>();
    sorted.forEach((f, i) => projectAt.has(f.project) || projectAt.set(f.project, i));
    return sorted
      .map((f, i) => ({ f, i, p: projectAt.get(f.project)!, r: rank(f) }))
      .sort((a, b) => a.p - b.p || a.r - b.r || a.i - b.i)
      .map(({ f }) => f);
  }
}
