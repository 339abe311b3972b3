// Mentions and comments of clients' events in a VK community, read through VK's documented methods:
// `wall.get` (the community's newest posts), `wall.getComments` (each post's comments, from the last
// one seen) and `newsfeed.search` (public posts that name an event, since the last search). A post or
// comment whose text holds one of an event deal's keywords (`customFields.socialKeywords`, comma
// separated) is that deal's mention; a comment under a post of the event is too. Where it got to is a
// checkpoint doc in `app_runtime` (the newest post, each post's last comment, the search's time), so a
// restart reads on from there and a mention seen twice is kept once (mentions.ts).
import type { LeadDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { statusOf } from '../store/couch-errors';
import type { VkApi } from '../channels/vk/vk-api';
import { saveMention, type SeenMention } from './mentions';

export type EventWatch = { leadId: string; keywords: string[] };
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

/** The team's event deals that name keywords to watch for. */
export async function eventWatches(store: Store, teamId: string): Promise<EventWatch[]> {
  const { docs } = await store.teamDb<LeadDoc>(teamId, 'leads').find({
    selector: { pipelineId: 'events' },
    fields: ['_id', 'customFields'],
    limit: 10_000,
  });
  return (docs as unknown as Array<{ _id: string; customFields?: Record<string, string> }>).flatMap((d) => {
    const keywords = (d.customFields?.socialKeywords ?? '')
      .split(',')
      .map((k) => k.trim().toLowerCase())
      .filter((k) => k.length >= 3);
    return keywords.length ? [{ leadId: d._id, keywords }] : [];
  });
}

const watchOf = (watches: readonly EventWatch[], text: string) => {
  const lower = text.toLowerCase();
  return watches.find((w) => w.keywords.some((k) => lower.includes(k)));
};

async function readCheckpoint(store: Store, id: string): Promise<Checkpoint> {
  const db = store.systemDb<Checkpoint>('app_runtime');
  return db.get(id).catch((e: unknown) => {
    if (statusOf(e) !== 404) throw e;
    return { _id: id, lastPostId: 0, lastComment: {}, searchFrom: 0 };
  });
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
  await store.systemDb<Checkpoint>('app_runtime').insert(cp);
  return saved;
}
