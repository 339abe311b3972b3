// Intake: finds or creates the conversation, the contact and the open lead for an inbound message,
// and stores the message itself. Ids are derived from the message, so a replay is a no-op.
import { derivedId } from '../doc-ids';
import { contactIdFor } from '../../ids';
import { findStage, pipelineIdOf } from '../../crm/pipelines';
import { leadTitle } from '../../crm/lead-title';
import { detectLanguage } from '../../llm/offline/text-features';
import {
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  type ContactDoc,
  type ConversationDoc,
  type LeadDoc,
  type MessageDoc,
  type PipelineDoc,
} from '../../schemas/index';
import type { StorePort } from '../ports';

export type IntakeResult = {
  conversation: ConversationDoc;
  contact: ContactDoc;
  lead: LeadDoc;
  created: ('conversation' | 'contact' | 'lead' | 'message')[];
};

/** Telegram's `/start` (also `/start@bot`), with or without a deep-link payload. */
export const isStartCommand = (text: string) => /^\/start(@\w+)?(\s|$)/i.test(text.trim());

/** The lead source a message brings: the channel's campaign, or the payload of a `/start <payload>`. */
export function campaignOf(message: MessageDoc): string | undefined {
  if (message.signals?.campaign) return message.signals.campaign;
  if (message.signals?.command !== 'start' && !isStartCommand(message.text)) return undefined;
  const payload = message.text.trim().split(/\s+/)[1];
  return payload ? payload.slice(0, 200) : undefined;
}

/** The new deal's title language: the contact's, else what the name and the message are written in. */
function titleLanguage(contact: ContactDoc, message: MessageDoc): 'ru' | 'en' {
  if (contact.language === 'ru' || contact.language === 'en') return contact.language;
  const text = isStartCommand(message.text) ? '' : message.text;
  return detectLanguage(`${contact.name} ${text}`);
}

export async function intake(
  store: StorePort,
  message: MessageDoc,
  now: Date,
  opts: { botId?: string; externalChatId?: string } = {},
): Promise<IntakeResult> {
  const at = now.toISOString();
  const created: IntakeResult['created'] = [];
  if (!(await store.get('messages', message.id))) {
    await store.put('messages', message);
    created.push('message');
  }
  let conversation = await store.get('conversations', message.conversationId);
  let contactId =
    message.contactId ?? conversation?.contactId ?? contactIdFor(message.channel, message.conversationId);
  let contact = await store.get('contacts', contactId);
  // A contact a rep merged into another is a tombstone (`mergedInto`): the kept contact, at the end of
  // a chain of merges (bounded), gets the lead and the facts.
  for (let hop = 0; hop < 8 && contact?.mergedInto; hop++) {
    const kept = await store.get('contacts', contact.mergedInto);
    if (!kept) break;
    contactId = kept.id;
    contact = kept;
  }
  if (!contact) {
    const externalId = opts.externalChatId ?? message.author.id ?? message.conversationId;
    contact = {
      id: contactId,
      name: message.author.name ?? '',
      identities: [{ channel: message.channel, externalId: externalId.slice(0, 200) }],
      optOut: false,
      agentAccess: 'default',
      twin: { facts: [] },
      createdAt: at,
      updatedAt: at,
    };
    await store.put('contacts', contact);
    created.push('contact');
  }
  if (!conversation) {
    conversation = {
      id: message.conversationId,
      contactId,
      channel: message.channel,
      externalChatId: (opts.externalChatId ?? message.conversationId).slice(0, 200),
      ...(opts.botId ? { botId: opts.botId } : {}),
      mode: 'ai',
      status: 'open',
      unreadCount: 0,
      createdAt: at,
      updatedAt: at,
    };
    created.push('conversation');
  }
  const campaign = campaignOf(message);
  let lead = conversation.leadId ? await store.get('leads', conversation.leadId) : undefined;
  if (!lead) {
    const leads = await store.find('leads', { contactId }, { sortBy: 'createdAt', descending: true });
    const open = await firstOpenLead(store, leads);
    lead = open ?? {
      id: derivedId(`lead-${conversation.id}`),
      contactId,
      title: leadTitle(titleLanguage(contact, message), contact.name, message.channel),
      stage: 'new',
      source: {
        channel: message.channel,
        ...(opts.botId ? { botId: opts.botId } : {}),
        ...(campaign ? { campaign } : {}),
      },
      conversationId: conversation.id,
      createdAt: at,
      updatedAt: at,
    };
    if (!open) {
      await store.put('leads', lead);
      created.push('lead');
    }
  }
  // A known lead that came back through a campaign link keeps the first source it had.
  if (campaign && !lead.source.campaign) {
    lead = await store.put('leads', {
      ...lead,
      source: { ...lead.source, campaign },
      fieldUpdatedAt: { ...lead.fieldUpdatedAt, source: at },
      updatedAt: at,
    });
  }
  // The channel's ingest may have stored the message and counted it already (the server does): the
  // conversation's counters move only for a message this intake stored itself.
  const fresh = created.includes('message');
  const next: ConversationDoc = {
    ...conversation,
    leadId: lead.id,
    ...(fresh
      ? {
          lastMessageAt: message.createdAt,
          lastInboundAt: message.createdAt,
          lastMessagePreview: message.text.slice(0, 300),
          unreadCount: (conversation.unreadCount ?? 0) + 1,
          status: conversation.status === 'closed' ? 'open' : conversation.status,
        }
      : {}),
  };
  if (created.includes('conversation') || fresh || next.leadId !== conversation.leadId) {
    conversation = await store.put('conversations', { ...next, updatedAt: at });
  }
  return { conversation, contact, lead, created };
}

/**
 * The first lead still open: not in a won or lost stage of its pipeline (the default pipeline's are
 * `won` and `lost`; a team's own pipeline says which of its stages close a deal).
 */
export async function firstOpenLead(
  store: StorePort,
  leads: readonly LeadDoc[],
): Promise<LeadDoc | undefined> {
  const pipelines = new Map<string, PipelineDoc | undefined>();
  for (const lead of leads) {
    const id = pipelineIdOf(lead);
    if (!pipelines.has(id)) {
      pipelines.set(
        id,
        (await store.get('pipelines', id)) ?? (id === DEFAULT_PIPELINE_ID ? defaultPipeline() : undefined),
      );
    }
    const kind = findStage(pipelines.get(id) ?? defaultPipeline(), lead.stage)?.kind;
    if (kind === 'won' || kind === 'lost') continue;
    if (!kind && (lead.stage === 'won' || lead.stage === 'lost')) continue;
    return lead;
  }
  return undefined;
}
