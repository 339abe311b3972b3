// Mentions and comments of clients' events in a VK community, read through VK's documented methods:
// `wall.get` (the community's newest posts), `wall.getComments` (each post's comments, from the last
// one seen) and `newsfeed.search` (public posts that name an event, since the last search). A post or
// comment whose text holds one of an event deal's keywords (`customFields.socialKeywords`, comma
// separated) is that deal's mention; a comment under a post of the event is too. Where it got to is a
// checkpoint doc in `app_runtime` (the newest post, each post's last comment, the search's time), so a
// restart reads on from there and a mention seen twice is kept once (mentions.ts).
import type { Logger } from 'pino';
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import { createVkApi, type VkApi } from '../channels/vk/vk-api';
import { listVkTeams, vkSettingsOf, type VkSettings } from '../channels/vk/settings';
import { startTeamChannels, type TeamChannels } from '../channels/team-channels';
import { startLeasedWork } from '../store/feeds/leased-work';
import type { Leases } from '../store/leases';
import { saveMention, type SeenMention } from './mentions';
import { eventWatches, watchOf, type EventWatch } from './watches';

type Post = {
  id: number;
  owner_id: number;
  from_id?: number;
  date: number;
  text?: string;
  comments?: { count?: number };
};
type Comment = { id: number; post_id?: number; from_id?: number; date: number; text?: string };
type Checkpoint = {
  _id: string;
  _rev?: string;
  lastPostId: number;
  lastComment: Record<string, number>;
  searchFrom: number;
};

const anotherPass = () =>
  new DomainError('conflict', 'Another monitoring pass of this community ran at the same time; try again');

async function readCheckpoint(store: Store, id: string): Promise<Checkpoint> {
  const stored = await systemDocs<Checkpoint>(store, 'app_runtime').get(id);
  return stored ?? { _id: id, lastPostId: 0, lastComment: {}, searchFrom: 0 };
}

/** One pass over the community: answers how many mentions were new or changed. */
export async function pollVkCommunity(
  deps: { store: Store; teamId: string; vk: VkApi; ownerId: number; now?: () => Date },
  watches: readonly EventWatch[],
): Promise<number> {
  const { store, teamId, vk, ownerId } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const cp = await readCheckpoint(store, `cp:social-vk:${teamId}:${ownerId}`);
  const found: SeenMention[] = [];
  const seen = (
    source: SeenMention['source'],
    externalId: string,
    item: Post | Comment,
    leadId: string,
    url: string,
  ) =>
    found.push({
      leadId,
      source,
      externalId,
      url,
      text: (item.text ?? '').slice(0, 4000),
      at: new Date(item.date * 1000).toISOString(),
      ...(item.from_id ? { author: `vk:${item.from_id}` } : {}),
    });

  const wall = await vk.call<{ items: Post[] }>('wall.get', { owner_id: ownerId, count: 100 });
  for (const post of wall.items) {
    const watch = watchOf(watches, post.text ?? '');
    if (watch && post.id > cp.lastPostId)
      seen(
        'vk-wall',
        `${ownerId}_${post.id}`,
        post,
        watch.leadId,
        `https://vk.com/wall${ownerId}_${post.id}`,
      );
    if (!post.comments?.count) continue;
    const last = cp.lastComment[post.id] ?? 0;
    const { items } = await vk.call<{ items: Comment[] }>('wall.getComments', {
      owner_id: ownerId,
      post_id: post.id,
      count: 100,
      sort: 'asc',
      ...(last ? { start_comment_id: last } : {}),
    });
    for (const c of items.filter((c) => c.id > last)) {
      const about = watchOf(watches, c.text ?? '') ?? watch;
      if (about)
        seen(
          'vk-comment',
          `${ownerId}_${post.id}_${c.id}`,
          c,
          about.leadId,
          `https://vk.com/wall${ownerId}_${post.id}?reply=${c.id}`,
        );
      cp.lastComment[post.id] = Math.max(cp.lastComment[post.id] ?? 0, c.id);
    }
  }
  for (const w of watches)
    for (const q of w.keywords) {
      const res = await vk.call<{ items: Post[] }>('newsfeed.search', {
        q,
        count: 200,
        start_time: cp.searchFrom || undefined,
      });
      for (const p of res.items)
        if (p.owner_id !== ownerId)
          seen('vk-search', `${p.owner_id}_${p.id}`, p, w.leadId, `https://vk.com/wall${p.owner_id}_${p.id}`);
    }

  let saved = 0;
  for (const m of found) if (await saveMention(store, teamId, m, now)) saved++;
  cp.lastPostId = Math.max(cp.lastPostId, ...wall.items.map((p) => p.id));
  cp.searchFrom = Math.floor(now.getTime() / 1000);
  if ((await systemDocs<Checkpoint>(store, 'app_runtime').put(cp)) === null) throw anotherPass();
  return saved;
}

/**
 * One pass for a team: its event deals' keywords read now, nothing asked of VK when there are none.
 * Two passes at once (the lease holder's and one asked for through the API) meet on the checkpoint:
 * the later one is refused with 409 and saved nothing twice (a mention is one doc per id).
 */
export async function monitorVkOnce(deps: {
  store: Store;
  teamId: string;
  vk: VkApi;
  ownerId: number;
  now?: () => Date;
}): Promise<{ watched: number; saved: number }> {
  const watches = await eventWatches(deps.store, deps.teamId);
  if (watches.length === 0) return { watched: 0, saved: 0 };
  return { watched: watches.length, saved: await pollVkCommunity(deps, watches) };
}

/**
 * What a pass for the team reads VK with: a client with its VK app's service key (VK opens a
 * community's wall and news search to it, never to the community token), on the community's wall.
 */
export function monitorTarget(settings: VkSettings, serviceToken: string, apiRoot: string) {
  return {
    vk: createVkApi({ apiRoot, token: serviceToken, version: settings.apiVersion }),
    ownerId: -settings.groupId,
  };
}

export type VkSocialMonitor = { stop(): Promise<void> };

/**
 * Social monitoring of a team's community in the process holding its lease (startVkSocialRuntime): a
 * pass every `everyMs` (SOCIAL_POLL_MS), the first one soon after start (at most 10 s). A failed pass
 * (VK down, a revoked key) is logged and the next one tries again.
 */
export function startVkSocialMonitor(opts: {
  store: Store;
  teamId: string;
  vk: VkApi;
  ownerId: number;
  everyMs: number;
  log: Logger;
}): VkSocialMonitor {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(pass, ms);
    timer.unref();
  };
  function pass() {
    running = monitorVkOnce(opts)
      .then(({ watched, saved }) => {
        if (saved) opts.log.info({ watched, saved }, 'VK social monitoring found mentions');
      })
      .catch((err: unknown) =>
        opts.log.warn({ err }, 'VK social monitoring pass failed; the next pass tries again'),
      )
      .finally(() => next(opts.everyMs));
  }
  next(Math.min(opts.everyMs, 10_000));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Social monitoring across teams, in the runtime (headless.ts through index.ts): each team whose VK
 * settings hold its app's service key gets a monitor in the one process holding its lease
 * (`social-vk:<team>`), restarted when the settings change (read at each runtime check, and at once
 * after a change made through this process: `refresh`).
 */
export function startVkSocialRuntime(opts: {
  store: Store;
  encryptionKey: Buffer;
  leases: Leases;
  log: Logger;
  apiRoot: string;
  everyMs: number;
}): TeamChannels<{ close(): Promise<void> }> {
  const log = opts.log.child({ component: 'social-vk' });
  const idle = { close: async () => undefined };
  return startTeamChannels<VkSettings & { enabled: boolean }, { close(): Promise<void> }>({
    log,
    what: 'VK social monitoring',
    list: () => listVkTeams(opts.store),
    // Only the settings with a service key switch it on.
    read: async (teamId) => {
      const settings = await vkSettingsOf(opts.store, opts.encryptionKey, teamId);
      return settings && { ...settings, enabled: settings.enabled && !!settings.serviceToken };
    },
    start: (settings) => {
      const { serviceToken } = settings;
      if (!serviceToken) return idle;
      const teamLog = log.child({ teamId: settings.teamId, groupId: settings.groupId });
      const work = startLeasedWork({
        leases: opts.leases,
        key: `social-vk:${settings.teamId}`,
        log: teamLog,
        what: 'VK social monitoring',
        start: () =>
          startVkSocialMonitor({
            store: opts.store,
            teamId: settings.teamId,
            ...monitorTarget(settings, serviceToken, opts.apiRoot),
            everyMs: opts.everyMs,
            log: teamLog,
          }),
        stop: (monitor) => monitor.stop(),
      });
      return { close: () => work.close() };
    },
    idle,
  });
}
