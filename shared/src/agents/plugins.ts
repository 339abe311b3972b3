// The agents engine's plug-ins (issue 63): what a domain pack (shared/src/packs/) adds to a run without
// the engine naming the pack. A plug-in is named by its pack's id, and a run uses the plug-ins of the
// packs its team applied (a pipeline the pack set up says `pack: <id>`). Its steps run first, right
// after intake (a step may take the message: the run ends and nobody answers it, as with a vendor's
// quote); its answerers come between the catalog's and the objection library's. The planned messages
// it owns (a reminder before the client's event) say which customer turn cancels them and whether they
// go out of date: those rules hold for every team, applied or not (planned-messages.ts).
import type { ConversationDoc, MessageDoc } from '../schemas/index';
import type { StorePort } from './ports';
import type { Response } from './roles/response';
import type { RoutePlan } from './roles/supervisor';
import type { RunContext } from './run-context';

/** What a customer did: wrote a message (any, /help too), or opted out. */
export type CustomerTurn = 'message' | 'opt-out';

/** A step of a pack's, run before the engine's own; true: it took the message (nobody answers it). */
export type AgentStep = { name: string; run(ctx: RunContext): Promise<boolean> };

/** An answerer of a pack's: its reply, or undefined to let the next answerer answer. */
export type Answerer = {
  name: string;
  answer(ctx: RunContext, plan: RoutePlan): Promise<Response | undefined>;
};

/** A kind of planned message a plug-in writes (not a follow-up: nurturing neither counts nor cancels it). */
export type PlannedKindSpec = {
  kind: string;
  owns(m: Pick<MessageDoc, 'idempotencyKey'>): boolean;
  /** The customer's turns that cancel it. */
  cancelledBy: readonly CustomerTurn[];
  /** Whether it is out of date when it falls due (unset: never, whatever the customer writes). */
  outdated?(m: MessageDoc, conversation: ConversationDoc): boolean;
};

export type AgentPlugin = {
  /** The pack's id (a pipeline's `pack`). */
  name: string;
  steps?: readonly AgentStep[];
  answerers?: readonly Answerer[];
  /** The planned messages it owns. */
  followUps?: readonly PlannedKindSpec[];
};

/** The plug-ins of the packs the team applied (one read of its pipelines; none without plug-ins). */
export async function appliedPlugins(
  plugins: readonly AgentPlugin[],
  store: Pick<StorePort, 'find'>,
): Promise<AgentPlugin[]> {
  if (!plugins.length) return [];
  const pipelines = await store.find('pipelines', {});
  const applied = new Set(pipelines.flatMap((p) => (p.pack ? [p.pack] : [])));
  return plugins.filter((p) => applied.has(p.name));
}

/** The plug-in kind of a planned message, when a plug-in owns it. */
export const pluginKindOf = (
  m: Pick<MessageDoc, 'idempotencyKey'>,
  plugins: readonly AgentPlugin[],
): PlannedKindSpec | undefined => plugins.flatMap((p) => p.followUps ?? []).find((k) => k.owns(m));
