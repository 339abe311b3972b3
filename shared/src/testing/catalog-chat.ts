// A customer chatting with the real agents' engine (offline provider, in-memory store) of a team with
// a catalog: the quote tests' setup (agents/catalog-ask-back.test.ts, catalog-units.test.ts).
import { createAgentEngine, salesClassifier } from '../agents/engine';
import { createKeywordRetriever } from '../agents/keyword-retriever';
import { fixedClock } from '../agents/ports';
import { defaultProfile } from '../agents/profiles';
import { inbound, sampleKnowledge } from '../agents/test-support';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { ProductDoc } from '../schemas/index';
import { createMemoryStore } from './memory-store';

const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * `say` stores the customer's n-th message first, as the channels do, and gives the agent's first reply
 * (no-break spaces as plain ones) and the run.
 */
export async function catalogChat(products: ProductDoc[]) {
  const store = createMemoryStore('team-1');
  for (const p of products) await store.put('products', p);
  await store.put('agent_settings', { ...defaultProfile, id: 'agent-team' });
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  const say = async (text: string, n: number) => {
    const m = inbound(text, { n, at: `2026-03-02T10:00:0${n}.000Z` });
    await store.put('messages', m);
    const r = await engine.handleInbound(m);
    return { text: plainSpaces(r.replies[0]?.text ?? ''), run: r };
  };
  return { store, say };
}
