// The lead editor's form: loading a lead into text fields, checking them, and turning them back into
// the lead fields that changed (only those, so a field another rep changed meanwhile is not
// overwritten by a stale value). Pure, so it is tested without a screen.
import { findStage } from '@app/shared/crm';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { numberOf } from './typed-number';

export type DealForm = {
  title: string;
  pipelineId: string;
  stage: string;
  contactId: string;
  contactName: string;
  company: string;
  ownerId: string;
  amount: string;
  currency: string;
  expectedCloseDate: string;
  probability: string;
  channel: string;
  campaign: string;
  nextStep: string;
  notes: string;
  lostReason: string;
  tags: string;
};

export type DealProblem =
  'amountInvalid' | 'probabilityInvalid' | 'lostReasonRequired' | 'contactNameRequired';

/** The contact picker's "new contact" choice: a contact is made only with the name the rep typed. */
export const NEW_CONTACT = '__new';

/** A new deal's form in `pipeline`: its first open stage, its first currency. */
export function emptyForm(pipeline: PipelineDoc, ownerId = ''): DealForm {
  return {
    title: '',
    pipelineId: pipeline.id,
    stage: (pipeline.stages.find((s) => s.kind === 'open') ?? pipeline.stages[0])!.id,
    contactId: '',
    contactName: '',
    company: '',
    ownerId,
    amount: '',
    currency: pipeline.currencies[0] ?? 'USD',
    expectedCloseDate: '',
    probability: '',
    channel: 'manual',
    campaign: '',
    nextStep: '',
    notes: '',
    lostReason: '',
    tags: '',
  };
}

export function formOf(lead: LeadDoc, pipeline: PipelineDoc): DealForm {
  return {
    title: lead.title,
    pipelineId: pipeline.id,
    stage: lead.stage,
    contactId: lead.contactId ?? '',
    contactName: '',
    company: lead.company ?? '',
    ownerId: lead.ownerId ?? '',
    amount: lead.value ? String(lead.value.amount) : '',
    currency: lead.value?.currency ?? pipeline.currencies[0] ?? 'USD',
    expectedCloseDate: lead.expectedCloseDate ?? '',
    probability: lead.probability === undefined ? '' : String(lead.probability),
    channel: lead.source.channel,
    campaign: lead.source.campaign ?? '',
    nextStep: lead.nextStep ?? '',
    notes: lead.notes ?? '',
    lostReason: lead.lostReason ?? '',
    tags: (lead.tags ?? []).join(', '),
  };
}

/** A typed number (typed-number.ts), NaN when it is none (then a problem), undefined when empty. */
const num = (s: string) => (s.trim() ? (numberOf(s) ?? Number.NaN) : undefined);

export function checkForm(form: DealForm, pipeline: PipelineDoc): DealProblem[] {
  const problems: DealProblem[] = [];
  const amount = num(form.amount);
  if (amount !== undefined && !(Number.isFinite(amount) && amount >= 0 && amount <= 1e12)) {
    problems.push('amountInvalid');
  }
  const p = num(form.probability);
  if (p !== undefined && !(Number.isFinite(p) && p >= 0 && p <= 100)) problems.push('probabilityInvalid');
  if (findStage(pipeline, form.stage)?.kind === 'lost' && !form.lostReason.trim()) {
    problems.push('lostReasonRequired');
  }
  if (form.contactId === NEW_CONTACT && !form.contactName.trim()) problems.push('contactNameRequired');
  return problems;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** The lead fields a form sets (undefined: the field is removed). */
export function fieldsOf(form: DealForm): Partial<Record<keyof LeadDoc, unknown>> {
  const amount = num(form.amount);
  const probability = num(form.probability);
  return {
    title: form.title.trim() || '—',
    pipelineId: form.pipelineId,
    stage: form.stage,
    contactId: opt(form.contactId),
    company: opt(form.company),
    ownerId: opt(form.ownerId),
    value: amount === undefined ? undefined : { amount, currency: form.currency },
    expectedCloseDate: opt(form.expectedCloseDate),
    probability,
    source: { channel: form.channel, ...(opt(form.campaign) ? { campaign: opt(form.campaign) } : {}) },
    nextStep: opt(form.nextStep),
    notes: opt(form.notes),
    lostReason: opt(form.lostReason),
    tags: form.tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** The fields whose form value differs from the loaded one, as a patch (a stage move stamps its time). */
export function patchOf(initial: DealForm, form: DealForm, now: string): Record<string, unknown> {
  const before = fieldsOf(initial);
  const after = fieldsOf(form);
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(v) !== JSON.stringify(before[k as keyof LeadDoc])) patch[k] = v;
  }
  if ('stage' in patch || 'pipelineId' in patch) patch.stageChangedAt = now;
  return patch;
}
