// Every team's instance of a channel that runs in the background (e-mail's mailbox, VK's community):
// started for each team whose settings are stored and enabled, restarted when they change (their
// `updatedAt`), stopped when they are removed. Settings are looked at for one team at once after a
// change (`refresh`: through this process's API, or any process's through the runtime's feed of
// app_channels, headless.ts), and every `checkMs` (a minute) in case a change went unseen.
import type { Logger } from 'pino';

export type TeamChannels<T> = {
  /** Reads a team's settings again now (after a change through the API), or every team's. */
  refresh(teamId?: string): void;
  team(teamId: string): T | undefined;
  close(): Promise<void>;
};

export function startTeamChannels<
  S extends { enabled: boolean },
  T extends { close(): Promise<void> },
>(opts: {
  log: Logger;
  /** What the log calls the channel ("e-mail", "VK"). */
  what: string;
  /** Every team with settings, and when they last changed. */
  list(): Promise<Array<{ teamId: string; updatedAt: string }>>;
  /** A team's settings in clear (throws when they cannot be decrypted). */
  read(teamId: string): Promise<S | null>;
  start(settings: S): T;
  /** What a team whose channel is switched off gets: nothing runs. */
  idle: T;
  checkMs?: number;
}): TeamChannels<T> {
  const { log, what } = opts;
  const teams = new Map<string, { version: string; channel: T }>();
  let closed = false;
  let busy = Promise.resolve();

  async function sync(only?: string) {
    if (closed) return;
    const listed = await opts.list();
    const wanted = new Map(listed.map((t) => [t.teamId, t.updatedAt]));
    for (const teamId of only ? [only] : new Set([...wanted.keys(), ...teams.keys()])) {
      const current = teams.get(teamId);
      const version = wanted.get(teamId);
      if (current && current.version === version) continue;
      if (current) {
        teams.delete(teamId);
        await current.channel.close();
      }
      if (!version) continue;
      let settings: S | null;
      try {
        settings = await opts.read(teamId);
      } catch (err) {
        log.error({ err, teamId }, `the ${what} settings cannot be read (was ENCRYPTION_KEY changed?)`);
        continue;
      }
      teams.set(teamId, { version, channel: settings?.enabled ? opts.start(settings) : opts.idle });
    }
  }

  const run = (only?: string) => {
    busy = busy
      .then(() => sync(only))
      .catch((err: unknown) => log.warn({ err }, `${what} settings check failed`));
  };
  run();
  const timer = setInterval(() => run(), opts.checkMs ?? 60_000);

  return {
    refresh: (teamId) => run(teamId),
    team: (teamId) => teams.get(teamId)?.channel,
    async close() {
      closed = true;
      clearInterval(timer);
      await busy;
      await Promise.all([...teams.values()].map((t) => t.channel.close()));
      teams.clear();
    },
  };
}
