// Out-of-scope detection in the running pipeline (issue 15): a message of no known intent is routed as
// 'unknown' and handed to a human, not answered under a wrong intent. The threshold is the classifier's
// own, calibrated when it was trained; a rep's profile threshold overrides it. The classifier here is a
// team's own (a bike shop's intents), given to the engine and its offline provider.
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { trainIntentClassifier } from '../llm/offline/intent-classifier';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { AgentSettingsDoc } from '../schemas/index';
import { createAgentEngine } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { defaultProfile } from './profiles';
import { DEFAULT_HANDOFF_THRESHOLD, unknownIntent } from './roles/unknown-intent';
import { inbound } from './test-support';

const things = ['road bike', 'mountain bike', 'helmet', 'bike lock', 'e-bike', 'kids bike'];
const templates: Record<string, string[]> = {
  price: ['how much is the {x}', 'what does the {x} cost', 'price of the {x}?'],
  delivery: [
    'can you ship the {x} to my town',
    'how long does delivery of the {x} take',
    'do you deliver the {x} abroad',
  ],
  order: ['i want to buy the {x}', 'please reserve the {x} for me', 'add the {x} to my order'],
  meeting: [
    'can i come to test ride the {x} tomorrow',
    'book me a fitting for the {x} at 5 pm',
    'let us meet at the shop about the {x}',
  ],
  complaint: ['the {x} arrived broken', 'my {x} is damaged and i am angry', 'the {x} you sold me fell apart'],
  product_question: ['what size is the {x}', 'is the {x} good for hills', 'what gears does the {x} have'],
};
const examples = Object.entries(templates).flatMap(([label, texts]) =>
  texts.flatMap((t) => things.map((x) => ({ text: t.replace('{x}', x), label }))),
);
const bikeShop = trainIntentClassifier(examples);

/** Not a bike shop's business; the classifier's best guess is a meeting, at 0.4-0.6. */
const outOfScope = 'I would like to book a table for two tonight';

function setup(profile?: Partial<AgentSettingsDoc>) {
  const store = createMemoryStore('team-1');
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({ providers: [], offline: createOfflineProvider({ classifier: bikeShop }) }),
    classifier: bikeShop,
    retriever: createKeywordRetriever([
      {
        chunkId: 'sizes:0',
        sourceId: 'sizes',
        title: 'Bike sizes',
        text: 'The road bike comes in sizes 52, 54 and 56. Book a fitting for two at the shop any day.',
      },
    ]),
    clock: fixedClock('2026-03-02T10:00:00.000Z'),
  });
  const ready = profile
    ? store.put('agent_settings', { ...defaultProfile, id: 'agent-team', ...profile })
    : Promise.resolve();
  return { engine, ready };
}

describe('unknown intent in the running pipeline', () => {
  it('the classifier calibrated its own threshold above the old fixed 0.35, and the message falls between', () => {
    expect(bikeShop.unknownBelow).toBeGreaterThan(DEFAULT_HANDOFF_THRESHOLD);
    const p = bikeShop.predict(outOfScope);
    expect(p.confidence).toBeGreaterThanOrEqual(DEFAULT_HANDOFF_THRESHOLD);
    expect(p.unknown).toBe(true);
  });

  it("routes a message outside the team's intents as unknown and hands it off, not answered as a meeting", async () => {
    const { engine } = setup();
    const r = await engine.handleInbound(inbound(outOfScope));
    expect(r.route).toMatchObject({
      unknown: true,
      unknownBelow: bikeShop.unknownBelow,
      source: 'classifier',
    });
    expect(r.handoff?.reason).toMatch(
      /^low routing confidence \(0\.\d{3} < 0\.\d+\)( \(evidence [\d.]+( < [\d.]+|, but no passage covers the question)\))?$/,
    );
    expect(r.conversation.mode).toBe('human');
    expect(r.toolCalls.some((t) => t.name === 'schedule_event')).toBe(false);
  });

  it('routes a known question to its intent and answers it', async () => {
    const { engine } = setup();
    const r = await engine.handleInbound(inbound('what size is the road bike'));
    expect(r.route).toMatchObject({ intent: 'product_question', unknown: false });
    expect(r.handoff).toBeUndefined();
    expect(r.replies[0]!.text).toContain('52');
  });

  it("a rep's threshold overrides the calibrated one", async () => {
    const { engine, ready } = setup({ isDefault: true, handoffThreshold: 0.2 });
    await ready;
    const r = await engine.handleInbound(inbound(outOfScope));
    expect(r.route).toMatchObject({ unknown: false, unknownBelow: 0.2 });
    expect(r.handoff?.reason ?? '').not.toMatch(/low routing confidence/);
  });
});

describe('unknownIntent', () => {
  const classifierRoute = {
    confidence: 0.4,
    source: 'classifier' as const,
    unknown: true,
    unknownBelow: 0.45,
  };

  it("takes the classifier's calibrated verdict when the profile sets no threshold, and the knowledge base does not overrule it", () => {
    expect(unknownIntent(classifierRoute, {})).toEqual({
      unknown: true,
      below: 0.45,
      by: 'classifier',
      knowledgeMayAnswer: false,
    });
  });

  it("takes a rep's threshold over it, and lets the knowledge base answer, as before", () => {
    expect(unknownIntent(classifierRoute, { handoffThreshold: 0.3 })).toMatchObject({
      unknown: false,
      below: 0.3,
      by: 'profile',
      knowledgeMayAnswer: true,
    });
  });

  it("judges a model's route on the model's scale by the default, and never a rule's", () => {
    expect(unknownIntent({ confidence: 0.3, source: 'llm' }, {})).toMatchObject({
      unknown: true,
      below: DEFAULT_HANDOFF_THRESHOLD,
      by: 'default',
    });
    expect(unknownIntent({ confidence: 0.1, source: 'rules' }, { handoffThreshold: 0.5 }).unknown).toBe(
      false,
    );
  });
});
