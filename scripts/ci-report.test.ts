// CI's closing report (.ci/ci-report.mjs): phase times, the slowest files of each pass, and the last
// line CI reads, "N passed, N failed", which must count a pass that failed without a failed test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, '..', '.ci', 'ci-report.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ci-report-'));

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const vitestJson = (name: string, passed: number, failed: number, files: [string, number][]) =>
  file(
    name,
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: 1,
      numTodoTests: 0,
      testResults: files.map(([path, seconds]) => ({
        name: resolve(path),
        startTime: 1000,
        endTime: 1000 + seconds * 1000,
        assertionResults: [{}, {}],
      })),
    }),
  );
const report = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('CI report', () => {
  const phases = file('phases.tsv', 'apt packages\t3\ninstall (npm ci)\t75\nmain pass (npm test)\t612\n');
  const files = Array.from({ length: 12 }, (_, i): [string, number] => [`pkg/f${i}.test.ts`, i + 1]);
  const main = vitestJson('main.json', 10, 0, files);
  const couch = vitestJson('couch.json', 4, 0, [['pkg/store.test.ts', 40]]);

  it('prints each phase with its minutes, the total, and the ten slowest files of each pass, slowest first', () => {
    const out = report(phases, main, couch, '0', '0', '0');
    expect(out).toContain('   0:03  apt packages');
    expect(out).toContain('  10:12  main pass (npm test)');
    expect(out).toContain('  11:30  all phases');
    const slow = out.split('== ten slowest files, main pass')[1]!.split('==')[0]!.trim().split('\n');
    expect(slow).toHaveLength(10);
    expect(slow[0]).toContain('12.0 s  pkg/f11.test.ts (2 tests)');
    expect(slow[9]).toContain('pkg/f2.test.ts');
    expect(out).toContain('40.0 s  pkg/store.test.ts');
    expect(out.trimEnd().split('\n').at(-1)).toBe('14 passed, 0 failed, 2 skipped');
  });

  it('counts a failed smoke run, and a pass that failed with no failed test, as one failed each', () => {
    const last = (out: string) => out.trimEnd().split('\n').at(-1);
    expect(last(report(phases, main, couch, '1', '0', '0'))).toBe('14 passed, 1 failed, 2 skipped');
    expect(last(report(phases, main, couch, '0', '1', '1'))).toBe('14 passed, 2 failed, 2 skipped');
    const failing = vitestJson('failing.json', 9, 1, files);
    expect(last(report(phases, failing, couch, '0', '0', '1'))).toBe('13 passed, 1 failed, 2 skipped');
  });

  it("judges the slowest files on the reporter's whole file times when they are there", () => {
    const times = file(
      'times.json',
      JSON.stringify([
        { file: resolve('pkg/e2e.test.ts'), project: 'desktop', seconds: 90, tests: 4 },
        { file: resolve('pkg/f11.test.ts'), project: 'repo', seconds: 12, tests: 2 },
      ]),
    );
    const out = report(phases, main, couch, '0', '0', '0', times, join(dir, 'none.json'));
    const slow = out.split('== ten slowest files, main pass')[1]!.split('==')[0]!.trim().split('\n');
    expect(slow.map((l) => l.trim())).toEqual([
      '90.0 s  pkg/e2e.test.ts (4 tests)',
      '12.0 s  pkg/f11.test.ts (2 tests)',
    ]);
    expect(out).toContain('40.0 s  pkg/store.test.ts');
  });

  it("prints each phase's CPU use, and each project's span and files' time from the wall-clock times", () => {
    const busy = file('busy.tsv', 'install (npm ci)\t75\t41\nmain pass (npm test)\t612\t97\n');
    const t0 = 1_800_000_000_000;
    const row = (f: string, project: string, from: number, to: number) => ({
      file: resolve(f),
      project,
      seconds: to - from,
      tests: 1,
      startedAt: t0 + from * 1000,
      endedAt: t0 + to * 1000,
    });
    const times = file(
      'wall.json',
      JSON.stringify([
        row('pkg/a.test.ts', 'unit', 0, 30),
        row('pkg/b.test.ts', 'unit', 0, 60),
        row('pkg/e1.test.ts', 'e2e (apart)', 60, 150),
        row('pkg/e2.test.ts', 'e2e (apart)', 61, 100),
      ]),
    );
    const out = report(busy, main, couch, '0', '0', '0', times, join(dir, 'none.json'));
    expect(out).toContain('   1:15   41% CPU  install (npm ci)');
    expect(out).toContain('  10:12   97% CPU  main pass (npm test)');
    const projects = out
      .split('== projects of the main pass')[1]!
      .split('==')[0]!
      .trim()
      .split('\n')
      .slice(1);
    expect(projects.map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      '0:00 + 1:00 1:30 unit (2 files)',
      '1:00 + 1:30 2:09 e2e (apart) (2 files)',
    ]);
  });

  it('reports a run that stopped before the tests (no report) as failed', () => {
    const out = report(phases, join(dir, 'missing.json'), join(dir, 'missing2.json'), '0', '0', '1');
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
  it('names each failed test with its file and the first line of its failure, before the last line', () => {
    const failing = file(
      'failing.json',
      JSON.stringify({
        numPassedTests: 1,
        numFailedTests: 1,
        numPendingTests: 0,
        testResults: [
          {
            name: resolve('pkg/a.test.ts'),
            status: 'failed',
            assertionResults: [
              { status: 'passed', fullName: 'a works' },
              {
                status: 'failed',
                fullName: 'a > retries the service',
                failureMessages: ['\u001b[31mError: timed out\u001b[39m\n    at until (helpers.ts:154:44)'],
              },
            ],
          },
          {
            name: resolve('pkg/b.test.ts'),
            status: 'failed',
            message: 'Cannot find module x',
            assertionResults: [],
          },
        ],
      }),
    );
    const out = report(phases, failing, couch, '0', '0', '1');
    const section = out.split('== failed, main pass')[1]!.trim().split('\n');
    expect(section.slice(0, 4).map((l) => l.trim())).toEqual([
      'pkg/a.test.ts > a > retries the service',
      'Error: timed out',
      'pkg/b.test.ts (the file failed)',
      'Cannot find module x',
    ]);
    expect(out).not.toContain('== failed, CouchDB pass');
    expect(out.trimEnd().split('\n').at(-1)).toBe('5 passed, 1 failed, 1 skipped');
  });

  it("names a file whose describe block's beforeAll failed, from the reporter's failures of the file", () => {
    const broken = file(
      'broken.json',
      JSON.stringify({
        numPassedTests: 3,
        numFailedTests: 0,
        numPendingTests: 1,
        testResults: [
          // What Vitest's JSON report holds for it: failed, no message, its test skipped.
          { name: resolve('pkg/ui.e2e.test.ts'), status: 'failed', message: '', assertionResults: [] },
        ],
      }),
    );
    const times = file(
      'broken-times.json',
      JSON.stringify({
        files: [
          {
            file: resolve('pkg/ui.e2e.test.ts'),
            project: 'desktop',
            seconds: 180,
            tests: 1,
            failures: ['the app in Chromium: Hook timed out in 180000ms.'],
          },
        ],
        errors: [],
      }),
    );
    const out = report(phases, broken, couch, '0', '0', '1', times, join(dir, 'none.json'));
    const section = out.split('== failed, main pass')[1]!.trim().split('\n');
    expect(section.slice(0, 2).map((l) => l.trim())).toEqual([
      'pkg/ui.e2e.test.ts (the file failed)',
      'the app in Chromium: Hook timed out in 180000ms.',
    ]);
  });

  it('names the unhandled errors of a pass whose tests all passed, with the file that was running', () => {
    const times = file(
      'errors.json',
      JSON.stringify({
        files: [{ file: resolve('pkg/e2e.test.ts'), project: 'desktop', seconds: 9, tests: 1 }],
        errors: [
          {
            message: 'ECONNRESET: socket hang up',
            stack: 'Error: ECONNRESET: socket hang up\n    at Socket.onclose (net.js:1:1)',
            file: resolve('pkg/e2e.test.ts'),
            test: 'signs in',
          },
        ],
      }),
    );
    const out = report(phases, main, couch, '0', '0', '1', times, join(dir, 'none.json'));
    const section = out.split('== unhandled errors, main pass')[1]!.trim().split('\n');
    expect(section.slice(0, 2).map((l) => l.trim())).toEqual([
      'ECONNRESET: socket hang up (while pkg/e2e.test.ts > signs in ran)',
      'at Socket.onclose (net.js:1:1)',
    ]);
    expect(out).toContain('9.0 s  pkg/e2e.test.ts (1 tests)');
    expect(out.trimEnd().split('\n').at(-1)).toBe('14 passed, 1 failed, 2 skipped');
  });
});
