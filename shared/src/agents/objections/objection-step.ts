// The engine's objection step (issue 38), before the usual answer: an objection recognised in the
// customer's message (rules over the library's triggers, then a team model) is recorded on the deal
// (`lead.objections`) and in the activity log, and answered with the library's approved answer in the
// conversation's language, citing the script, instead of a knowledge answer or a hand-off. No
// library, no objection, or no answer in the language: undefined, and the run goes on as before.
import type { LeadDoc, ObjectionDoc } from '../../schemas/index';
import { recordMessageStep, type RunContext } from '../run-context';
import { putReply, type Response } from '../roles/respond';
import type { RoutePlan } from '../roles/supervisor';
import { libraryAnswer } from './library-answer';
import { modelObjection } from './model-check';
import { recogniseObjection, type ObjectionMatch } from './recognise';

/** The team's active objections; none where the store has no library (a device without a replica). */
export async function loadLibrary(ctx: Pick<RunContext, 'store'>): Promise<ObjectionDoc[]> {
  try {
    return (await ctx.store.find('objections', {})).filter((o) => o.active !== false);
  } catch {
    return [];
  }
}

async function recognise(ctx: RunContext, library: ObjectionDoc[]): Promise<ObjectionMatch | undefined> {
  return (
    recogniseObjection(ctx.message.text, library) ??
    (ctx.llm.offlineOnly ? undefined : modelObjection(ctx, library))
  );
}

/** The lead with this message's objection recorded (once, whatever the retries). */
function withObjection(lead: LeadDoc, entry: NonNullable<LeadDoc['objections']>[number]): LeadDoc {
  if ((lead.objections ?? []).some((o) => o.messageId === entry.messageId)) return lead;
  return {
    ...lead,
    objections: [...(lead.objections ?? []), entry].slice(-100),
    fieldUpdatedAt: { ...lead.fieldUpdatedAt, objections: entry.at },
    updatedAt: entry.at,
  };
}

/** Messages that go their own way: a request for a human, an opt-out. */
const notForTheLibrary = (plan: RoutePlan) => plan.intent === 'human_request' || plan.optOut;

export async function answerObjection(ctx: RunContext, plan: RoutePlan): Promise<Response | undefined> {
  if (notForTheLibrary(plan)) return undefined;
  const library = await loadLibrary(ctx);
  if (library.length === 0) return undefined;
  const match = await recognise(ctx, library);
  if (!match) return undefined;
  const { objection } = match;
  const answer = libraryAnswer(objection, {
    language: ctx.language,
    stage: ctx.lead.stage,
    text: ctx.message.text,
  });
  const at = ctx.now.toISOString();
  ctx.lead = withObjection(ctx.lead, {
    type: objection.type,
    at,
    messageId: ctx.message.id,
    ...(answer ? { objectionId: objection.id } : {}),
    language: ctx.language,
  });
  await ctx.store.put('leads', ctx.lead);
  await recordMessageStep(ctx, {
    role: 'answer',
    name: 'objection',
    status: answer ? 'ok' : 'skipped',
    output: {
      type: objection.type,
      objectionId: objection.id,
      title: answer?.title ?? objection.type,
      source: match.source,
      confidence: match.confidence,
      ...(match.trigger ? { trigger: match.trigger } : {}),
      answered: !!answer,
      ...(answer ? {} : { note: `no approved answer in ${ctx.language}` }),
    },
  });
  if (!answer) return undefined;
  const reply = await putReply(ctx, {
    text: answer.text,
    cited: [{ chunkId: objection.id, sourceId: objection.id, title: answer.title.slice(0, 300) }],
    origin: ctx.llm.offlineOnly ? 'offline' : 'template',
  });
  return { reply, toolCalls: [], toxicReplyBlocked: false };
}
