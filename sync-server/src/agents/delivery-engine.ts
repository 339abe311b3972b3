// The agent engine the outbox hands a delivered message to (channels/delivery.ts, `onDelivered`):
// `engine.afterDelivery` plans an agent answer's follow-up from the time it reached the customer, with
// the packs' plug-ins, as every run's engine would (planning asks no model, so its client is the
// offline provider alone, made once).
import { createAgentEngine, type AgentEngine, type StorePort } from '@app/shared/agents';
import { createLlmClient, createOfflineProvider, type LlmClient } from '@app/shared/llm';
import { agentPlugins } from '@app/shared/packs';

/** The engine a delivery is handed back to, over the delivery's store port. */
export type DeliveryEngine = (store: StorePort) => Pick<AgentEngine, 'afterDelivery'>;

let noModel: LlmClient | undefined;

export const deliveryEngine: DeliveryEngine = (store) =>
  createAgentEngine({
    store,
    llm: (noModel ??= createLlmClient({ providers: [], offline: createOfflineProvider() })),
    plugins: agentPlugins,
  });
