import { defineConfig } from 'vitest/config';

// One run over every workspace, so `npm test` prints one summary.
export default defineConfig({
  test: {
    projects: ['shared', 'bot', 'sync-server', 'desktop', 'scripts'],
    passWithNoTests: true,
  },
});
