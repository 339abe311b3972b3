// A Vitest reporter for CI's closing report: each test file's whole time, from its environment's
// setup through its import and every test and hook (Vitest's JSON report spans only the first test's
// start to the last test's end, leaving out beforeAll, where the e2e files start servers and browsers),
// and when it started and ended on the wall clock, so the report can tell how long each group of
// files held the machine. Writes {files: [{file, project, seconds, tests, startedAt, endedAt}] (epoch
// ms), failures: [first lines of the errors of the file and its suites], errors: [{message, stack, file,
// test}], reason} to the path in CI_FILE_TIMES. A file's failures are those outside its tests (a
// beforeAll or afterAll that threw or timed out), which Vitest's JSON report leaves out when they
// belong to a describe block: the file shows as failed with no message and its tests as skipped.
// The errors are the unhandled ones Vitest caught outside any test, which fail the run without a
// failed test to show in its JSON report.
import { writeFileSync } from 'node:fs';

export default class FileTimesReporter {
  /** Wall-clock start of each file, by module id. */
  started = new Map();
  ended = new Map();

  onTestModuleStart(testModule) {
    this.started.set(testModule.moduleId, Date.now());
  }

  onTestModuleEnd(testModule) {
    this.ended.set(testModule.moduleId, Date.now());
  }

  onTestRunEnd(testModules, unhandledErrors = [], reason) {
    const out = process.env.CI_FILE_TIMES;
    if (!out) return;
    const rows = testModules.map((m) => {
      const d = m.diagnostic();
      const ms =
        d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
      const endedAt = this.ended.get(m.moduleId) ?? Date.now();
      return {
        file: m.moduleId,
        project: m.project.name,
        seconds: ms / 1000,
        tests: [...m.children.allTests()].length,
        // Vitest reports a file's start when its worker begins it; the environment's setup may come first.
        startedAt: Math.min(this.started.get(m.moduleId) ?? endedAt, endedAt - ms),
        endedAt,
        failures: [m, ...m.children.allSuites()].flatMap((s) =>
          s.errors().map((e) => `${s === m ? '' : `${s.fullName}: `}${String(e?.message ?? e)}`),
        ),
      };
    });
    const errors = unhandledErrors.map((e) => ({
      message: String(e?.message ?? e),
      stack: String(e?.stack ?? '')
        .split('\n')
        .slice(0, 8)
        .join('\n'),
      // Vitest names the file (and test) that was running when the error was thrown.
      file: e?.VITEST_TEST_PATH,
      test: e?.VITEST_TEST_NAME,
    }));
    writeFileSync(out, JSON.stringify({ files: rows, errors, reason }));
  }
}
