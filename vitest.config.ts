import { defineConfig } from 'vitest/config';
import bot from './bot/vitest.config.ts';
import desktop from './desktop/vitest.config.ts';
import scripts from './scripts/vitest.config.ts';
import shared from './shared/vitest.config.ts';
import syncServer from './sync-server/vitest.config.ts';
import { LongFirstSequencer, splitProject, syncServerWorkers } from './vitest.groups.ts';

// One run over every workspace, so `npm test` prints one summary. Files run two at a time (sync-server's
// four); then the browser suite (three files at a time), then the timing-sensitive files one at a time;
// in each group the files known to take longest start first (vitest.groups.ts).
export default defineConfig({
  test: {
    projects: [
      ...splitProject('shared', shared, 2),
      ...splitProject('bot', bot, 2),
      ...splitProject('scripts', scripts, 2),
      ...splitProject('desktop', desktop, 3),
      // Its files wait on the servers, stores and child processes they start far more than they
      // compute: two at a time kept one core of two busy (CI's own CPU, read from a cgroup minute by
      // minute in a fresh-clone run), and its 126 files held the machine 4:56. Alone with the same
      // code: 3 at a time 255 s, 4 232 s, 6 250 s (each worker loads the server's modules once).
      // The CouchDB pass stays at two: there the store is the bottleneck (44 files: 207 s at two,
      // 227 s at four).
      ...splitProject('sync-server', syncServer, 4, { group: 1, workers: syncServerWorkers }),
    ],
    passWithNoTests: true,
    sequence: { sequencer: LongFirstSequencer },
  },
});
