// The team's own currency, the default of an amount written without one (a CSV's "Сумма 240000"): the
// currency of the region the team's default agent profile reads phone numbers in, when it names one;
// else its language's (roubles for a Russian team, dollars for an English one).
import type { AgentSettingsDoc } from '@app/shared/schemas';
import type { Store } from '../context';

const regionCurrencies: Record<string, string> = {
  RU: 'RUB',
  BY: 'BYN',
  KZ: 'KZT',
  UA: 'UAH',
  US: 'USD',
  GB: 'GBP',
  CA: 'CAD',
  AU: 'AUD',
  DE: 'EUR',
  FR: 'EUR',
  IT: 'EUR',
  ES: 'EUR',
  NL: 'EUR',
  AT: 'EUR',
  FI: 'EUR',
  IE: 'EUR',
  PT: 'EUR',
  BE: 'EUR',
};

/** A region's currency when it is one of those known here. */
export const regionCurrency = (region: string | undefined): string | undefined =>
  region ? regionCurrencies[region.toUpperCase()] : undefined;

export async function teamCurrency(store: Store, teamId: string): Promise<string> {
  const found = await store
    .teamDb<AgentSettingsDoc>(teamId, 'agent_settings')
    .find({ selector: { isDefault: true }, limit: 1 })
    .catch(() => ({ docs: [] as AgentSettingsDoc[] }));
  const profile = found.docs[0];
  return regionCurrency(profile?.defaultRegion) ?? (profile?.language === 'ru' ? 'RUB' : 'USD');
}
