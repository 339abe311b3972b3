// A bad LLM_BASE_URL or LLM_FALLBACKS stops the real server process at start, with one line naming
// the variable, before it listens (nothing answers on its port).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServerBuild } from '../scripts/server-build.mjs';
import { tempDir } from './helpers';
import { freePort } from '@app/shared/testing';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dir = tempDir('startup-config-');
afterAll(() => dir.remove());

async function start(env: Record<string, string>, dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [await ensureServerBuild()], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // A server that did start is stopped (and the test fails on its exit code and output).
  const kill = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  clearTimeout(kill);
  const listening = await fetch(`http://127.0.0.1:${port}/health`).then(
    () => true,
    () => false,
  );
  return { code, stdout, stderr, listening };
}

describe('start-up with bad model settings', () => {
  it('exits with one line naming LLM_BASE_URL, before listening', async () => {
    const out = await start({ LLM_BASE_URL: 'localhost:11434' }, join(dir.path, 'a'));
    expect(out.code).toBe(2);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: LLM_BASE_URL: /);
    expect(out.stdout).not.toContain('listening');
    expect(out.listening).toBe(false);
  }, 40_000);

  it('exits naming LLM_FALLBACKS from DATA_DIR/config.json, without its secret', async () => {
    const dataDir = join(dir.path, 'b');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ LLM_FALLBACKS: [{ id: 'x', apiKey: 'sk-hidden', model: 'm' }] }),
    );
    const out = await start({}, dataDir);
    expect(out.code).toBe(2);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: LLM_FALLBACKS: is invalid at 0\.baseURL/);
    expect(out.stderr).not.toContain('sk-hidden');
    expect(out.listening).toBe(false);
  }, 40_000);
});
