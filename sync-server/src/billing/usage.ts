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

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

const high = '\ufff0';
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

export async function countSeats(store: Store, teamId: string, now: Date): Promise<number> {
  const users = store.systemDb('app_users');
  const [members, invites] = await Promise.all([
    users.find({ selector: { type: 'user', teamId }, fields: ['_id', 'email'], limit: 100_000 }),
    users.find({
      selector: { type: 'invite', teamId },
      fields: ['_id', 'email', 'acceptedAt', 'expiresAt'],
      limit: 100_000,
    }),
  ]);
  const emails = new Set((members.docs as Array<{ email?: string }>).map((m) => m.email));
  const t = now.getTime();
  // A pending invite holds a seat; so does one being accepted (marked accepted, its member not
  // written yet), or one more invite would fit in between.
  const held = (invites.docs as Array<{ email?: string; acceptedAt?: string; expiresAt?: string }>).filter(
    (d) =>
      d.acceptedAt
        ? !emails.has(d.email) && t - Date.parse(d.acceptedAt) < ACCEPTING_MS
        : !d.expiresAt || Date.parse(d.expiresAt) > t,
  );
  return members.docs.length + held.length;
}

export async function countChannels(store: Store, teamId: string): Promise<number> {
  const db = store.systemDb('app_channels');
  const prefix = `channel:${teamId}:`;
  const [connections, widgets] = await Promise.all([
    db.list({ startkey: prefix, endkey: prefix + high }),
    db.find({ selector: { teamId, type: 'webchat' }, fields: ['_id'], limit: 100_000 }),
  ]);
  return connections.rows.length + widgets.docs.length;
}

export async function countKnowledgeBytes(store: Store, teamId: string): Promise<number> {
  try {
    const { rows } = await store.teamDb(teamId, 'knowledge_sources').list({ include_docs: true });
    let bytes = 0;
    for (const row of rows) {
      const doc = row.doc as { size?: unknown; status?: unknown; _deleted?: boolean } | undefined;
      if (!doc || row.id.startsWith('_design/') || doc._deleted || doc.status === 'failed') continue;
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
export async function countStorageBytes(store: Store, teamId: string): Promise<number> {
  try {
    const { rows } = await store.teamDb(teamId, 'files').list({ include_docs: true });
    let bytes = 0;
    for (const row of rows) {
      const atts = (row.doc as { _attachments?: Record<string, { length?: unknown }> } | undefined)
        ?._attachments;
      for (const att of Object.values(atts ?? {})) {
        if (typeof att?.length === 'number' && Number.isFinite(att.length) && att.length > 0)
          bytes += att.length;
      }
    }
    return bytes;
  } catch (e) {
    if (statusOf(e) === 404) return 0;
    throw e;
  }
}

/** The team's month's counter docs (one per process, and the shared one of reservations). */
export async function repliesDocs(store: Store, teamId: string, month: string): Promise<RepliesDoc[]> {
  const prefix = repliesPrefix(teamId, month);
  const { rows } = await store
    .systemDb('app_runtime')
    .list({ startkey: prefix, endkey: prefix + high, include_docs: true });
  return rows.map((r) => r.doc as RepliesDoc | undefined).filter((d): d is RepliesDoc => Boolean(d));
}

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
  const db = store.systemDb<RepliesDoc>('app_runtime');
  const month = monthOf(now);
  const id = repliesPrefix(teamId, month) + instanceId;
  for (let attempt = 0; ; attempt++) {
    let doc: RepliesDoc;
    try {
      doc = await db.get(id);
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
      doc = { _id: id, type: 'billing-replies', teamId, month, count: 0 };
    }
    try {
      await db.insert({ ...doc, count: doc.count + count } as never);
      return;
    } catch (e) {
      if (statusOf(e) !== 409 || attempt >= 5) throw e;
    }
  }
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
