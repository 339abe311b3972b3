// The engine's plug-ins (issue 63), with a test plug-in of its own (the agents import no pack): only a
// team that applied the pack (a pipeline with `pack: <name>`) runs its step and its answerer; a step
// that takes the message ends the run unanswered; the pack's answerer comes after the catalog's and
// before the objection library's.
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { defaultPipeline, type ObjectionDoc, type ProductDoc } from '../schemas/index';
import { createAgentEngine, salesClassifier } from './engine';
import { createMemoryStore } from '../testing/memory-store';
import type { AgentPlugin } from './plugins';
import { fixedClock } from './ports';
import { putReply } from './roles/respond';
import { inbound } from './test-support';

const at = '2026-03-02T10:00:00.000Z';
const testPack: AgentPlugin = {
  name: 'test-pack',
  steps: [{ name: 'took-it', run: async (ctx) => ctx.message.text.startsWith('QUOTE:') }],
  answerers: [
    {
      name: 'party',
      answer: async (ctx) =>
        /party|праздник/i.test(ctx.message.text)
          ? {
              reply: await putReply(ctx, { text: 'The pack answers', cited: [], origin: 'template' }),
              toolCalls: [],
              toxicReplyBlocked: false,
            }
          : undefined,
    },
  ],
};
const widget: ProductDoc = {
  id: 'prod-w',
  sku: 'W-1',
  name: 'Widget Pro',
  prices: [{ currency: 'RUB', amount: 1250 }],
  createdAt: at,
  updatedAt: at,
};
const tooExpensive: ObjectionDoc = {
  id: 'objection-too-expensive',
  type: 'too-expensive',
  name: { ru: 'Дорого', en: 'Too expensive' },
  triggers: { ru: ['Дорого'], en: ["It's too expensive"] },
  answers: [{ language: 'en', text: 'I understand. The subscription pays for itself in two months.' }],
  createdAt: at,
  updatedAt: at,
};

async function team(applied: boolean) {
  const store = createMemoryStore('team-plugins');
  if (applied) await store.put('pipelines', { ...defaultPipeline(at), id: 'test', pack: 'test-pack' });
  await store.put('products', widget);
  await store.put('objections', tooExpensive);
  const llm = createLlmClient({
    providers: [],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({ store, llm, clock: fixedClock(at), plugins: [testPack] });
  let n = 0;
  return (text: string) => engine.handleInbound(inbound(text, { chat: String(++n) }));
}

describe("a pack's plug-in", () => {
  it('runs only for a team that applied the pack', async () => {
    const send = await team(false);
    const quote = await send('QUOTE: 120 000 RUB for the venue');
    expect(quote.skipped).toBeUndefined();
    const party = await send('We are planning a party, can you help?');
    expect(party.replies[0]?.text).not.toBe('The pack answers');
  });

  it("takes a message by its step (nobody answers) and answers by its answerer, in the chain's order", async () => {
    const send = await team(true);
    const quote = await send('QUOTE: 120 000 RUB for the venue');
    expect(quote.skipped).toBe('took-it');
    expect(quote.replies).toEqual([]);
    expect(quote.activity.some((a) => a.name === 'route')).toBe(false);

    const party = await send('We are planning a party, can you help?');
    expect(party.replies[0]!.text).toBe('The pack answers');
    // A named product is the catalog's, even where the pack would answer.
    const product = await send('How much for 2 Widget Pro for the party?');
    expect(product.replies[0]!.text).not.toBe('The pack answers');
    expect(product.replies[0]!.text).toContain('Widget Pro');
    // What the pack does not answer goes on to the objection library.
    const objection = await send("It's too expensive");
    expect(objection.replies[0]!.text.startsWith('I understand.')).toBe(true);
  });
});
