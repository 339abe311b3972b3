// The fuzz benchmark's server: main.ts in its own process (bench/server-process.ts), watched. Its log
// lines give the error behind each 5xx (by request id) and the embedded store's deaths; `ensure`
// tells a crash (process gone, or /healthz unanswered) and restarts the server on the same data.
import { Agent, get } from 'node:http';
import { startServerProcess, type ServerProcess } from './server-process';
import { alive } from '../test/helpers';

export type Crash = { reason: string; afterCase: number; inFlight: string[]; log: string[] };

export type WatchedServer = {
  base(): URL;
  agent(): Agent;
  /** Errors the server logged, by request id (the fuzz sends `x-request-id: fz-<case>`). */
  errors: Map<string, string>;
  crashes: Crash[];
  /** Is it up and answering? If not (gone, or /healthz unanswered twice when `patient`), restart it. */
  ensure(why: string, patient: boolean): Promise<void>;
  /** Resolves when no restart is under way. */
  ready(): Promise<void>;
  stop(): Promise<void>;
};

export const healthz = (base: URL, timeoutMs: number) =>
  new Promise<boolean>((ok) => {
    const req = get(
      { host: base.hostname, port: base.port, path: '/healthz', agent: false, timeout: timeoutMs },
      (res) => {
        res.resume();
        ok(res.statusCode === 200);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => ok(false));
  });

export async function startWatchedServer(o: {
  dataDir: string;
  env: Record<string, string>;
  concurrency: number;
  /** The cases in flight now and the highest started, for a crash's report. */
  inFlight: () => { cases: string[]; last: number };
}): Promise<WatchedServer> {
  const errors = new Map<string, string>();
  const crashes: Crash[] = [];
  const tail: string[] = [];
  let pending = '';
  const onOutput = (text: string) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line.slice(0, 500));
      if (tail.length > 30) tail.shift();
      if (!/"level":(50|60)/.test(line)) continue;
      // The embedded store runs in a child process of the server, which restarts it when it dies.
      if (/store process died/.test(line))
        crashes.push({
          reason: 'embedded store process died',
          afterCase: o.inFlight().last,
          inFlight: o.inFlight().cases,
          log: [line.slice(0, 300)],
        });
      try {
        const l = JSON.parse(line) as {
          req?: { id?: string };
          msg?: string;
          err?: { type?: string; message?: string; stack?: string };
        };
        const where =
          l.err?.stack
            ?.split('\n')
            .slice(1, 3)
            .map((s) => s.trim())
            .join(' < ') ?? '';
        const id = l.req?.id ?? `line-${errors.size}`;
        // The first error logged for a request says why; pino-http's line after it repeats the status.
        if (!errors.has(id))
          errors.set(id, `${l.msg}: ${l.err?.type ?? ''} ${l.err?.message ?? ''} ${where}`.slice(0, 400));
      } catch {
        // not a JSON line
      }
    }
  };
  const start = async () => {
    const proc = await startServerProcess(o.dataDir, o.env, onOutput);
    return {
      proc,
      base: new URL(proc.url),
      agent: new Agent({ keepAlive: true, maxSockets: o.concurrency }),
    };
  };
  let live: { proc: ServerProcess; base: URL; agent: Agent } = await start();
  let recovering: Promise<void> | undefined;
  let misses = 0;
  const stop = async () => {
    live.agent.destroy();
    await live.proc.stop();
  };

  async function ensure(why: string, patient: boolean): Promise<void> {
    if (recovering) return recovering;
    const up = alive(live.proc.pid);
    if (up && (await healthz(live.base, 10_000))) {
      misses = 0;
      return;
    }
    if (recovering) return recovering;
    if (up && patient && ++misses < 2) return;
    recovering = (async () => {
      // A process that is dying may still be there for a moment.
      await new Promise((r) => setTimeout(r, 500));
      const reason = alive(live.proc.pid) ? 'stopped answering /healthz' : 'process exited';
      const now = o.inFlight();
      crashes.push({
        reason: `${reason} (${why})`,
        afterCase: now.last,
        inFlight: now.cases,
        log: tail.slice(-8),
      });
      console.log(`fuzz: server ${reason} after case ${now.last}; restarting`);
      if (alive(live.proc.pid)) process.kill(live.proc.pid, 'SIGKILL');
      await stop();
      live = await start();
      misses = 0;
    })();
    await recovering;
    recovering = undefined;
  }

  return {
    base: () => live.base,
    agent: () => live.agent,
    errors,
    crashes,
    ensure,
    ready: async () => {
      while (recovering) await recovering;
    },
    stop,
  };
}
