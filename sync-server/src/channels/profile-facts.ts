// What a channel itself tells about a customer (issue 14, "one customer across channels"): the
// Telegram profile (getChat: bio, username, birthdate, personal channel), the VK profile (users.get
// fields: about, status, city, ...) and, with the visitor's consent, the pages a web chat visitor
// viewed on the team's site. Each becomes twin facts on the contact, marked with the source
// (`extractedBy`: telegram_profile, vk_profile, webchat_pages) and citing the message during whose
// intake it was read. A new reading replaces the source's earlier one: a value that changed or is
// gone is superseded, an unchanged one is confirmed (observed again, citing the new message), so the
// twin never piles up copies. The values are customer data: they reach prompts as any fact does,
// fenced and escaped (shared/src/agents/prompt.ts), never as instructions.
import { randomUUID } from 'node:crypto';
import type { TwinFact } from '@app/shared/schemas';
import type { Store } from '../context';
import { teamStored } from '../store/data';
import { keptContactDoc, keptContactId } from '../store/kept-contact';

export type ProfileSource = 'telegram_profile' | 'vk_profile' | 'webchat_pages';
export type ProfileFact = { key: string; value: string };
export type ProfileReading = {
  source: ProfileSource;
  facts: ProfileFact[];
  /** The message during whose intake the profile was read. */
  messageId: string;
  conversationId: string;
  at: string;
};

/** A profile value as a fact value: one line, trimmed, bounded; empty when nothing is left. */
export function profileValue(raw: unknown, max = 500): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  const text = String(raw)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const MAX_FACTS = 500;

/**
 * The twin's facts with the reading in place of the source's earlier one; undefined when the reading
 * changes nothing (every value was there, observed no later than now).
 */
export function withProfileFacts(
  facts: readonly TwinFact[],
  reading: ProfileReading,
): TwinFact[] | undefined {
  const wanted = new Map<string, string>();
  for (const f of reading.facts) {
    const key = f.key.slice(0, 100);
    const value = profileValue(f.value, 2000);
    if (key && value && !wanted.has(key)) wanted.set(key, value);
  }
  let changed = false;
  const kept = new Set<string>();
  const next = facts.map((f) => {
    if (f.extractedBy !== reading.source || f.status !== 'active') return f;
    const value = wanted.get(f.key);
    if (value === f.value && !kept.has(f.key)) {
      kept.add(f.key);
      if (f.observedAt >= reading.at) return f;
      changed = true;
      // Read again: the same value, now citing the message during whose intake it was confirmed.
      return {
        ...f,
        observedAt: reading.at,
        sourceMessageId: reading.messageId,
        conversationId: reading.conversationId,
      };
    }
    changed = true;
    return { ...f, status: 'superseded' as const };
  });
  const added: TwinFact[] = [];
  for (const [key, value] of wanted) {
    if (kept.has(key)) continue;
    added.push({
      id: `fact_${randomUUID()}`,
      key,
      value,
      sourceMessageId: reading.messageId,
      conversationId: reading.conversationId,
      observedAt: reading.at,
      status: 'active',
      extractedBy: reading.source,
    });
  }
  if (!changed && added.length === 0) return undefined;
  // A superseded fact points to the new value of its key, when there is one.
  const successor = new Map(added.map((f) => [f.key, f.id]));
  let all = [...next, ...added].map((f) =>
    f.extractedBy === reading.source && f.status === 'superseded' && !f.supersededBy && successor.has(f.key)
      ? { ...f, supersededBy: successor.get(f.key)! }
      : f,
  );
  if (all.length > MAX_FACTS) {
    const excess = all.length - MAX_FACTS;
    const drop = new Set(
      all
        .filter((f) => f.status === 'superseded')
        .slice(0, excess)
        .map((f) => f.id),
    );
    all = all.filter((f) => !drop.has(f.id));
  }
  return all;
}

type ContactTwin = { twin?: { facts?: TwinFact[] }; fieldUpdatedAt?: object };

/** The kept contact as a profile read found it: written on first, read again only on a conflict. */
export type KeptRead = { id: string; doc?: Record<string, unknown> & { _rev?: string } };

/** Writes a reading onto the contact (the kept one, after a merge); false when nothing changed. */
export async function writeProfileFacts(
  store: Store,
  teamId: string,
  contactId: string,
  reading: ProfileReading,
  known?: KeptRead,
): Promise<boolean> {
  const id = known?.id ?? (await keptContactId(store, teamId, contactId));
  const contacts = teamStored(store, teamId, 'contacts');
  const withReading = (c: Record<string, unknown>) => {
    const twin = (c as ContactTwin).twin ?? { facts: [] };
    const facts = withProfileFacts(twin.facts ?? [], reading);
    if (!facts) return undefined;
    const now = new Date().toISOString();
    return {
      ...c,
      twin: { ...twin, facts },
      updatedAt: now,
      fieldUpdatedAt: { ...(c.fieldUpdatedAt as object), twin: now },
    };
  };
  // On the revision the profile read found; changed since (the customer's run wrote it): read again.
  if (known?.doc?._rev) {
    const next = withReading(known.doc);
    if (!next) return false;
    if (await contacts.put({ ...next, _id: id, _rev: known.doc._rev })) return true;
  }
  return (await contacts.update(id, withReading)) !== undefined;
}

/**
 * The kept contact as read (following its merge links once), and when the source's profile was last
 * read for it (its newest active fact), if ever.
 */
async function profileState(
  store: Store,
  teamId: string,
  contactId: string,
  source: ProfileSource,
): Promise<{ readAt?: string; kept: KeptRead }> {
  const { id, doc } = await keptContactDoc<ContactTwin & Record<string, unknown>>(store, teamId, contactId);
  let latest: string | undefined;
  for (const f of doc?.twin?.facts ?? []) {
    if (f.extractedBy === source && f.status === 'active' && (!latest || f.observedAt > latest))
      latest = f.observedAt;
  }
  return { ...(latest ? { readAt: latest } : {}), kept: { id, ...(doc ? { doc } : {}) } };
}

/**
 * Whether a profile read for this contact is due: never read, or last read more than `maxAgeMs` ago,
 * and no attempt in this process within `retryMs` (a failing read is not retried per message).
 */
export function createProfileSchedule(
  opts: { maxAgeMs?: number; retryMs?: number; now?: () => number } = {},
) {
  const maxAgeMs = opts.maxAgeMs ?? 7 * 24 * 3600_000;
  const retryMs = opts.retryMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const attempts = new Map<string, number>();
  return {
    /**
     * Claims the read when due: the kept contact as found (to write the reading on); undefined when
     * not due, and for a second caller meanwhile.
     */
    async claim(
      store: Store,
      teamId: string,
      contactId: string,
      source: ProfileSource,
    ): Promise<KeptRead | undefined> {
      const key = `${teamId}\n${contactId}\n${source}`;
      const last = attempts.get(key);
      if (last !== undefined && now() - last < retryMs) return undefined;
      attempts.delete(key);
      if (attempts.size >= 10_000) attempts.delete(attempts.keys().next().value!);
      attempts.set(key, now());
      const { readAt, kept } = await profileState(store, teamId, contactId, source);
      return !readAt || now() - Date.parse(readAt) > maxAgeMs ? kept : undefined;
    },
  };
}
