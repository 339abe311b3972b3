import { describe, expect, it } from 'vitest';
import { sampleDocs } from '@app/shared/fixtures';
import { defaultPipeline } from '@app/shared/schemas';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { checkForm, emptyForm, fieldsOf, formOf, NEW_CONTACT, patchOf } from './deal-form';

const pipeline = structuredClone(sampleDocs.pipelines) as unknown as PipelineDoc;

describe('deal form', () => {
  it('a new deal starts in the first open stage and the first currency of its pipeline', () => {
    expect(emptyForm(pipeline, 'user-1')).toMatchObject({
      pipelineId: 'pipeline-enterprise',
      stage: 'discovery',
      currency: 'EUR',
      ownerId: 'user-1',
    });
  });

  it('a deal may have no contact; a new contact needs the name the rep typed (none is made up)', () => {
    const form = { ...emptyForm(pipeline), title: 'Website redesign' };
    expect(form.contactId).toBe('');
    expect(checkForm(form, pipeline)).toEqual([]);
    expect(fieldsOf(form).contactId).toBeUndefined();
    expect(checkForm({ ...form, contactId: NEW_CONTACT }, pipeline)).toEqual(['contactNameRequired']);
    expect(checkForm({ ...form, contactId: NEW_CONTACT, contactName: ' Anna ' }, pipeline)).toEqual([]);
    const lead = structuredClone(sampleDocs.leads) as unknown as LeadDoc;
    const { contactId: _gone, ...bare } = lead;
    expect(formOf(bare as LeadDoc, defaultPipeline()).contactId).toBe('');
  });

  it('refuses a bad amount or probability, and a lost stage without a reason', () => {
    const form = { ...emptyForm(pipeline), amount: '-1', probability: '120', stage: 'dropped' };
    expect(checkForm(form, pipeline)).toEqual(['amountInvalid', 'probabilityInvalid', 'lostReasonRequired']);
    expect(
      checkForm({ ...form, amount: '1 000,5', probability: '', lostReason: 'Budget' }, pipeline),
    ).toEqual([]);
    expect(fieldsOf({ ...form, amount: '1 000,5', probability: '' }).value).toEqual({
      amount: 1000.5,
      currency: 'EUR',
    }); // An amount grouped by commas, as English writes it, is the whole amount (it was 190).
    expect(fieldsOf({ ...form, amount: '190,000', probability: '' }).value).toEqual({
      amount: 190000,
      currency: 'EUR',
    });
    expect(checkForm({ ...form, amount: 'много', probability: '', lostReason: 'Budget' }, pipeline)).toEqual([
      'amountInvalid',
    ]);
  });

  it('writes only the fields the rep changed; emptied fields are removed; a move stamps its time', () => {
    const lead = {
      ...(structuredClone(sampleDocs.leads) as unknown as LeadDoc),
      nextStep: 'Call',
      ownerId: 'user-1',
    };
    const initial = formOf(lead, defaultPipeline());
    const edited = {
      ...initial,
      stage: 'proposal',
      nextStep: '',
      expectedCloseDate: '2026-04-30',
      probability: '35',
    };
    expect(patchOf(initial, edited, 'NOW')).toEqual({
      stage: 'proposal',
      nextStep: undefined,
      expectedCloseDate: '2026-04-30',
      probability: 35,
      stageChangedAt: 'NOW',
    });
    expect(patchOf(initial, initial, 'NOW')).toEqual({});
  });
});
