// Who answers a run, asked in turn until one does: the catalog (a quantity the reader could not read:
// the agent asks how many and quotes nothing, ask-quantity.ts), the applied packs' answerers (the
// events pack's Maestro plans, estimates and answers an event request once), the team's objection
// library (its approved answer), then the usual answer (respond: RAG, tools, a catalog quote, the
// hand-off). A named product goes to the quote and a held-back run to the hand-off: neither is a
// pack's or the library's.
import { askQuantity } from './ask-quantity';
import { answerObjection } from './objections/objection-step';
import type { AgentPlugin, Answerer } from './plugins';
import type { Response } from './roles/respond';
import type { RoutePlan } from './roles/supervisor';
import { heldBack, type EngineRun } from './run-steps';

type ChainAnswerer = { name: string; answer(run: EngineRun, plan: RoutePlan): Promise<Response | undefined> };

/** An answerer for a routed run that names no product and is not held back. */
const specialist = (a: Answerer): ChainAnswerer => ({
  name: a.name,
  answer: (run, plan) =>
    !plan.catalog && !heldBack(run) ? a.answer(run.ctx, plan) : Promise.resolve(undefined),
});

const catalogAnswerer: ChainAnswerer = {
  name: 'ask-quantity',
  answer: async (run, plan) =>
    plan.catalog?.askBack?.length && !heldBack(run) ? askQuantity(run.ctx, plan.catalog) : undefined,
};

const objectionAnswerer = specialist({ name: 'objections', answer: answerObjection });

/** The chain for a run of a team with these plug-ins applied, `respond` last. */
export function answerChain(
  applied: readonly AgentPlugin[],
  respondWith: (run: EngineRun, plan: RoutePlan) => Promise<Response>,
): ChainAnswerer[] {
  return [
    catalogAnswerer,
    ...applied.flatMap((p) => p.answerers ?? []).map(specialist),
    objectionAnswerer,
    { name: 'respond', answer: respondWith },
  ];
}

/** The first answer of the chain; a run that did not route (silent) answers nothing. */
export async function answerRun(run: EngineRun, chain: readonly ChainAnswerer[]): Promise<Response> {
  const plan = run.plan;
  if (plan)
    for (const a of chain) {
      const response = await a.answer(run, plan);
      if (response) return response;
    }
  return { toolCalls: [], toxicReplyBlocked: false };
}
