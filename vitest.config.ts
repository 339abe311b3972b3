import { defineConfig } from 'vitest/config';
import bot from './bot/vitest.config.ts';
import desktop from './desktop/vitest.config.ts';
import scripts from './scripts/vitest.config.ts';
import shared from './shared/vitest.config.ts';
import syncServer from './sync-server/vitest.config.ts';
import { splitProject } from './vitest.groups.ts';

// One run over every workspace, so `npm test` prints one summary. Files run two at a time; then the
// browser suite (two files at a time), then the timing-sensitive files and the crash tests, one at a
// time (vitest.groups.ts).
export default defineConfig({
  test: {
    projects: [
      ...splitProject('shared', shared, 1),
      ...splitProject('bot', bot, 1),
      ...splitProject('scripts', scripts, 1),
      ...splitProject('desktop', desktop, 2),
      ...splitProject('sync-server', syncServer, 3),
    ],
    passWithNoTests: true,
  },
});
