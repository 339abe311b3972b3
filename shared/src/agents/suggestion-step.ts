// Up-sell and cross-sell in a quote reply (issue 38). When a message is quoted from the catalog, the
// deal's earlier suggestions the customer now takes up (asks about the suggested product, or quotes the
// tier's quantity) are marked `accepted`; then at most one new suggestion (shared/src/catalog/suggest.ts:
// a near volume tier with its computed saving, an upgrade, a product that goes with it) is added to the
// reply in the conversation's language: once per product per conversation, never in two replies in a
// row. Each is recorded on the deal (`lead.suggestions`) and as an activity step reps see.
import { formatSuggestion, suggestFor } from '../catalog/index';
import type { LeadDoc } from '../schemas/index';
import type { CatalogRequest } from './catalog-step';
import { catalogProducts } from './catalog-step';
import { recordMessageStep, type RunContext } from './run-context';

type Entry = NonNullable<LeadDoc['suggestions']>[number];

/** Whether the request takes the suggestion up: its product asked about (a tier: at its quantity). */
const takesUp = (s: Entry, request: CatalogRequest) =>
  request.lines.some(
    (l) => l.productId === s.productId && (s.kind !== 'tier' || l.quantity >= (s.quantity ?? 1)),
  );

/** The suggestions of the deal with those this request takes up accepted. */
function accepted(list: Entry[], request: CatalogRequest, messageId: string, at: string) {
  const taken: Entry[] = [];
  const next = list.map((s) => {
    if (s.outcome || s.messageId === messageId || !takesUp(s, request)) return s;
    const done: Entry = { ...s, outcome: 'accepted', acceptedAt: at, acceptedMessageId: messageId };
    taken.push(done);
    return done;
  });
  return { next, taken };
}

/** Whether the customer's message before this one got a suggestion (none twice in a row). */
async function suggestedLastTime(ctx: RunContext, list: Entry[]): Promise<boolean> {
  const last = list[list.length - 1];
  if (!last) return false;
  const messages = await ctx.store.find('messages', { conversationId: ctx.conversation.id });
  const previous = messages
    .filter(
      (m) => m.direction === 'inbound' && m.id !== ctx.message.id && m.createdAt <= ctx.message.createdAt,
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .pop();
  return previous?.id === last.messageId;
}

/**
 * The sentence to add to the quote reply, or undefined; the deal and the activity log are written
 * here. Called once the quote (its currency) is known.
 */
export async function suggestAfterQuote(
  ctx: RunContext,
  request: CatalogRequest,
  currency: string,
): Promise<string | undefined> {
  const lead = (await ctx.store.get('leads', ctx.lead.id)) ?? ctx.lead;
  const at = ctx.now.toISOString();
  const before = lead.suggestions ?? [];
  if (before.some((s) => s.messageId === ctx.message.id)) return undefined; // a redelivery
  const { next, taken } = accepted(before, request, ctx.message.id, at);
  for (const s of taken) {
    await recordMessageStep(ctx, {
      role: 'answer',
      name: 'suggestion-accepted',
      status: 'ok',
      output: { kind: s.kind, productId: s.productId, suggestedFor: s.messageId },
    });
  }
  const suggestion = (await suggestedLastTime(ctx, before))
    ? undefined
    : suggestFor({
        lines: request.lines,
        products: await catalogProducts(ctx),
        currency,
        ...(request.period ? { period: request.period } : {}),
        now: ctx.now,
        suggested: new Set(before.map((s) => s.productId)),
      });
  const entry: Entry | undefined = suggestion && {
    productId: suggestion.productId,
    forProductId: suggestion.forProductId,
    kind: suggestion.kind,
    ...(suggestion.quantity ? { quantity: suggestion.quantity } : {}),
    at,
    messageId: ctx.message.id,
  };
  if (!entry && taken.length === 0) return undefined;
  ctx.lead = {
    ...lead,
    suggestions: [...next, ...(entry ? [entry] : [])].slice(-50),
    fieldUpdatedAt: { ...lead.fieldUpdatedAt, suggestions: at },
    updatedAt: at,
  };
  await ctx.store.put('leads', ctx.lead);
  if (!suggestion) return undefined;
  const text = formatSuggestion(suggestion, ctx.language);
  await ctx.log.record({
    role: 'answer',
    kind: 'step',
    name: 'suggestion',
    status: 'ok',
    input: { lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
    output: {
      kind: suggestion.kind,
      productId: suggestion.productId,
      forProductId: suggestion.forProductId,
      ...(suggestion.quantity ? { quantity: suggestion.quantity } : {}),
      ...(suggestion.savingMinor !== undefined ? { savingMinor: suggestion.savingMinor } : {}),
      currency,
      text,
    },
    startedAt: ctx.now,
  });
  return text;
}
