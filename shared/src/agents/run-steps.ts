// The engine's own steps of one run, in order (engine.ts runs the applied packs' steps before them and
// the answerers after): cancel the follow-ups the customer's message makes moot, read their mood, end
// a hand-off's wait, route (supervisor), the reply budget (the team's plan), the mood hand-off, the
// customer's twin, the lead's score. Each reads and writes the run's state.
import type { IntentClassifier } from '../llm/offline/intent-classifier';
import type { LeadDoc } from '../schemas/index';
import type { ReplyBudget } from './engine-types';
import { readMoodStep, type MoodOutcome } from './mood-step';
import type { AgentPlugin } from './plugins';
import { endWaitIfOver } from './roles/handoff-resume';
import { cancelFollowUps } from './roles/nurturing';
import { scoreLead } from './roles/scoring';
import { supervise, type RoutePlan } from './roles/supervisor';
import { buildTwin } from './roles/twin-builder';
import type { RunContext } from './run-context';

/** Why a run answers nothing although it was not a duplicate. */
export type SilentReason = 'handled-by-bot' | 'human-mode' | 'agent-access-denied';

export type TwinOutcome = Awaited<ReturnType<typeof buildTwin>>;

/** One run's state, from the run context to the answer. */
export type EngineRun = {
  ctx: RunContext;
  classifier: () => IntentClassifier;
  knowledgeLimit: number;
  /** Every plug-in (their planned messages count whatever the team applied). */
  plugins: readonly AgentPlugin[];
  replyPause?: ReplyBudget['pause'];
  mood?: MoodOutcome;
  silent?: SilentReason;
  plan?: RoutePlan;
  /** The plan's month is used up: no answer, the hand-off says why. */
  paused?: string;
  moodHandoff?: string;
  intent?: string;
  twin?: TwinOutcome;
  score?: LeadDoc['score'];
};

export type RunStep = { name: string; run(run: EngineRun): Promise<void> };

const intentsOf = (tags: string[]) => tags.filter((t) => t.startsWith('intent:')).map((t) => t.slice(7));

const cancelStep: RunStep = {
  name: 'cancel-follow-ups',
  run: async ({ ctx, plugins }) => {
    await ctx.log.step('nurturing', 'cancel-follow-ups', { conversationId: ctx.conversation.id }, async () =>
      (await cancelFollowUps(ctx.store, ctx.conversation.id, ctx.now, plugins)).map((m) => m.id),
    );
  },
};

// The customer's mood on the conversation (priority, badge); an abusive or angry one may go to a human.
const moodStep: RunStep = {
  name: 'mood',
  run: async (run) => {
    run.mood = await readMoodStep(run.ctx);
    run.ctx.conversation = run.mood.conversation;
  },
};

// A customer waiting for a rep: is the wait over (a rep wrote, or the AI answers again)?
const waitStep: RunStep = {
  name: 'handoff-wait',
  run: async ({ ctx }) => {
    if (!ctx.conversation.waitingSince) return;
    const since = ctx.conversation.waitingSince;
    await ctx.log.step('supervisor', 'handoff-wait', { waitingSince: since }, () => endWaitIfOver(ctx));
  },
};

const silentOf = (ctx: RunContext): SilentReason | undefined =>
  ctx.message.signals?.handledByBot
    ? 'handled-by-bot'
    : // Human mode from this very message's run (a crash came between its writes, so it is run
      // again): finish it, or the customer never gets the hand-off notice.
      ctx.conversation.mode === 'human' && ctx.conversation.handoffMessageId !== ctx.message.id
      ? 'human-mode'
      : ctx.contact.agentAccess === 'deny'
        ? 'agent-access-denied'
        : undefined;

const routeStep: RunStep = {
  name: 'route',
  run: async (run) => {
    const { ctx } = run;
    run.silent = silentOf(ctx);
    if (run.silent) return;
    run.plan = await ctx.log.step('supervisor', 'route', { text: ctx.message.text.slice(0, 500) }, () =>
      supervise(ctx, run.classifier(), { knowledgeLimit: run.knowledgeLimit }),
    );
  },
};

// The team's AI replies are paused (its plan's month is used up): no answer, no pack or library
// answer either; the conversation goes to a rep through the usual hand-off, which says why.
const replyBudgetStep: RunStep = {
  name: 'reply-budget',
  run: async (run) => {
    const { plan } = run;
    if (!plan || plan.handoff || !run.replyPause) return;
    run.paused = await run.replyPause(run.ctx.language);
    if (run.paused)
      run.plan = { ...plan, answer: false, handoff: run.paused, nurture: false, aiPaused: true };
  },
};

// The team hands an abusive or repeatedly angry customer to a human (agent settings' moodHandoff).
// Its reason replaces the supervisor's ("out of scope"): the rep should know the customer is upset.
const moodHandoffStep: RunStep = {
  name: 'mood-handoff',
  run: async (run) => {
    const { plan } = run;
    run.moodHandoff = plan && !plan.aiPaused ? run.mood?.handoff : undefined;
    if (!plan || !run.moodHandoff) return;
    const { catalog: _c, proposal: _p, ...rest } = plan;
    run.plan = { ...rest, answer: false, handoff: run.moodHandoff, nurture: false };
  },
};

const twinStep: RunStep = {
  name: 'twin',
  run: async (run) => {
    const { ctx, plan } = run;
    const intent = plan?.intent ?? run.classifier().predict(ctx.message.text).label;
    run.intent = intent;
    run.twin = await ctx.log.step('twin', 'update-twin', { intent }, async () => {
      // A run that does not route (human mode) goes by the intent; a routed one by the supervisor,
      // which takes no question for an opt-out.
      const r = await buildTwin(ctx, intent, plan ? plan.optOut : intent === 'opt_out');
      const summary = {
        added: r.change.added.map((f) => `${f.key}=${f.value}`),
        superseded: r.change.superseded.map((f) => `${f.key}=${f.value}`),
        extractedBy: r.extractedBy,
      };
      return { ...r, toJSON: () => summary };
    });
    ctx.contact = run.twin.contact;
    ctx.conversation = {
      ...ctx.conversation,
      tags: [...new Set([...(ctx.conversation.tags ?? []), `intent:${intent}`])].slice(-50),
    };
    await ctx.store.put('conversations', ctx.conversation);
  },
};

const scoreStep: RunStep = {
  name: 'scoring',
  run: async (run) => {
    const { ctx } = run;
    const intents = intentsOf(ctx.conversation.tags ?? []);
    run.score = await ctx.log.step('scoring', 'score', { intents }, async () => {
      const messages = await ctx.store.find('messages', { conversationId: ctx.conversation.id });
      const s = scoreLead(ctx.contact, messages, intentsOf(ctx.conversation.tags ?? []), ctx.now);
      const at = ctx.now.toISOString();
      ctx.lead = {
        ...ctx.lead,
        score: s,
        fieldUpdatedAt: { ...ctx.lead.fieldUpdatedAt, score: at },
        updatedAt: at,
      };
      await ctx.store.put('leads', ctx.lead);
      return s;
    });
  },
};

/** The engine's steps, in the order they run. */
export const coreSteps: readonly RunStep[] = [
  cancelStep,
  moodStep,
  waitStep,
  routeStep,
  replyBudgetStep,
  moodHandoffStep,
  twinStep,
  scoreStep,
];

/** Whether the run answers only by the hand-off (the reply budget or the customer's mood). */
export const heldBack = (run: EngineRun) => !!run.paused || !!run.moodHandoff;
