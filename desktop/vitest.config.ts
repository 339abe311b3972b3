import { defineProject } from 'vitest/config';

// Unit tests (src/**, electron mocked; scripts/**, the packaging hooks) and the Chromium e2e suite
// (e2e/**, skipped when Debian's Chromium is missing) run in one project so `npm test` at the root runs
// both.
export default defineProject({
  test: {
    name: 'desktop',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // `expect.poll` waits for what a screen shows after replication, a server's answer or a render.
    // Vitest's default (1 s) is too short for a page while two e2e files share two cores: a card
    // showed its usage row too late and failed a run. A poll whose condition never holds still
    // fails, after 10 s.
    expect: { poll: { timeout: 10_000 } },
    // styles.test.ts reads the stylesheet's text (`?raw`); other CSS stays out of unit tests.
    css: { include: [/styles\.css/] },
  },
});
