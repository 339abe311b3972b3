// A run's part in an A/B test (issue 38): the variant chosen for a conversation the agents handle
// for the first time is written on the conversation and in the activity log.
import type { ConversationDoc } from '../schemas/index';
import type { RunLog } from './activity-log';
import type { ExperimentChoice } from './experiments';
import type { StorePort } from './ports';

export async function recordVariant(
  store: StorePort,
  log: RunLog,
  conversation: ConversationDoc,
  chosen: ExperimentChoice,
): Promise<ConversationDoc> {
  const assigned = chosen.assigned!;
  const at = assigned.assignedAt;
  const written = await store.put('conversations', {
    ...conversation,
    experiment: assigned,
    fieldUpdatedAt: { ...conversation.fieldUpdatedAt, experiment: at },
    updatedAt: at,
  });
  await log.record({
    role: 'supervisor',
    kind: 'step',
    name: 'experiment-variant',
    status: 'ok',
    input: { experimentId: assigned.experimentId },
    output: { variantId: assigned.variantId, variant: chosen.variant?.name },
    startedAt: new Date(at),
  });
  return written;
}
