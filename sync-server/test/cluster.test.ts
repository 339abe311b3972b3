// A 3-node Apache CouchDB cluster (the kit's, n=3, q=2: every doc on every node, quorum 2) under two
// server processes, each entering the cluster through its own node, while 200 customers write: one
// CouchDB node is killed -9 and started again, and one server process is killed -9 and started again.
// Every customer gets exactly one reply; nothing is lost. Runs in the CouchDB pass only
// (`npm run test:couchdb`), which has the kit; the embedded pass skips it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import { tempDir, testCouchUrl, testDbPrefix } from './helpers';
import { spawnServer, type ServerProcess } from './server-process';

const run = promisify(execFile);
const kit =
  process.env.COUCHDB_KIT ?? fileURLToPath(new URL('../../../shared/couchdb/couchdb.sh', import.meta.url));

const CUSTOMERS = 200;
const FIRST_CHAT = 30_000;
const questions = [
  'В какие часы работает поддержка?',
  'What are your support hours?',
  'Как связаться с поддержкой?',
  'How do I reach support?',
];

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Cluster = { dir: string; nodeUrls: string[] };

async function startCluster(): Promise<Cluster> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 26_000 + 10 * Math.floor(Math.random() * 300);
    try {
      const { stdout } = await run(kit, ['start', '--nodes', '3', '--port', String(port)], {
        timeout: 180_000,
      });
      const env = Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      if (env.COUCHDB_KIT_DIR && env.COUCHDB_NODE_URLS)
        return { dir: env.COUCHDB_KIT_DIR, nodeUrls: env.COUCHDB_NODE_URLS.split(',') };
      lastError = new Error(`unexpected kit output: ${stdout}`);
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

function countReplies(fake: FakeTelegram): { answered: number; duplicates: number; max: number } {
  const perChat = new Map<string, number>();
  for (const s of fake.sent)
    if (s.method === 'sendMessage') perChat.set(String(s.chatId), (perChat.get(String(s.chatId)) ?? 0) + 1);
  let answered = 0;
  let duplicates = 0;
  let max = 0;
  for (let i = 0; i < CUSTOMERS; i++) {
    const n = perChat.get(String(FIRST_CHAT + i)) ?? 0;
    if (n > 0) answered++;
    if (n > 1) duplicates += n - 1;
    max = Math.max(max, n);
  }
  return { answered, duplicates, max };
}

async function until(cond: () => boolean, timeoutMs: number, everyMs = 250): Promise<void> {
  const t0 = Date.now();
  while (!cond() && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, everyMs));
}

describe.skipIf(!testCouchUrl)('3-node Apache CouchDB cluster, two server processes', () => {
  it('a CouchDB node and a server killed -9 mid-burst: every customer answered exactly once', async () => {
    const cluster = await startCluster();
    cleanups.push(() => run(kit, ['stop', cluster.dir, '--rm'], { timeout: 60_000 }).catch(() => undefined));
    const dir = tempDir('cluster-');
    cleanups.push(() => dir.remove());
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.close());
    const prefix = testDbPrefix(dir.path);
    // Each process enters the cluster through its own node; node 3 is the one that dies.
    const env = (id: string, node: number) => ({
      DATA_DIR: `${dir.path}/${id}`,
      COUCHDB_URL: cluster.nodeUrls[node]!,
      COUCHDB_DB_PREFIX: prefix,
      JWT_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: 'y'.repeat(40),
      SEED_DEMO: 'true',
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      INSTANCE_ID: id,
    });
    const a = await spawnServer(env('server-a', 0));
    cleanups.push(() => a.kill());
    let b: ServerProcess = await spawnServer(env('server-b', 1));
    cleanups.push(() => b.kill());

    for (let i = 0; i < CUSTOMERS; i++)
      fake.user({ id: FIRST_CHAT + i, first_name: `K${i}` }).says(questions[i % questions.length]!);

    // A third of the way: CouchDB node 3 dies (the cluster keeps its quorum of 2).
    await until(() => countReplies(fake).answered >= CUSTOMERS / 3, 300_000, 50);
    const nodePid = Number(readFileSync(`${cluster.dir}/couchdb3.pid`, 'utf8').trim());
    process.kill(nodePid, 'SIGKILL');
    // Half way: server B dies too, with whatever it held (leases, claims, the bot).
    await until(() => countReplies(fake).answered >= CUSTOMERS / 2, 300_000, 50);
    await b.kill('SIGKILL');
    // Both come back.
    await run(kit, ['restart-node', cluster.dir, '3'], { timeout: 120_000 });
    b = await spawnServer(env('server-b', 1));
    cleanups.push(() => b.kill());

    await until(() => countReplies(fake).answered === CUSTOMERS, 540_000);
    await new Promise((r) => setTimeout(r, 3_000)); // time for a duplicate to show
    expect(countReplies(fake)).toEqual({ answered: CUSTOMERS, duplicates: 0, max: 1 });
    expect(fake.pendingUpdates()).toHaveLength(0);
  }, 900_000);
});
