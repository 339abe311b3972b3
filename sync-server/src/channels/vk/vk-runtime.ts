// The VK channel at run time: for each team with an enabled VK community, the one server process
// holding the team's lease (`vk:<teamId>`) has the core's outbox send the team's outbound VK messages
// (vk-sender.ts declares how) and,
// in long-poll mode, reads the community's events (long-poll.ts); in callback mode every process
// takes events in (callback.ts). When the holder dies its lease expires and another takes over.
// Settings are looked at every `checkMs` and at once after a change through this process (`refresh`);
// a change of settings restarts the team's work.
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { startLeasedWork } from '../../store/feeds/leased-work';
import type { Leases } from '../../store/leases';
import { startTeamChannels, type TeamChannels } from '../team-channels';
import { systemDocs } from '../../store/data';
import type { ChannelFileAccess } from '../file-fetch';
import { handleVkEvent, MalformedVkEvent } from './events';
import { startVkLongPoll, type LongPollCheckpoint, type VkLongPoll } from './long-poll';
import { listVkTeams, vkSettingsOf, type VkSettings } from './settings';
import { createVkApi, type VkApi } from './vk-api';
import type { Outboxes } from '../outbox/host';
import { vkDelivery, type VkSender } from './vk-sender';

export type TeamVk = {
  readonly owned: boolean;
  readonly sender: VkSender | undefined;
  readonly poll: VkLongPoll | undefined;
  close(): Promise<void>;
};

export type TeamVkTuning = {
  checkMs?: number;
  /** VK's file hosts and the outbound policy customers' files are fetched under (vk-files.ts). */
  fileAccess?: ChannelFileAccess;
  sender?: { sweepMs?: number; retryBaseMs?: number; staleClaimMs?: number };
  longPoll?: { waitSec?: number; retryBaseMs?: number };
};

/** The long-poll position of a team's community in `app_runtime` (`cp:vk-longpoll:<team>:<group>`). */
export function longPollCheckpoint(store: Store, teamId: string, groupId: number): LongPollCheckpoint {
  const docs = systemDocs<{ _id: string; _rev?: string; ts: string; updatedAt: string }>(
    store,
    'app_runtime',
  );
  const id = `cp:vk-longpoll:${teamId}:${groupId}`;
  return {
    load: async () => (await docs.get(id))?.ts,
    async save(ts) {
      // Over whatever revision is there (another process's save included), or new.
      await docs.update(id, () => ({ _id: id, ts, updatedAt: new Date().toISOString() }));
    },
  };
}

/** Runs one team's VK sender (and long poll) in whichever process holds the team's lease. */
export function startTeamVk(
  opts: {
    store: Store;
    settings: VkSettings;
    apiRoot: string;
    leases: Leases;
    log: Logger;
    /** The core's outboxes: the lease holder's is started over VK's transport. */
    outboxes: Outboxes;
  } & TeamVkTuning,
): TeamVk {
  const { store, settings } = opts;
  const teamId = settings.teamId;
  const log = opts.log.child({ teamId, channel: 'vk', groupId: settings.groupId });
  function start() {
    const api: VkApi = createVkApi({
      apiRoot: opts.apiRoot,
      token: settings.token,
      version: settings.apiVersion,
    });
    const sender = opts.outboxes.start(vkDelivery({ store, teamId, api, log, ...opts.sender }));
    const poll =
      settings.mode === 'longpoll'
        ? startVkLongPoll({
            api,
            groupId: settings.groupId,
            log,
            checkpoint: longPollCheckpoint(store, teamId, settings.groupId),
            ...opts.longPoll,
            handle: async (event) => {
              if (event.group_id !== undefined && event.group_id !== settings.groupId) return;
              const deps = {
                store,
                teamId,
                groupId: settings.groupId,
                api,
                log,
                ...(opts.fileAccess ? { fileAccess: opts.fileAccess } : {}),
              };
              await handleVkEvent(deps, event.type, event.object).catch((err: unknown) => {
                // A malformed event is skipped (said in the log); a store failure reads it again.
                if (!(err instanceof MalformedVkEvent)) throw err;
                log.warn({ reason: err.message, type: event.type }, 'VK event not taken in');
              });
            },
          })
        : undefined;
    log.info({ mode: settings.mode }, 'this process now runs the team VK community');
    return { sender, ...(poll ? { poll } : {}) };
  }

  const work = startLeasedWork({
    leases: opts.leases,
    key: `vk:${teamId}`,
    log,
    what: 'VK community',
    ...(opts.checkMs ? { checkMs: opts.checkMs } : {}),
    start,
    stop: (r) => Promise.all([r.sender.stop(), r.poll?.stop()]),
  });

  return {
    get owned() {
      return work.running !== undefined;
    },
    get sender() {
      return work.running?.sender;
    },
    get poll() {
      return work.running?.poll;
    },
    close: () => work.close(),
  };
}

export type VkRuntime = TeamChannels<TeamVk>;

/** Every team's VK channel: started, restarted on a change of settings, stopped when removed. */
export function startVkRuntime(
  opts: {
    store: Store;
    encryptionKey: Buffer;
    leases: Leases;
    log: Logger;
    outboxes: Outboxes;
    apiRoot: string;
    settingsCheckMs?: number;
  } & TeamVkTuning,
): VkRuntime {
  const log = opts.log.child({ component: 'vk' });
  const { settingsCheckMs: _s, encryptionKey: _k, log: _l, ...rest } = opts;
  return startTeamChannels({
    log,
    what: 'VK',
    list: () => listVkTeams(opts.store),
    read: (teamId) => vkSettingsOf(opts.store, opts.encryptionKey, teamId),
    start: (settings) => startTeamVk({ ...rest, settings, log }),
    idle,
    ...(opts.settingsCheckMs ? { checkMs: opts.settingsCheckMs } : {}),
  });
}

const idle: TeamVk = { owned: false, sender: undefined, poll: undefined, close: async () => undefined };
