// Test support for the events pack's engine tests: a memory-store team with the pack applied (its
// pipeline and Maestro, optionally with models per role).
import type { StorePort } from '../../agents/ports';
import type { AgentSettingsDoc } from '../../schemas/index';
import { planPackApply } from '../index';
import { eventsAgencyPack } from './index';

export async function applyEventsPack(
  store: StorePort,
  at: string,
  models?: AgentSettingsDoc['models'],
): Promise<void> {
  const plan = planPackApply(
    eventsAgencyPack,
    { pipelines: [], profiles: [] },
    { language: 'ru', now: new Date(at) },
  );
  for (const d of plan.docs.pipelines) await store.put('pipelines', d);
  for (const d of plan.docs.agent_settings) await store.put('agent_settings', models ? { ...d, models } : d);
}
