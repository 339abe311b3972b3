// The reply budget (issue 63: a step, not a patch of handleInbound): the reply-budget step asks it
// before an answer, a paused budget hands the conversation to a rep with its reason, and every run's
// end settles it, with the result or with the error the run failed with.
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createAgentEngine, salesClassifier } from './engine';
import type { InboundResult, ReplyBudget } from './engine-types';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { inbound, sampleKnowledge } from './test-support';
import { createKeywordRetriever } from './keyword-retriever';

type Outcome = { result: InboundResult } | { error: unknown };

function setup(why?: string) {
  const asked: string[] = [];
  const settled: Outcome[] = [];
  const budget: ReplyBudget = {
    pause: async (language) => {
      asked.push(language);
      return why;
    },
    settle: async (outcome) => {
      settled.push(outcome);
    },
  };
  const engine = createAgentEngine({
    store: createMemoryStore('team-budget'),
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
    replyBudget: budget,
  });
  return { engine, asked, settled };
}

describe('the reply budget', () => {
  it('is asked before the answer and settled with the result', async () => {
    const { engine, asked, settled } = setup();
    const r = await engine.handleInbound(inbound('How much does the Team plan cost?'));
    expect(r.replies).toHaveLength(1);
    expect(r.handoff).toBeUndefined();
    expect(asked).toEqual(['en']);
    expect(settled).toEqual([{ result: r }]);
  });

  it('paused, hands the conversation to a rep with its reason', async () => {
    const { engine, settled } = setup('AI replies this month are used up');
    const r = await engine.handleInbound(inbound('How much does the Team plan cost?'));
    expect(r.handoff?.reason).toBe('AI replies this month are used up');
    expect(r.route?.aiPaused).toBe(true);
    expect(settled).toEqual([{ result: r }]);
  });

  it("is settled with a failed run's error", async () => {
    const { engine, asked, settled } = setup();
    const outbound = { ...inbound('hello'), direction: 'outbound' as const };
    await expect(engine.handleInbound(outbound)).rejects.toThrow(/inbound/);
    expect(asked).toEqual([]);
    expect(settled).toHaveLength(1);
    expect('error' in settled[0]!).toBe(true);
  });
});
