// The twin's facts grouped by where they came from (issue 64): the message each was read from (so the
// record page quotes a message once, with all it supports), or the channel that read them (a profile).
import type { MessageDoc, TwinFact } from '@app/shared/schemas';

export type FactGroup = {
  key: string;
  /** The message the facts came from, when this device has it. */
  message: MessageDoc | undefined;
  /** The facts name a message this device does not have (yet). */
  missing: boolean;
  /** Who read them when a channel did (`extractedBy`), for its label. */
  source: string | undefined;
  facts: TwinFact[];
};

/** Facts by the message (or the channel's reading) they came from, in the order they were first learnt. */
export function groupBySource(
  facts: readonly TwinFact[],
  byId: ReadonlyMap<string, MessageDoc>,
): FactGroup[] {
  const groups = new Map<string, FactGroup>();
  for (const f of facts) {
    const key = `${f.sourceMessageId ?? ''}\n${f.extractedBy ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      const message = f.sourceMessageId ? byId.get(f.sourceMessageId) : undefined;
      group = { key, message, missing: !!f.sourceMessageId && !message, source: f.extractedBy, facts: [] };
      groups.set(key, group);
    }
    group.facts.push(f);
  }
  return [...groups.values()];
}
