// What a team uses of its plan's limits, counted from what it holds: seats (members and pending
// invites), channels (Telegram, VK, e-mail connections and web chat widgets), stored bytes (every
// attachment of the team's `files` store, by its stored length), knowledge (each source's
// `size` as the server measured what is stored: its original's bytes, or a Q&A pair's text; a failed
// source is not searched, so not counted) and the AI replies of this month. Replies are counted as the agents send
// them: each server process adds to its own doc in `app_runtime`
// (`billing:replies:<team>:<month>:<instance>`, so processes never write the same doc), and a team's
// month is the sum of those docs, read by key range (no query).
import type { PlanUsage } from '@app/shared/billing';
import type { Store } from '../context';
import { statusOf } from '../store/couch-errors';
import { systemDocs, teamData } from '../store/data';

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

export const repliesPrefix = (teamId: string, month: string) => `billing:replies:${teamId}:${month}:`;

export type RepliesDoc = {
  _id: string;
  _rev?: string;
  type: 'billing-replies';
  teamId: string;
  month: string;
  count: number;
};

/** How long an accepted invite whose member is not there yet holds its seat (an accept under way). */
const ACCEPTING_MS = 3_600_000;

type SeatDoc = {
  _id: string;
  _rev?: string;
  type: 'user' | 'invite';
  teamId: string;
  email?: string;
  acceptedAt?: string;
  expiresAt?: string;
  /** A removed member (auth/members.ts keeps the doc): no seat. */
  disabledAt?: string;
};

export async function countSeats(store: Store, teamId: string, now: Date): Promise<number> {
  const users = systemDocs<SeatDoc>(store, 'app_users');
  const [all, invites] = await Promise.all([
    users.find({ type: 'user', teamId }, ['_id', 'email', 'disabledAt']),
    users.find({ type: 'invite', teamId }, ['_id', 'email', 'acceptedAt', 'expiresAt']),
  ]);
  // A removed member frees their seat, as the members list and its admin count leave them out; their
  // accepted invite was still used up by them.
  const members = all.filter((m) => !m.disabledAt);
  const emails = new Set(all.map((m) => m.email));
  const t = now.getTime();
  // A pending invite holds a seat; so does one being accepted (marked accepted, its member not
  // written yet), or one more invite would fit in between.
  const held = invites.filter((d) =>
    d.acceptedAt
      ? !emails.has(d.email) && t - Date.parse(d.acceptedAt) < ACCEPTING_MS
      : !d.expiresAt || Date.parse(d.expiresAt) > t,
  );
  return members.length + held.length;
}

export async function countChannels(store: Store, teamId: string): Promise<number> {
  const channels = systemDocs<{ _id: string; teamId: string; type: string }>(store, 'app_channels');
  const [connections, widgets] = await Promise.all([
    channels.countWithPrefix(`channel:${teamId}:`),
    channels.find({ teamId, type: 'webchat' }, ['_id']),
  ]);
  return connections + widgets.length;
}

export async function countKnowledgeBytes(store: Store, teamId: string): Promise<number> {
  try {
    let bytes = 0;
    for (const doc of await teamData(store, teamId).knowledge_sources.all()) {
      if (doc.status === 'failed') continue;
      if (typeof doc.size === 'number' && Number.isFinite(doc.size) && doc.size > 0) bytes += doc.size;
    }
    return bytes;
  } catch (e) {
    if (statusOf(e) === 404) return 0;
    throw e;
  }
}

/**
 * Every byte the team's `files` store holds: the lengths of its docs' attachments as the store recorded
 * them (knowledge originals, website pages, message attachments, proposals, mail), never a size a doc
 * or a device declared, so it cannot drift from what is stored.
 */
export const countStorageBytes = (store: Store, teamId: string): Promise<number> =>
  teamData(store, teamId).files.attachmentBytes();

/** The team's month's counter docs (one per process, and the shared one of reservations). */
export const repliesDocs = (store: Store, teamId: string, month: string): Promise<RepliesDoc[]> =>
  systemDocs<RepliesDoc>(store, 'app_runtime').withPrefix(repliesPrefix(teamId, month));

export async function countAiReplies(store: Store, teamId: string, now: Date): Promise<number> {
  const docs = await repliesDocs(store, teamId, monthOf(now));
  return docs.reduce((n, d) => n + (d.count ?? 0), 0);
}

/** `count` AI replies more (one by default) in this process's count of the team's month. */
export async function addAiReply(
  store: Store,
  teamId: string,
  now: Date,
  instanceId: string,
  count = 1,
): Promise<void> {
  const id = repliesPrefix(teamId, monthOf(now)) + instanceId;
  await systemDocs<RepliesDoc>(store, 'app_runtime').update(id, (doc) => ({
    _id: id,
    type: 'billing-replies',
    teamId,
    month: monthOf(now),
    count: (doc?.count ?? 0) + count,
  }));
}

export async function teamUsage(store: Store, teamId: string, now: Date): Promise<PlanUsage> {
  const [seats, channels, knowledgeBytes, storageBytes, aiReplies] = await Promise.all([
    countSeats(store, teamId, now),
    countChannels(store, teamId),
    countKnowledgeBytes(store, teamId),
    countStorageBytes(store, teamId),
    countAiReplies(store, teamId, now),
  ]);
  return { seats, channels, knowledgeBytes, storageBytes, aiReplies };
}
