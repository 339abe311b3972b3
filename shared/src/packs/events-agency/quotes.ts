// Requests for quotes to vendors, and their answers (the events pack's Vendors agent). Maestro asks each
// vendor it matched through the team's channels: an outbound message in a conversation of its own with
// the vendor (tagged `rfq` and `vendor:<id>`, linked to the deal), by e-mail when the directory has the
// vendor's address, else through the team's Telegram bot when it has their chat; the channel's outbox
// sends it, in the vendor's language. The vendor's answer (a reply in that e-mail thread, or a Telegram
// message from that chat) is recognised by `takeVendorAnswer` before any agent answers: it is attached
// to the deal as the vendor's quote, with the amount read where the vendor stated one, and the agents
// write nothing back to the vendor. A rep then marks each request contracted or declined
// (crm/vendor-requests.ts: the API and the deal view).
import { contactIdFor } from '../../ids';
import { derivedId, hashOf } from '../../agents/doc-ids';
import type { RunContext } from '../../agents/run-context';
import type { VendorRequest } from '../../crm/vendor-requests';
import type { ContactDoc, ConversationDoc, MessageDoc } from '../../schemas/index';
import type { Vendor } from '../../schemas/pipelines';
import { detectLanguage, moneyIn } from './extract';

type Lang = 'en' | 'ru';

export const RFQ_TAG = 'rfq';
/** The tag of a vendor's contact: their messages may answer a request for a quote. */
const VENDOR_TAG = 'vendor';
const vendorTag = (id: string) => `vendor:${id}`;

/** What the agency needs of each kind of vendor, as the request says it ("нужна площадка на 120 гостей"). */
const kindNeeds: Record<Vendor['kind'], Record<Lang, (guests?: number) => string>> = {
  venue: {
    en: (g) => `we need a venue${g ? ` for ${g} guests` : ''}`,
    ru: (g) => `нужна площадка${g ? ` на ${g} гостей` : ''}`,
  },
  catering: {
    en: (g) => `we need catering${g ? ` for ${g} guests` : ''}`,
    ru: (g) => `нужен кейтеринг${g ? ` на ${g} гостей` : ''}`,
  },
  av: { en: () => 'we need sound, light and screens', ru: () => 'нужны звук, свет и экраны' },
  host: { en: () => 'we need a host for the evening', ru: () => 'нужен ведущий на вечер' },
  decor: { en: () => 'we need decor', ru: () => 'нужно оформление' },
  photo: { en: () => 'we need a photographer', ru: () => 'нужен фотограф' },
};

/** The language a vendor is written to in: theirs, else their city's. */
export const vendorLanguage = (v: Vendor): Lang => v.language ?? detectLanguage(v.city);

/** The request's text; its first line is the e-mail's subject. */
export function quoteRequestText(vendor: Vendor, summary: string, guests: number | undefined): string {
  const lang = vendorLanguage(vendor);
  const need = kindNeeds[vendor.kind][lang](guests);
  return lang === 'ru'
    ? [
        `Запрос коммерческого предложения: ${summary}`,
        '',
        'Здравствуйте!',
        `Мы готовим мероприятие (${summary}), ${need}.`,
        'Пришлите, пожалуйста, стоимость и условия ответом на это сообщение.',
      ].join('\n')
    : [
        `Request for a quote: ${summary}`,
        '',
        'Hello,',
        `We are preparing an event (${summary}): ${need}.`,
        'Please reply to this message with your price and terms.',
      ].join('\n');
}

/** The channel and chat a vendor is asked through: e-mail first, else Telegram; none: not asked. */
function vendorChat(
  v: Vendor,
): { channel: 'email' | 'telegram'; chat: string; contactId: string } | undefined {
  const email = v.email?.trim().toLowerCase();
  if (email && /^[^\s@]+@[^\s@]+$/.test(email))
    return { channel: 'email', chat: email, contactId: contactIdFor('email', email) };
  if (v.telegram)
    return { channel: 'telegram', chat: v.telegram, contactId: contactIdFor('telegram', v.telegram) };
  return undefined;
}

/** The vendor as a contact the agents never answer (their messages are quotes, not questions). */
async function vendorContact(ctx: RunContext, v: Vendor, chat: NonNullable<ReturnType<typeof vendorChat>>) {
  const known = await ctx.store.get('contacts', chat.contactId);
  const at = ctx.now.toISOString();
  // Marked a vendor, so that their messages are looked at as answers (`requestConversationOf`).
  if (known)
    return known.tags?.includes(VENDOR_TAG)
      ? known
      : ctx.store.put('contacts', { ...known, tags: [...(known.tags ?? []), VENDOR_TAG], updatedAt: at });
  const contact: ContactDoc = {
    id: chat.contactId,
    name: v.name,
    identities: [{ channel: chat.channel, externalId: chat.chat }],
    ...(chat.channel === 'email' ? { email: chat.chat } : {}),
    optOut: false,
    agentAccess: 'deny',
    twin: { facts: [] },
    tags: [VENDOR_TAG],
    createdAt: at,
    updatedAt: at,
  };
  return ctx.store.put('contacts', contact);
}

/**
 * Asks each vendor (not asked for this deal before) for a quote: the conversation, the outbound message
 * the channel's outbox sends, and the request on the deal. Answers the deal's requests after it.
 */
export async function requestQuotes(
  ctx: RunContext,
  vendors: readonly Vendor[],
  summary: (lang: Lang) => string,
  guests: number | undefined,
): Promise<VendorRequest[]> {
  const lead = ctx.lead;
  const requests = [...(lead.vendorRequests ?? [])];
  const at = ctx.now.toISOString();
  for (const v of vendors) {
    const chat = vendorChat(v);
    if (!chat || requests.some((r) => r.vendorId === v.id)) continue;
    const contact = await vendorContact(ctx, v, chat);
    const conversationId = `conv:rfq:${hashOf(lead.id)}:${v.id}`;
    const conversation: ConversationDoc = {
      id: conversationId,
      contactId: contact.id,
      leadId: lead.id,
      channel: chat.channel,
      externalChatId: chat.chat,
      mode: 'ai',
      status: 'open',
      unreadCount: 0,
      tags: [RFQ_TAG, vendorTag(v.id)],
      createdAt: at,
      updatedAt: at,
    };
    if (!(await ctx.store.get('conversations', conversationId)))
      await ctx.store.put('conversations', conversation);
    const text = quoteRequestText(v, summary(vendorLanguage(v)), guests);
    const message: MessageDoc = {
      id: derivedId(conversationId, 'request'),
      conversationId,
      contactId: contact.id,
      channel: chat.channel,
      direction: 'outbound',
      author: { kind: 'agent', id: ctx.profile.id, name: `${ctx.profile.name} (auto)`.slice(0, 200) },
      text,
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey: derivedId('rfq', lead.id, v.id).slice(0, 200),
      runId: ctx.runId,
      createdAt: at,
    };
    if (!(await ctx.store.get('messages', message.id))) await ctx.store.put('messages', message);
    requests.push({
      vendorId: v.id,
      name: v.name,
      kind: v.kind,
      channel: chat.channel,
      status: 'requested',
      conversationId,
      messageId: message.id,
      requestedAt: at,
    });
  }
  return requests;
}

/** The amount a vendor's answer states: the sum after a price word, else the first with a currency. */
export function quotedAmount(
  text: string,
  fallbackCurrency?: string,
): { amount: number; currency?: string } | undefined {
  const sums = moneyIn(text);
  const priceWord = /(?:итого|стоимост\S*|цена|сумма|составит|total|price|quote|cost)[^\d£$€₽]{0,30}$/iu;
  const best =
    sums.find((s) => priceWord.test(text.slice(Math.max(0, s.index - 40), s.index))) ??
    sums.find((s) => s.currency) ??
    sums[0];
  if (!best) return undefined;
  const currency = best.currency ?? fallbackCurrency;
  return { amount: best.amount, ...(currency ? { currency } : {}) };
}

/** The request conversation a vendor's message belongs to: its own, or (Telegram) the one with their chat. */
async function requestConversationOf(ctx: RunContext): Promise<ConversationDoc | undefined> {
  if (ctx.conversation.tags?.includes(RFQ_TAG)) return ctx.conversation;
  // Only a vendor's chat is looked up (a query), not every customer's message (issue 36).
  if (ctx.conversation.channel !== 'telegram' || !ctx.contact.tags?.includes(VENDOR_TAG)) return undefined;
  const chats = await ctx.store.find('conversations', {
    channel: 'telegram',
    externalChatId: ctx.conversation.externalChatId,
  });
  return chats
    .filter((c) => c.tags?.includes(RFQ_TAG))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
}

/**
 * A vendor's answer to a request for a quote, attached to the deal (status `quoted` unless a rep has
 * decided already). True: the message was a vendor's answer, and nobody answers it.
 */
export async function takeVendorAnswer(ctx: RunContext): Promise<boolean> {
  const conversation = await requestConversationOf(ctx);
  const vendorId = conversation?.tags?.find((t) => t.startsWith('vendor:'))?.slice('vendor:'.length);
  const lead = conversation?.leadId ? await ctx.store.get('leads', conversation.leadId) : undefined;
  const request = lead?.vendorRequests?.find((r) => r.vendorId === vendorId);
  if (!lead || !request) return false;
  const pipeline = lead.pipelineId ? await ctx.store.get('pipelines', lead.pipelineId) : undefined;
  const vendor = pipeline?.vendors?.find((v) => v.id === vendorId);
  const text = ctx.message.text.slice(0, 4000);
  const amount = quotedAmount(text, vendor?.currency);
  const at = ctx.now.toISOString();
  const answered: VendorRequest = {
    ...request,
    status: request.status === 'requested' ? 'quoted' : request.status,
    quote: { text, ...(amount ?? {}), messageId: ctx.message.id, at },
  };
  await ctx.store.put('leads', {
    ...lead,
    vendorRequests: lead.vendorRequests!.map((r) => (r === request ? answered : r)),
    fieldUpdatedAt: { ...lead.fieldUpdatedAt, vendorRequests: at },
    updatedAt: at,
  });
  await ctx.log.record({
    role: 'answer',
    kind: 'step',
    name: 'vendor-quote',
    status: 'ok',
    input: { vendorId, conversationId: conversation!.id },
    output: { leadId: lead.id, status: answered.status, ...(amount ?? {}) },
    startedAt: ctx.now,
  });
  return true;
}
