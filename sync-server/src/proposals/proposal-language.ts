// The language of a deal's proposal, picked as stage notifications pick theirs: the contact's, else
// what the customer writes in the deal's conversation, else the team default agent profile's.
import { notificationLanguage } from '@app/shared/crm';
import type { ContactDoc } from '@app/shared/schemas';
import { customerTexts, teamDefaultLanguage } from '../channels/stage-notify';
import type { Store } from '../context';
import type { ProposalLanguage } from './proposal-labels';

export async function proposalLanguage(
  store: Store,
  teamId: string,
  contact: Pick<ContactDoc, 'language'> | undefined,
  conversationId: string | undefined,
): Promise<ProposalLanguage> {
  return notificationLanguage({
    contactLanguage: contact?.language,
    customerTexts:
      contact?.language || !conversationId ? [] : await customerTexts(store, teamId, conversationId),
    teamDefault: await teamDefaultLanguage(store, teamId),
  });
}
