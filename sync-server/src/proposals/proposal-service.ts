// A deal's commercial proposals: make one from the deal's quote (rendered off the event loop, the
// PDF stored in the team's `files` store, the record appended to the lead), send it through the
// deal's conversation (an outbound message with the PDF), mark it opened where a channel can tell,
// and accept it (the deal's value follows the accepted total). Used by the API and by the agents'
// `send_proposal` tool, so both take the same steps.
import { randomBytes } from 'node:crypto';
import { isDemoConversation, localiseLeadTitle } from '@app/shared/crm';
import { DomainError } from '@app/shared/errors';
import type { CommercialProposal, LeadDoc, MessageDoc, ProductDoc } from '@app/shared/schemas';
import { touchFields } from '@app/shared/sync';
import type { PlanPolicy, Store } from '../context';
import { teamData } from '../store/data';
import { proposalCompany } from './company';
import { proposalLabels, type ProposalLanguage } from './proposal-labels';
import { proposalLanguage } from './proposal-language';
import { proposalMessage } from './proposal-message';
import type { ProposalQuote } from './proposal-quote';
import { quoteOfLead } from './lead-quote';
import type { ProposalRenderer } from './proposal-renderer';

export type ProposalDeps = {
  store: Store;
  renderer: ProposalRenderer;
  now: () => Date;
  /** The team's plan: a proposal's PDF is stored within its storage (402 past it). */
  plans?: Pick<PlanPolicy, 'assertStorage'> | undefined;
};
export type ProposalInput = { quote?: ProposalQuote; validDays?: number; language?: ProposalLanguage };

const day = (d: Date) => d.toISOString().slice(0, 10);
export const proposalFileId = (leadId: string, proposalId: string) => `proposal:${leadId}:${proposalId}`;

async function readLead(store: Store, teamId: string, leadId: string) {
  const lead = await teamData(store, teamId).leads.get(leadId);
  if (!lead) throw new DomainError('lead-not-found', `Lead '${leadId.slice(0, 128)}' was not found`);
  return lead;
}

export function findProposal(lead: Pick<LeadDoc, 'commercialProposals'>, id: string): CommercialProposal {
  const found = (lead.commercialProposals ?? []).find((p) => p.id === id);
  if (!found) throw new DomainError('proposal-not-found', `Proposal '${id.slice(0, 64)}' was not found`);
  return found;
}

/** Writes one proposal's new state on the lead (retried on conflicts), stamping the field's time. */
async function patchLead(
  deps: Pick<ProposalDeps, 'store' | 'now'>,
  teamId: string,
  leadId: string,
  change: (lead: LeadDoc) => Partial<LeadDoc>,
): Promise<LeadDoc> {
  const at = deps.now().toISOString();
  const written = await teamData(deps.store, teamId).leads.update(leadId, (current) =>
    touchFields(current, change(current), at),
  );
  if (!written) throw new DomainError('lead-not-found', `Lead '${leadId.slice(0, 128)}' was not found`);
  return written;
}

const replace = (lead: LeadDoc, next: CommercialProposal) =>
  (lead.commercialProposals ?? []).map((p) => (p.id === next.id ? next : p));

/** The catalog's products the deal's saved quote names (those still there). */
async function quotedProducts(store: Store, teamId: string, lead: LeadDoc): Promise<ProductDoc[]> {
  const ids = [...new Set((lead.quote?.lines ?? []).map((l) => l.productId))].slice(0, 50);
  const products = teamData(store, teamId).products;
  const found = await Promise.all(ids.map((id) => products.get(id).catch(() => null)));
  return found.flatMap((p) => (p ? [p] : []));
}

/** Makes a proposal of the deal's quote (or the one given): the PDF stored, the draft on the lead. */
export async function createProposal(
  deps: ProposalDeps,
  teamId: string,
  leadId: string,
  input: ProposalInput,
  by: string,
): Promise<CommercialProposal> {
  const { store } = deps;
  const lead = await readLead(store, teamId, leadId);
  if (!input.quote && !quoteOfLead(lead)?.lines.length)
    throw new DomainError('quote-missing', 'The deal has no quote to propose');
  if ((lead.commercialProposals ?? []).length >= 50)
    throw new DomainError('conflict', 'The deal has 50 proposals already');
  const contact = lead.contactId
    ? ((await teamData(store, teamId).contacts.get(lead.contactId)) ?? undefined)
    : undefined;
  const language = input.language ?? (await proposalLanguage(store, teamId, contact, lead.conversationId));
  // The deal's own quote names its products in the document's language (their catalog names).
  const quote = input.quote ?? quoteOfLead(lead, language, await quotedProducts(store, teamId, lead));
  if (!quote?.lines.length) throw new DomainError('quote-missing', 'The deal has no quote to propose');
  const now = deps.now();
  const id = randomBytes(6).toString('hex');
  const number = `P-${day(now).replaceAll('-', '')}-${id.slice(0, 4).toUpperCase()}`;
  const validUntil = day(new Date(now.getTime() + (input.validDays ?? 14) * 86_400_000));
  const pdf = await deps.renderer.render({
    language,
    number,
    issuedAt: now.toISOString(),
    validUntil,
    company: await proposalCompany(store, teamId),
    customer: {
      ...(contact?.name ? { name: contact.name } : {}),
      ...((lead.company ?? contact?.company) ? { company: lead.company ?? contact?.company } : {}),
      ...(contact?.email ? { email: contact.email } : {}),
      ...(contact?.phone ? { phone: contact.phone } : {}),
    },
    dealTitle: localiseLeadTitle(lead.title, language),
    quote,
  });
  const fileName = `${proposalLabels[language].fileName} ${number}.pdf`;
  const fileDocId = proposalFileId(leadId, id);
  const at = now.toISOString();
  await deps.plans?.assertStorage?.(teamId, pdf.byteLength);
  await teamData(store, teamId).files.store(
    fileDocId,
    { kind: 'proposal', leadId, fileName, mimeType: 'application/pdf', size: pdf.byteLength, createdAt: at },
    Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
    'application/pdf',
  );
  const proposal: CommercialProposal = {
    id,
    number,
    status: 'draft',
    language,
    currency: quote.currency,
    total: quote.total,
    fileDocId,
    fileName,
    size: pdf.byteLength,
    validUntil,
    createdAt: at,
    createdBy: by.slice(0, 128),
  };
  await patchLead(deps, teamId, leadId, (l) => ({
    commercialProposals: [...(l.commercialProposals ?? []), proposal],
  }));
  return proposal;
}

/** Sends the proposal through the deal's conversation; a second send answers the same message. */
export async function sendProposal(
  deps: ProposalDeps,
  teamId: string,
  leadId: string,
  proposalId: string,
  author: MessageDoc['author'],
): Promise<{ proposal: CommercialProposal; messageId: string }> {
  const { store } = deps;
  const lead = await readLead(store, teamId, leadId);
  const proposal = findProposal(lead, proposalId);
  if (!lead.conversationId)
    throw new DomainError('proposal-unsendable', 'The deal has no conversation to send the proposal in');
  const data = teamData(store, teamId);
  const conv = await data.conversations.get(lead.conversationId);
  if (!conv) throw new DomainError('proposal-unsendable', "The deal's conversation is gone");
  if (isDemoConversation(conv))
    throw new DomainError('proposal-unsendable', 'A demo conversation sends nothing to anyone');
  const contact = await data.contacts.get(conv.contactId);
  if (contact?.optOut) throw new DomainError('proposal-unsendable', 'The customer opted out of messages');
  const at = deps.now().toISOString();
  const message = proposalMessage(proposal, conv, author, at);
  const messageId = message.id;
  await data.messages.create(message);
  const written = await patchLead(deps, teamId, leadId, (l) => {
    const p = findProposal(l, proposalId);
    if (p.sentAt) return {};
    const by = author.kind === 'rep' ? (author.id ?? 'rep') : author.kind;
    const next: CommercialProposal = {
      ...p,
      status: p.status === 'draft' ? 'sent' : p.status,
      sentAt: at,
      sentBy: by.slice(0, 128),
      messageId,
    };
    return { commercialProposals: replace(l, next) };
  });
  return { proposal: findProposal(written, proposalId), messageId };
}

/** The customer opened the proposal (a channel that can tell: a web chat download). */
export async function markProposalOpened(
  deps: Pick<ProposalDeps, 'store' | 'now'>,
  teamId: string,
  leadId: string,
  proposalId: string,
): Promise<void> {
  const at = deps.now().toISOString();
  await patchLead(deps, teamId, leadId, (l) => {
    const p = findProposal(l, proposalId);
    if (p.openedAt) return {};
    const next: CommercialProposal = {
      ...p,
      status: p.status === 'accepted' ? p.status : 'opened',
      openedAt: at,
    };
    return { commercialProposals: replace(l, next) };
  });
}

/**
 * A customer downloaded a file of this message: when the message carries a proposal (its id is the
 * proposal's message id), the deal that holds the proposal marks it opened. Other messages change
 * nothing.
 */
export async function noteProposalOpened(
  deps: Pick<ProposalDeps, 'store' | 'now'>,
  teamId: string,
  message: Pick<MessageDoc, 'id' | 'conversationId' | 'contactId'> & { _id?: string },
): Promise<void> {
  const messageId = message._id ?? message.id;
  if (!messageId?.startsWith('proposal:')) return;
  // By the contact (indexed), else by the conversation (a contact merged since the proposal went).
  const leads = teamData(deps.store, teamId).leads;
  const holding = (docs: LeadDoc[]) =>
    docs.filter((l) => (l.commercialProposals ?? []).some((x) => x.messageId === messageId));
  let found = message.contactId
    ? holding(await leads.find({ selector: { contactId: message.contactId }, limit: 200 }))
    : [];
  if (!found.length)
    found = holding(await leads.find({ selector: { conversationId: message.conversationId }, limit: 50 }));
  for (const lead of found) {
    const p = (lead.commercialProposals ?? []).find((x) => x.messageId === messageId);
    if (p && !p.openedAt) await markProposalOpened(deps, teamId, lead.id, p.id);
  }
}

/** A rep accepts the proposal for the customer: its total becomes the deal's value. */
export async function acceptProposal(
  deps: ProposalDeps,
  teamId: string,
  leadId: string,
  proposalId: string,
  by: string,
): Promise<{ proposal: CommercialProposal; lead: LeadDoc }> {
  const at = deps.now().toISOString();
  const written = await patchLead(deps, teamId, leadId, (l) => {
    const p = findProposal(l, proposalId);
    if (p.status === 'accepted') return {};
    const next: CommercialProposal = {
      ...p,
      status: 'accepted',
      acceptedAt: at,
      acceptedBy: by.slice(0, 128),
    };
    return { commercialProposals: replace(l, next), value: { amount: p.total, currency: p.currency } };
  });
  return { proposal: findProposal(written, proposalId), lead: written };
}
