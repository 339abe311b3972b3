// CPU time of the channels benchmarks' processes: this one (server, fakes, clients) and the store's.
import { readFileSync } from 'node:fs';

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
