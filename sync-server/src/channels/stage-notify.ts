// Customer notifications on stage changes: when a deal enters a stage that notifies (the stage's
// `notify` in its pipeline, edited by admins), the customer gets the stage's message once, in their
// language, through the deal's conversation. It follows the team's `stage_changes` feed (every
// process; shared/src/schemas/stage-changes.ts says who writes them) and writes an outbound message
// doc with an id derived from the stage change: a second process, a restart that reads the feed again,
// or the same record written twice meet the existing doc (409) and write nothing. The channel's sender
// then claims and delivers it as any outbound message (outbox/), so it is
// sent once. The message (author: system) and an activity row are the log.
// Never sent: a demo conversation (crm/demo.ts), a customer who opted out, a deal without a
// conversation, a move older than `maxAgeMs` (history replayed from a restore or an import).
import {
  findPipeline,
  findStage,
  isDemoConversation,
  notificationLanguage,
  stageNotification,
} from '@app/shared/crm';
import type {
  ActivityDoc,
  AgentSettingsDoc,
  MessageDoc,
  PipelineDoc,
  StageChangeDoc,
} from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import type { ChangeFollower } from '../store/feeds/change-follower';
import { followTeam } from '../store/feeds/follow';
import type { CollectionMirror } from '../store/feeds/collection-mirror';
import { fromCouch, type Stored } from '../store/couch-docs';
import { teamData, teamStored } from '../store/data';
import { inboundMessages } from '../store/queries';
import { readPipeline } from '../store/team-pipelines';

export const STAGE_NOTIFY_AUTHOR = 'stage-notification';

/** The id of the notification a stage change sends (one per change). */
export const stageNotificationId = (stageChangeId: string) => `notify:${stageChangeId}`;

export type StageNotifyOutcome =
  { sent: true; messageId: string; language: 'en' | 'ru' } | { sent: false; why: string };

/** The team default agent profile's language (English when it names none). */
export async function teamDefaultLanguage(store: Store, teamId: string): Promise<'en' | 'ru'> {
  const found = await teamData(store, teamId)
    .agent_settings.find({ selector: { isDefault: true }, limit: 1 })
    .catch(() => [] as AgentSettingsDoc[]);
  const lang = found[0]?.language;
  return lang === 'ru' ? 'ru' : 'en';
}

/** The customer's last few messages in a conversation (to tell their language). */
export async function customerTexts(store: Store, teamId: string, conversationId: string): Promise<string[]> {
  const found = await teamData(store, teamId)
    .messages.find({ selector: inboundMessages(conversationId), limit: 50 })
    .catch(() => [] as MessageDoc[]);
  return found
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
    .slice(-5)
    .map((m) => m.text);
}

/** The team's pipelines kept in memory (store/feeds/collection-mirror.ts): read until it has loaded. */
export type PipelinesMirror = Pick<CollectionMirror<PipelineDoc>, 'loaded' | 'snapshot'>;

/** A pipeline by id: from the mirror once it has loaded (no request), else from the store. */
async function pipelineOf(store: Store, teamId: string, id: string, mirror?: PipelinesMirror) {
  if (mirror?.loaded) return findPipeline(mirror.snapshot(), id);
  return (await readPipeline(store, teamId, id))?.doc;
}

/**
 * Sends the notification of one stage change, if its stage notifies (idempotent). With `pipelines`,
 * a stage that does not notify (most moves: a new deal's first stage) costs no request to the store.
 */
export async function notifyStageChange(
  deps: { store: Store; teamId: string; now: Date; maxAgeMs: number; pipelines?: PipelinesMirror },
  change: StageChangeDoc,
): Promise<StageNotifyOutcome> {
  const { store, teamId, now } = deps;
  if (now.getTime() - Date.parse(change.at) > deps.maxAgeMs) return { sent: false, why: 'stale' };
  const pipeline = await pipelineOf(store, teamId, change.pipelineId, deps.pipelines);
  const stage = pipeline ? findStage(pipeline, change.to) : undefined;
  if (!stage?.notify?.enabled) return { sent: false, why: 'stage does not notify' };
  const lead = await teamData(store, teamId).leads.get(change.leadId);
  if (!lead) return { sent: false, why: 'no deal' };
  const conversationId = change.conversationId ?? lead.conversationId;
  if (!conversationId) return { sent: false, why: 'no conversation' };
  const conv = await teamData(store, teamId).conversations.get(conversationId);
  if (!conv) return { sent: false, why: 'no conversation' };
  if (isDemoConversation(conv)) return { sent: false, why: 'demo conversation' };
  const contact = await teamData(store, teamId).contacts.get(conv.contactId);
  if (contact?.optOut) return { sent: false, why: 'customer opted out' };
  const language = notificationLanguage({
    contactLanguage: contact?.language,
    customerTexts: contact?.language ? [] : await customerTexts(store, teamId, conversationId),
    teamDefault: await teamDefaultLanguage(store, teamId),
  });
  const note = stageNotification(stage, language, {
    name: contact?.name,
    deal: lead.title,
    company: lead.company ?? contact?.company,
  });
  if (!note) return { sent: false, why: 'no text' };
  const at = now.toISOString();
  const id = stageNotificationId(change.id);
  const message: MessageDoc = {
    id,
    conversationId,
    contactId: conv.contactId,
    channel: conv.channel,
    direction: 'outbound',
    author: { kind: 'system', name: STAGE_NOTIFY_AUTHOR },
    text: note.text,
    attachments: [],
    delivery: { status: 'pending', attempts: 0 },
    idempotencyKey: `stage-notify:${change.id}`,
    createdAt: at,
    updatedAt: at,
  };
  const { id: _id, ...body } = message;
  const fresh = await teamStored<Omit<MessageDoc, 'id'>>(store, teamId, 'messages').create(id, body);
  if (!fresh) return { sent: false, why: 'sent already' };
  const activity: ActivityDoc = {
    id: `${id}:log`,
    runId: `stage-notify:${change.id}`.slice(0, 128),
    conversationId,
    contactId: conv.contactId,
    messageId: id,
    role: 'sender',
    kind: 'step',
    name: STAGE_NOTIFY_AUTHOR,
    status: 'ok',
    input: JSON.stringify({ leadId: change.leadId, stage: change.to, stageChangeId: change.id }),
    output: JSON.stringify({ messageId: id, language: note.language, channel: conv.channel }),
    startedAt: at,
    finishedAt: at,
  };
  const { id: activityId, ...activityBody } = activity;
  await teamStored<Omit<ActivityDoc, 'id'>>(store, teamId, 'activity').create(activityId, activityBody);
  return { sent: true, messageId: id, language: note.language };
}

export type StageNotifier = { stop(): Promise<void>; follower: ChangeFollower };

/** Follows a team's stage changes and notifies customers (every process; idempotent). */
export function startStageNotifier(opts: {
  store: Store;
  teamId: string;
  log: Logger;
  checkpointId: string;
  /** Moves older than this are history, not news (default a day). */
  maxAgeMs?: number;
  now?: () => Date;
  /** The team's pipelines in memory (headless-team.ts keeps them). */
  pipelines?: PipelinesMirror;
}): StageNotifier {
  const { store, teamId, log } = opts;
  const follower = followTeam<Stored<StageChangeDoc>>(store, teamId, 'stage_changes', {
    checkpointId: opts.checkpointId,
    log,
    settleMs: 20,
    handle: async (changes) => {
      for (const c of changes) {
        if (!c.doc || c.deleted) continue;
        const change = fromCouch<StageChangeDoc>(c.doc);
        const outcome = await notifyStageChange(
          {
            store,
            teamId,
            now: opts.now?.() ?? new Date(),
            maxAgeMs: opts.maxAgeMs ?? 86_400_000,
            ...(opts.pipelines ? { pipelines: opts.pipelines } : {}),
          },
          change,
        );
        if (outcome.sent)
          log.info({ stageChangeId: change.id, messageId: outcome.messageId }, 'customer notified');
      }
    },
  });
  follower.start();
  return { follower, stop: () => follower.stop() };
}
