// A Vitest reporter for CI's closing report: each test file's whole time, from its environment's
// setup through its import and every test and hook (Vitest's JSON report spans only the first test's
// start to the last test's end, leaving out beforeAll, where the e2e files start servers and browsers).
// Writes a JSON array of {file, project, seconds, tests} to the path in CI_FILE_TIMES.
import { writeFileSync } from 'node:fs';

export default class FileTimesReporter {
  onTestRunEnd(testModules) {
    const out = process.env.CI_FILE_TIMES;
    if (!out) return;
    const rows = testModules.map((m) => {
      const d = m.diagnostic();
      const ms =
        d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
      return {
        file: m.moduleId,
        project: m.project.name,
        seconds: ms / 1000,
        tests: [...m.children.allTests()].length,
      };
    });
    writeFileSync(out, JSON.stringify(rows));
  }
}
