// The VK part of the channels benchmark (channels.ts): one server, its demo team's community connected
// in callback mode through the admin API, against the fake VK API on loopback (test/fake-vk.ts).
// - Intake: a burst of `message_new` events POSTed to /vk/callback/<team> at once, as VK delivers
//   them; events per second until every one was answered `ok` (each one written to the store first),
//   and the callback answer's p95.
// - End to end: latency from the callback to the answer's messages.send at a steady 10 messages a
//   second, and the burst's answers delivered per second (VK allows a community token 20 calls a
//   second; the sender keeps to it).
import { pino } from 'pino';
import { repeated, summarize, type Figure } from '@app/shared/bench';
import { loadServerConfig } from '../src/config';
import { startServer } from '../src/server';
import { startFakeVk, type FakeVk } from '../test/fake-vk';
import { tempDir } from '../test/helpers';
import type { Backend } from './backend';

const SECRET = 'benchSecretKey2026';

export type VkRun = {
  latency: ReturnType<typeof summarize>;
  intake: Pick<Figure, 'value' | 'runs' | 'spread'>;
  callbackP95: number;
  delivered: Pick<Figure, 'value' | 'runs' | 'spread'>;
  answered: number;
  burst: number;
  reps: number;
};

/** When the first answer to each peer went out (the fake's clock: Date.now()). */
async function firstAnswers(vk: FakeVk, peers: Map<number, number>, timeoutMs: number) {
  const first = new Map<number, number>();
  const deadline = Date.now() + timeoutMs;
  let scanned = 0;
  while (first.size < peers.size && Date.now() < deadline) {
    for (; scanned < vk.sent.length; scanned++) {
      const s = vk.sent[scanned]!;
      if (peers.has(s.peerId) && !first.has(s.peerId)) first.set(s.peerId, s.at);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return first;
}

export async function runVk(
  backend: Backend,
  llmEnv: Record<string, string>,
  /** `warmup`: bursts before the measured ones, not counted (as the Telegram runs have). */
  sizes: { latency: number; burst: number; reps: number; warmup: number; questions: string[] },
): Promise<VkRun> {
  const dir = tempDir('bench-vk-');
  const vk = await startFakeVk();
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.path,
    LOG_LEVEL: 'silent',
    ...(process.env.EMBEDDED_STORE ? { EMBEDDED_STORE: process.env.EMBEDDED_STORE } : {}),
    SEED_DEMO: 'true',
    VK_API_ROOT: vk.apiRoot,
    ...backend.env(dir.path),
    ...llmEnv,
  });
  const server = await startServer(config, { log: pino({ level: process.env.BENCH_LOG ?? 'silent' }) });
  try {
    const seeded = server.seeded!;
    const login = (await (
      await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: seeded.email, password: seeded.password }),
      })
    ).json()) as { accessToken: string };
    const put = await fetch(`${server.url}/api/v1/channels/vk`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({
        groupId: vk.groupId,
        accessToken: vk.token,
        confirmationCode: 'bench1',
        secretKey: SECRET,
      }),
    });
    if (!put.ok) throw new Error(`connecting the VK community failed: ${put.status} ${await put.text()}`);
    const url = `${server.url}/vk/callback/${encodeURIComponent(seeded.teamId)}`;
    const post = async (peer: number, text: string) => {
      const t = Date.now();
      const res = await vk.callback(url, vk.messageEvent(peer, text), SECRET);
      if (res.text !== 'ok') throw new Error(`the callback answered ${res.status} ${res.text}`);
      return Date.now() - t;
    };
    const q = (i: number) => sizes.questions[i % sizes.questions.length]!;

    await post(1, q(0));
    await firstAnswers(vk, new Map([[1, Date.now()]]), 60_000);

    // Latency at a steady 10 messages a second.
    const sentAt = new Map<number, number>();
    for (let i = 0; i < sizes.latency; i++) {
      const peer = 100_000 + i;
      sentAt.set(peer, Date.now());
      void post(peer, q(i));
      await new Promise((r) => setTimeout(r, 100));
    }
    const first = await firstAnswers(vk, sentAt, 120_000);
    const latency = summarize([...first.entries()].map(([peer, at]) => at - sentAt.get(peer)!));

    // Bursts: every event at once; intake until each was answered ok, then the answers delivered.
    const intake: number[] = [];
    const delivered: number[] = [];
    const answerMs: number[] = [];
    let answered = 0;
    for (let round = -sizes.warmup; round < sizes.reps; round++) {
      const peers = Array.from(
        { length: sizes.burst },
        (_, i) => 200_000 + (round + sizes.warmup) * 10_000 + i,
      );
      const t0 = Date.now();
      answerMs.push(...(await Promise.all(peers.map((peer, i) => post(peer, q(i))))));
      intake.push(sizes.burst / ((Date.now() - t0) / 1000));
      const done = await firstAnswers(vk, new Map(peers.map((p) => [p, t0])), 300_000);
      if (round < 0) {
        intake.pop();
        answerMs.length = 0;
        continue;
      }
      delivered.push(done.size / ((Math.max(...done.values()) - t0) / 1000));
      answered += done.size;
    }
    return {
      latency,
      intake: repeated(intake),
      callbackP95: summarize(answerMs).p95,
      delivered: repeated(delivered),
      answered,
      burst: sizes.burst,
      reps: sizes.reps,
    };
  } finally {
    await server.close();
    await vk.close();
    dir.remove();
  }
}

/** The VK figures of the channels report. */
export function vkFigures(label: string, r: VkRun): Figure[] {
  return [
    { name: `VK, ${label}: latency p50`, value: r.latency.p50, unit: 'ms' },
    { name: `VK, ${label}: latency p95`, value: r.latency.p95, unit: 'ms', goal: '< 500' },
    {
      name: `VK, ${label}: intake throughput`,
      ...r.intake,
      unit: 'msg/s',
      goal: '>= 50',
      note: `bursts of ${r.burst} message_new callbacks at once, each written before its ok`,
    },
    {
      name: `VK, ${label}: callback answer p95`,
      value: r.callbackP95,
      unit: 'ms',
      note: 'in the bursts; VK wants an answer within seconds',
    },
    {
      name: `VK, ${label}: delivered throughput`,
      ...r.delivered,
      unit: 'msg/s',
      note: `${r.answered}/${r.burst * r.reps} answered with messages.send; VK allows a community 20 calls/s`,
    },
  ];
}
