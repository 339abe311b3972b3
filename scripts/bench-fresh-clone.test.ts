// Benchmarks from a fresh clone (issue #19): results folders are git-ignored, so a clone has none and
// every bench must create its own. Proves the one writer does, that no bench writes a results file
// around it, that each workspace's bench entry knows --smoke, and that `npm run bench` reports a
// workspace that fails (rather than a headline of met goals) and exits non-zero.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchMode, resultsFile, writeJson } from '@app/shared/bench';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDirs = ['shared/bench', 'sync-server/bench', 'desktop/bench'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'results' ? [] : tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('benchmarks from a fresh clone', () => {
  it('writes a report into a results folder that does not exist yet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-fresh-'));
    try {
      const path = resultsFile(join(dir, 'bench', 'results'), 'search', 'smoke');
      writeJson(path, { suite: 'search', figures: [] });
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ suite: 'search', figures: [] });
      expect(path.endsWith('search-smoke.json')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves writing results to writeJson / printReport (which create the folder)', () => {
    const offenders = benchDirs
      .flatMap((d) => tsFiles(join(root, d)))
      .filter((f) => !f.endsWith('shared/bench/report.ts'))
      .filter((f) => /writeFileSync\([^)]*result/i.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('gives every workspace with a bench a --smoke mode', () => {
    expect(benchMode(['node', 'x', '--smoke'])).toBe('smoke');
    expect(benchMode(['node', 'x', '--quick'])).toBe('quick');
    expect(benchMode(['node', 'x'])).toBe('full');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
    const withBench = pkg.workspaces.filter(
      (ws) =>
        (JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8')) as { scripts?: { bench?: string } })
          .scripts?.bench,
    );
    expect(withBench.sort()).toEqual(['desktop', 'shared', 'sync-server']);
    for (const dir of benchDirs) {
      const entries = tsFiles(join(root, dir)).filter((f) =>
        /benchMode\(\)|--smoke/.test(readFileSync(f, 'utf8')),
      );
      expect(entries.length, dir).toBeGreaterThan(0);
    }
  });

  it('counts a workspace that fails as not measured and exits 1', () => {
    // A throwaway repo: one workspace whose bench crashes as shared's did (ENOENT), one that reports.
    const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
    try {
      const write = (path: string, data: unknown) =>
        writeText(join(dir, path), typeof data === 'string' ? data : JSON.stringify(data));
      write('package.json', { name: 'x', private: true, type: 'module', workspaces: ['a', 'b'] });
      write('a/package.json', { name: 'a', scripts: { bench: 'node crash.mjs' } });
      write('b/package.json', { name: 'b', scripts: { bench: 'node ok.mjs' } });
      write(
        'a/crash.mjs',
        "throw new Error('ENOENT: no such file or directory, open bench/results/search.json');",
      );
      const report = { suite: 'x', figures: [{ name: 'p95', value: 1, unit: 'ms', goal: '< 5' }] };
      write(
        'b/ok.mjs',
        "import { mkdirSync, writeFileSync } from 'node:fs';\n" +
          "mkdirSync('bench/results', { recursive: true });\n" +
          `writeFileSync('bench/results/x-quick.json', ${JSON.stringify(JSON.stringify(report))});\n`,
      );
      // The last report names a suite of `a`: its goals count as not measured.
      write('bench/results/latest.json', {
        runs: [],
        reports: [{ workspace: 'a', file: 'search.json', figures: [{ name: 'h', value: 1, goal: '<= 15' }] }],
      });
      for (const f of ['bench.mjs', 'bench-report.mjs'])
        write(`scripts/${f}`, readFileSync(join(root, 'scripts', f), 'utf8'));
      const run = spawnSync(process.execPath, [join(dir, 'scripts', 'bench.mjs'), '--quick'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(run.status, run.stderr + run.stdout).toBe(1);
      const md = readFileSync(join(dir, 'bench', 'REPORT.md'), 'utf8');
      expect(md).toContain('**Goals: 1 of 2 met, 1 not measured (workspace a failed: exit 1).**');
      expect(existsSync(join(dir, 'bench', 'results', 'latest.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

function writeText(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
