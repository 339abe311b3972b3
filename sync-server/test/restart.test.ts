// The server keeps everything across a restart on the same DATA_DIR: in-process (stop + start), and
// as `npm start` runs it (main.ts in a child process: demo login printed once, SIGTERM shuts down
// cleanly, the second start seeds nothing and serves the same data).
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServerBuild } from '../scripts/server-build.mjs';
import { CORE, call, leadDoc, register, startTestServer, tempDir } from './helpers';

const dirs: Array<{ remove(): void }> = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  dirs.forEach((d) => d.remove());
});

describe('restart', () => {
  it('keeps users, sessions and team data across stop + start', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let server = await startTestServer(dir.path, CORE);
    const s = await register(server.url, 'Persistent');
    const docs = Array.from({ length: 50 }, (_, i) => leadDoc(`lead-${i}`));
    const pushed = await call(server.url, 'POST', '/sync/leads/_bulk_docs', {
      token: s.accessToken,
      body: { docs },
    });
    expect(pushed.status).toBe(201);
    await call(server.url, 'PUT', '/sync/leads/_local/checkpoint-1', {
      token: s.accessToken,
      body: { last_seq: 50 },
    });
    await server.close();

    server = await startTestServer(dir.path, CORE);
    try {
      // The access token is still valid (same generated JWT secret), the refresh token too.
      const all = await call(server.url, 'GET', '/sync/leads/_all_docs', { token: s.accessToken });
      expect(all.status).toBe(200);
      expect(all.body.rows.filter((r: { id: string }) => r.id.startsWith('lead-'))).toHaveLength(50);
      const local = await call(server.url, 'GET', '/sync/leads/_local/checkpoint-1', {
        token: s.accessToken,
      });
      expect(local.body.last_seq).toBe(50);
      const refreshed = await call(server.url, 'POST', '/api/v1/auth/refresh', {
        body: { refreshToken: s.refreshToken },
      });
      expect(refreshed.status).toBe(200);
      const login = await call(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: s.user.email, password: 'correct horse battery' },
      });
      expect(login.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('runs main.ts: prints the demo login once, stops on SIGTERM, keeps the data', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await startMain(dir.path);
    await first.waitFor('shown only once');
    const login = /e-mail:\s+(\S+)\s+password:\s+(\S+)/.exec(first.stdout());
    expect(login).not.toBeNull();
    const session = await call(first.url, 'POST', '/api/v1/auth/login', {
      body: { email: login![1], password: login![2] },
    });
    expect(session.status).toBe(200);
    const leads = await call(first.url, 'GET', '/sync/leads/_changes?include_docs=true', {
      token: session.body.accessToken,
    });
    expect(leads.body.results.length).toBeGreaterThanOrEqual(4);
    const chunks = await call(first.url, 'GET', '/sync/knowledge_chunks/_all_docs', {
      token: session.body.accessToken,
    });
    expect(chunks.body.rows.length).toBeGreaterThan(3);
    expect(await first.stop()).toBe(0);

    const second = await startMain(dir.path);
    try {
      expect(second.stdout()).not.toContain('password:');
      const again = await call(second.url, 'POST', '/api/v1/auth/login', {
        body: { email: login![1], password: login![2] },
      });
      expect(again.status).toBe(200);
      const health = await call(second.url, 'GET', '/healthz');
      expect(health.status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    // Maybe a build of the server's bundle, two cold starts, demo seeding and two shutdowns on a loaded
    // 2-core machine: a liveness bound, not a speed goal.
  }, 150_000);
});

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');

async function startMain(dataDir: string) {
  const child: ChildProcess = spawn(process.execPath, [await ensureServerBuild()], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`main.ts did not start:\n${out}\n${err}`)), 60_000);
    const check = () => {
      const line = out.split('\n').find((l) => l.includes('"sync server listening"'));
      if (line) {
        clearTimeout(timer);
        ok(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => fail(new Error(`main.ts exited:\n${out}\n${err}`)));
  });
  // Wait for readiness (seeding finished).
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stdout: () => out,
    /** Waits until stdout holds `text` (or a few seconds pass). */
    waitFor: async (text: string) => {
      for (let i = 0; i < 50 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 100));
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
