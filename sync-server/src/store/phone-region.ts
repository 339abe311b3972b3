// The region a team's national phone numbers are read in: its default agent profile's `defaultRegion`
// (the same one the agents read customers' numbers in), else RU. Every path that writes a contact's
// phone stores it through normalPhone in this region (issue 60: one number, one form).
import { DEFAULT_PHONE_REGION } from '@app/shared/crm';
import type { AgentSettingsDoc } from '@app/shared/schemas';
import type { Store } from '../context';

export async function teamPhoneRegion(store: Store, teamId: string): Promise<string> {
  const found = await store
    .teamDb<AgentSettingsDoc>(teamId, 'agent_settings')
    .find({ selector: { isDefault: true }, limit: 1 })
    .catch(() => ({ docs: [] as AgentSettingsDoc[] }));
  return found.docs[0]?.defaultRegion ?? DEFAULT_PHONE_REGION;
}
