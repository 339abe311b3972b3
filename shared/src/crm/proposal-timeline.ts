// A deal's commercial proposals as timeline events (issue 38): one event per step each proposal took
// (drafted, sent, opened, accepted), oldest first, with its line in English and Russian, so the
// server's API and the app's deal timeline tell the same story.
import type { CommercialProposal, CommercialProposalStatus } from '../schemas/index';
import type { NotifyLanguage } from './stage-notify';

export type ProposalEvent = {
  /** `<proposal id>:<step>` */
  id: string;
  proposalId: string;
  step: CommercialProposalStatus;
  at: string;
  number: string;
  by?: string;
  text: Record<NotifyLanguage, string>;
};

const lines: Record<CommercialProposalStatus, Record<NotifyLanguage, (n: string) => string>> = {
  draft: { en: (n) => `Proposal ${n} drafted`, ru: (n) => `КП ${n} подготовлено` },
  sent: { en: (n) => `Proposal ${n} sent`, ru: (n) => `КП ${n} отправлено` },
  opened: { en: (n) => `Proposal ${n} opened by the customer`, ru: (n) => `КП ${n} открыто клиентом` },
  accepted: { en: (n) => `Proposal ${n} accepted`, ru: (n) => `КП ${n} принято` },
};

/** The line of one step in one language. */
export const proposalStepText = (step: CommercialProposalStatus, number: string, lang: NotifyLanguage) =>
  lines[step][lang](number);

/** Every step of the lead's proposals, oldest first. */
export function proposalEvents(proposals: readonly CommercialProposal[] | undefined): ProposalEvent[] {
  const events: ProposalEvent[] = [];
  for (const p of proposals ?? []) {
    const steps: [CommercialProposalStatus, string | undefined, string | undefined][] = [
      ['draft', p.createdAt, p.createdBy],
      ['sent', p.sentAt, p.sentBy],
      ['opened', p.openedAt, undefined],
      ['accepted', p.acceptedAt, p.acceptedBy],
    ];
    for (const [step, at, by] of steps) {
      if (!at) continue;
      events.push({
        id: `${p.id}:${step}`,
        proposalId: p.id,
        step,
        at,
        number: p.number,
        ...(by ? { by } : {}),
        text: { en: proposalStepText(step, p.number, 'en'), ru: proposalStepText(step, p.number, 'ru') },
      });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
