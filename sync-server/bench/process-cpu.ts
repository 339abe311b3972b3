// CPU time of the channels benchmarks' processes: this one (server, fakes, clients) and the store's,
// and a CPU profile of this process over a benchmark's measured part.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** CPU time (user + system) of a process so far, in ms, from /proc (Linux); NaN where unreadable. */
export function cpuMsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** This process's CPU time so far, in ms. */
export const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * BENCH_PROFILE=<dir>: a CPU profile of this process over the burst, until every reply is written
 * (with EMBEDDED_STORE=inline it covers the store too), for Chrome DevTools or `--cpu-prof` tools.
 */
export async function startProfile() {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(name: string) {
      const { profile } = await session.post('Profiler.stop');
      const path = `${dir}/${name}.cpuprofile`;
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
      console.error(`CPU profile of the burst: ${path}`);
    },
  };
}
