// Where social mentions live (the team's mentions in `app_runtime`, one doc per team, source and the
// network's id: seen twice, it is one mention, its sentiment read again if the text changed), and an
// event deal's report: counts by sentiment and the mentions with the negative ones first (the most
// negative first, then the newest).
import { DomainError } from '@app/shared/errors';
import { validateSchema } from '@app/shared/validation';
import {
  socialMentionId,
  socialMentionSchema,
  type SentimentLabel,
  type SocialMention,
} from '@app/shared/schemas';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import { sentimentOf } from './sentiment';

/** A mention as `app_runtime` holds it: its id in `_id`. */
type Stored = Omit<SocialMention, 'id'> & { _id: string; _rev?: string };

/** What a monitor saw: the mention without its id, sentiment and time seen (worked out here). */
export type SeenMention = Omit<SocialMention, 'id' | 'teamId' | 'sentiment' | 'seenAt' | 'language'>;

/** Saves a mention (its sentiment read now); the same one again with the same text writes nothing. */
export async function saveMention(
  store: Store,
  teamId: string,
  seen: SeenMention,
  now: Date,
): Promise<boolean> {
  const db = systemDocs<Stored>(store, 'app_runtime');
  const id = socialMentionId(teamId, seen.source, seen.externalId);
  const old = await db.get(id);
  if (old && old.text === seen.text && old.leadId === seen.leadId) return false;
  const { language, ...sentiment } = sentimentOf(seen.text);
  const doc: SocialMention = {
    ...seen,
    id,
    teamId,
    text: seen.text.slice(0, 4000),
    language,
    sentiment,
    seenAt: old?.seenAt ?? now.toISOString(),
    ...(old ? { editedAt: now.toISOString() } : {}),
  };
  const valid = validateSchema(socialMentionSchema, doc);
  if (!valid.ok) throw new Error(`social mention: ${valid.message}`);
  const { id: _id, ...rest } = doc;
  const stored: Stored = { ...rest, _id, ...(old?._rev ? { _rev: old._rev } : {}) };
  if ((await db.put(stored)) === null)
    throw new DomainError(
      'conflict',
      'Another monitoring pass saved this mention at the same time; try again',
    );
  return true;
}

/** Every mention of the team (read in pages of the id range). */
export async function teamMentions(store: Store, teamId: string): Promise<SocialMention[]> {
  const stored = await systemDocs<Stored>(store, 'app_runtime').withPrefix(`social:${teamId}:`);
  return stored.map(({ _id, _rev: _r, ...rest }): SocialMention => ({ ...rest, id: _id }));
}

const order: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

/** An event deal's social report: counts by sentiment, the negative mentions first. */
export function socialReport(mentions: readonly SocialMention[], leadId: string) {
  const items = mentions
    .filter((m) => m.leadId === leadId)
    .sort(
      (a, b) =>
        order[a.sentiment.label] - order[b.sentiment.label] ||
        (a.sentiment.label === 'negative' ? a.sentiment.score - b.sentiment.score : 0) ||
        b.at.localeCompare(a.at),
    );
  const counts = { negative: 0, neutral: 0, positive: 0 };
  for (const m of items) counts[m.sentiment.label]++;
  return { leadId, counts, items };
}

/** Stores mentions made elsewhere (the events demo's seed) as a monitor would have seen them. */
export const mentionSaver =
  (store: Store, now: () => Date) =>
  async (mentions: readonly SocialMention[]): Promise<void> => {
    for (const { teamId, ...mention } of mentions) {
      const { id: _id, sentiment: _sentiment, seenAt: _seenAt, language: _language, ...seen } = mention;
      await saveMention(store, teamId, seen, now());
    }
  };
