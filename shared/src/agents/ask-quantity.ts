// The agent asks how many instead of guessing (issue 61): the reply to a message whose quantity the
// reader could not read (catalog-step.ts). A template in the conversation's language; no quote.
import { askBackText, notInCatalogText, type CatalogRequest } from './catalog-step';
import { putReply, type Response } from './roles/respond';
import { recordMessageStep, type RunContext } from './run-context';

/** The ask-back reply, logged as the answer's `ask-quantity` step. */
export async function askQuantity(ctx: RunContext, request: CatalogRequest): Promise<Response> {
  // The question first (the next message is read as its answer), then what the catalog does not have.
  const text = [
    askBackText(request.askBack ?? [], ctx.language),
    notInCatalogText(request.notInCatalog, ctx.language),
  ]
    .filter(Boolean)
    .join('\n');
  await recordMessageStep(ctx, {
    role: 'answer',
    name: 'ask-quantity',
    status: 'ok',
    output: { askBack: request.askBack?.map((p) => p.productId) ?? [] },
  });
  const reply = await putReply(ctx, { text, cited: [], origin: 'template' });
  return { reply, toolCalls: [], toxicReplyBlocked: false };
}
