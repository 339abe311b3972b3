// The columns of the contacts and leads CSV exports. The contact export's headers are ones the
// importer maps, so an exported file imports back into the same (or another) team.
import { findPipeline, findStage, pipelineIdOf, probabilityOf } from '@app/shared/crm';
import type { PipelineDoc } from '@app/shared/schemas';
import type { ApiDoc } from '../store/raw-docs';
import { asCollectionDoc } from '../store/collections';

type Identity = { channel?: string; externalId?: string; username?: string };

export const contactHeaders = [
  'id',
  'name',
  'company',
  'position',
  'email',
  'phone',
  'telegram',
  'telegram_username',
  'tags',
  'language',
  'notes',
  'owner',
  'opt_out',
  'created_at',
  'updated_at',
];

export function contactRow(c: ApiDoc): unknown[] {
  const tg = (Array.isArray(c.identities) ? (c.identities as Identity[]) : []).find(
    (i) => i.channel === 'telegram',
  );
  const tgId = tg?.externalId && !tg.externalId.startsWith('@') ? tg.externalId : '';
  return [
    c.id,
    c.name,
    c.company,
    c.position,
    c.email,
    c.phone,
    tgId,
    tg?.username,
    c.tags,
    c.language,
    c.notes,
    c.ownerId,
    c.optOut === true ? 'yes' : 'no',
    c.createdAt,
    c.updatedAt,
  ];
}

export const leadHeaders = [
  'id',
  'title',
  'stage',
  'contact_id',
  'contact_name',
  'amount',
  'currency',
  'channel',
  'score',
  'owner',
  'tags',
  'created_at',
  'updated_at',
  'pipeline',
  'stage_name',
  'probability',
  'expected_close_date',
  'company',
  'next_step',
  'lost_reason',
];

/**
 * One lead's row; `pipelines` are the team's (for the pipeline and stage names and the probability:
 * the lead's own, else its stage's).
 */
export function leadRow(
  l: ApiDoc,
  contactName: string | undefined,
  pipelines: readonly PipelineDoc[] = [],
): unknown[] {
  const value = (l.value ?? {}) as { amount?: number; currency?: string };
  const source = (l.source ?? {}) as { channel?: string };
  const score = (l.score ?? {}) as { value?: number };
  return [
    l.id,
    l.title,
    l.stage,
    l.contactId,
    contactName,
    value.amount,
    value.currency,
    source.channel,
    score.value,
    l.ownerId,
    l.tags,
    l.createdAt,
    l.updatedAt,
    ...dealCells(l, pipelines),
  ];
}

function dealCells(l: ApiDoc, pipelines: readonly PipelineDoc[]): unknown[] {
  const lead = asCollectionDoc('leads', l);
  const pipeline = findPipeline(pipelines, pipelineIdOf(lead));
  const stage = pipeline && findStage(pipeline, lead.stage);
  return [
    pipeline?.name ?? pipelineIdOf(lead),
    stage?.name ?? lead.stage,
    pipeline ? probabilityOf(lead, pipeline) : lead.probability,
    lead.expectedCloseDate,
    lead.company,
    lead.nextStep,
    lead.lostReason,
  ];
}
