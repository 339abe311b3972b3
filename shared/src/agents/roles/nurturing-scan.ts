// The periodic nurturing pass: every open AI conversation whose customer has gone quiet and that has no
// follow-up pending gets the next one planned (up to the profile's limit), each decision logged.
import { derivedId } from '../doc-ids';
import type { MessageDoc } from '../../schemas/index';
import { detectLanguage } from '../../llm/offline/text-features';
import { createRunLog } from '../activity-log';
import type { Clock, StorePort } from '../ports';
import type { AgentPlugin } from '../plugins';
import { selectProfile } from '../profiles';
import { planFollowUp } from './nurturing';

export type FollowUpScan = { planned: MessageDoc[]; skipped: { conversationId: string; reason: string }[] };

export async function scanFollowUps(
  store: StorePort,
  clock: Clock,
  plugins: readonly AgentPlugin[],
): Promise<FollowUpScan> {
  const now = clock.now();
  const out: FollowUpScan = { planned: [], skipped: [] };
  const open = await store.find('conversations', { mode: 'ai', status: 'open' }, { sortBy: 'id' });
  for (const conversation of open) {
    const contact = await store.get('contacts', conversation.contactId);
    if (!contact) continue;
    const profile = await selectProfile(store, conversation);
    const afterMs = (profile.followUp?.afterHours ?? 24) * 3_600_000;
    const last = Date.parse(conversation.lastMessageAt ?? conversation.updatedAt);
    if (now.getTime() - last < afterMs) continue;
    const runId = derivedId('run', 'nurture', conversation.id, now.toISOString());
    const log = createRunLog({ store, clock, runId, conversationId: conversation.id, contactId: contact.id });
    const decision = await log.step(
      'nurturing',
      'plan-follow-up',
      { quietSince: conversation.lastMessageAt },
      () =>
        planFollowUp(store, {
          conversation,
          contact,
          profile,
          language: contact.language ?? detectLanguage(conversation.lastMessagePreview ?? ''),
          from: now,
          now,
          runId,
          plugins,
        }),
    );
    if (decision.planned) out.planned.push(decision.planned);
    else out.skipped.push({ conversationId: conversation.id, reason: decision.skipped ?? 'not due' });
  }
  return out;
}
