// The deal editor's parts (LeadEditor.tsx): its head (amount, contact, conversation, owner and the
// stage steps), its fields in two groups (the amount in the language's number format; a value that
// cannot be saved marked under its field, as typed), and the values that lost a merge. The quick-edit dialog and the deal's page share them.
import { channelSchema } from '@app/shared/schemas';
import { ContactPicker } from '../../components/ContactPicker';
import { MemberPicker } from '../../components/MemberPicker';
import { DateField } from '../../components/ui/DateField';
import { FieldRow, FormField } from '../../components/ui/FormField';
import { currenciesOf, pipelineLabel, stageLabel } from '../../data/pipelines';
import { useFormat, useI18n, type Translate } from '../../i18n/i18n';
import { personName } from '../../lib/board-cards';
import { NEW_CONTACT } from '../../lib/deal-form';
import { numberOf } from '../../lib/typed-number';
import type { LeadDoc, PipelineDoc } from '@app/shared/schemas';
import { useMemo } from 'react';
import { AmountInput } from './DealFieldInputs';
import type { DealEditor, DealEditorProblem } from './useDealEditor';

/** A field's problem as the rep reads it, under the field once a save was tried (undefined: none). */
function problemText(t: Translate, editor: DealEditor, problem: DealEditorProblem) {
  return editor.errorOf(problem) ? t(`deal.${problem}`) : undefined;
}

/** The head above the scrolling body: what the deal is worth, who it is with, and its stage steps. */
export function DealHead({ editor }: { editor: DealEditor }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { form, lead, isNew, pipeline, loading, contacts, members, moveTo } = editor;
  const contact = contacts.find((c) => c.id === form.contactId);
  const owner = members.find((m) => m.id === form.ownerId);
  // The owner by name; one no longer in the team is "a former member", never an id.
  const ownerName = owner ? personName(owner) : form.ownerId ? t('members.former') : undefined;
  const amount = numberOf(form.amount) ?? Number.NaN;
  const stageAt = pipeline.stages.findIndex((s) => s.id === form.stage);
  return (
    <div className="deal-head" data-testid="deal-head">
      <div className="deal-facts">
        <span className="deal-amount" data-testid="deal-head-amount">
          {form.amount.trim() && Number.isFinite(amount)
            ? fmt.money(amount, form.currency)
            : t('deal.noAmount')}
        </span>
        {contact && (
          <a
            href={`#/contacts/${encodeURIComponent(contact.id)}`}
            aria-label={t('deal.openContact', { name: contact.name })}
            data-testid="deal-head-contact"
          >
            {contact.name}
          </a>
        )}
        {lead?.conversationId ? (
          <a href={`#/inbox/${encodeURIComponent(lead.conversationId)}`} data-testid="deal-head-conversation">
            {t('deal.openConversation')}
          </a>
        ) : (
          !isNew && <span className="muted">{t('deal.noConversation')}</span>
        )}
        <span data-testid="deal-head-owner">
          {ownerName ? t('board.owner', { name: ownerName }) : t('board.noOwner')}
        </span>
      </div>
      <ol className="stage-steps" aria-label={t('deal.stages')} data-testid="stage-steps">
        {pipeline.stages.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className={i < stageAt && s.kind === 'open' ? 'passed' : undefined}
              aria-current={s.id === form.stage ? 'step' : undefined}
              disabled={loading}
              onClick={() => void moveTo(s.id)}
              data-testid={`stage-step-${s.id}`}
            >
              {stageLabel(t, s)}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Title, pipeline and stage, contact and company, owner and close date. */
export function DealMainFields({ editor, pipelines }: { editor: DealEditor; pipelines: PipelineDoc[] }) {
  const { t } = useI18n();
  const {
    form,
    field,
    set,
    lead,
    isNew,
    stage,
    pipeline,
    loading,
    contacts,
    sortedContacts,
    members,
    me,
    titleRef,
  } = editor;
  const companies = useMemo(
    () => [...new Set(contacts.map((c) => c.company).filter((c): c is string => !!c))].sort(),
    [contacts],
  );
  const contactOptions =
    lead?.contactId && !contacts.some((c) => c.id === lead.contactId)
      ? [{ id: lead.contactId, name: lead.contactId }, ...sortedContacts]
      : sortedContacts;
  return (
    <>
      <FormField label={t('leads.col.title')} error={problemText(t, editor, 'titleRequired')}>
        <input required maxLength={300} {...field('title')} ref={titleRef} data-testid="deal-title" />
      </FormField>
      <FieldRow>
        <FormField label={t('pipeline.label')}>
          <select {...field('pipelineId')} data-testid="deal-pipeline">
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {pipelineLabel(t, p)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('leads.col.stage')}>
          <select {...field('stage')} data-testid="deal-stage">
            {!stage && <option value={form.stage}>{form.stage}</option>}
            {pipeline.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {stageLabel(t, s)}
              </option>
            ))}
          </select>
        </FormField>
      </FieldRow>
      <FieldRow>
        <ContactPicker
          contacts={contactOptions}
          value={form.contactId}
          onChange={(id) => set('contactId', id)}
          label={t('deal.contact')}
          disabled={loading}
          {...(isNew ? { newValue: NEW_CONTACT } : {})}
          testId="deal-contact"
        />
        {form.contactId === NEW_CONTACT && (
          <FormField label={t('contact.title')}>
            <input maxLength={200} {...field('contactName')} data-testid="deal-contact-name" />
          </FormField>
        )}
        <FormField label={t('deal.company')}>
          <input list="deal-companies" maxLength={200} {...field('company')} />
        </FormField>
      </FieldRow>
      <datalist id="deal-companies">
        {companies.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <FieldRow>
        <MemberPicker
          members={members}
          value={form.ownerId}
          onChange={(id) => set('ownerId', id)}
          label={t('deal.owner')}
          noneLabel={t('deal.noOwner')}
          me={me}
          disabled={loading}
          testId="deal-owner"
        />
        <FormField label={t('deal.closeDate')} className="deal-close-field">
          <DateField
            value={form.expectedCloseDate}
            onChange={(v) => set('expectedCloseDate', v)}
            disabled={loading}
            testId="deal-close-date"
          />
        </FormField>
      </FieldRow>
    </>
  );
}

/** Amount, currency and probability, source, next step, notes, the lost reason and tags. */
export function DealMoreFields({ editor }: { editor: DealEditor }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { form, field, set, stage, pipeline } = editor;
  return (
    <>
      <FieldRow>
        <FormField label={t('deal.amount')} error={problemText(t, editor, 'amountInvalid')}>
          <AmountInput
            name="amount"
            value={form.amount}
            disabled={field('amount').disabled}
            onChange={(v) => set('amount', v)}
            testId="deal-amount"
          />
        </FormField>
        <FormField label={t('deal.currency')}>
          <select {...field('currency')} data-testid="deal-currency">
            {currenciesOf(pipeline, form.currency).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('deal.probability')} error={problemText(t, editor, 'probabilityInvalid')}>
          <input
            inputMode="decimal"
            placeholder={t('deal.probabilityHint', { p: fmt.number(stage?.probability ?? 0) })}
            {...field('probability')}
            data-testid="deal-probability"
          />
        </FormField>
      </FieldRow>
      <FieldRow>
        <FormField label={t('deal.source')}>
          <select {...field('channel')}>
            {channelSchema.enum.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('deal.campaign')}>
          <input maxLength={200} {...field('campaign')} />
        </FormField>
      </FieldRow>
      <FormField label={t('deal.nextStep')}>
        <input maxLength={500} {...field('nextStep')} data-testid="deal-next-step" />
      </FormField>
      <FormField label={t('deal.notes')}>
        <textarea maxLength={10_000} rows={3} {...field('notes')} />
      </FormField>
      {stage?.kind === 'lost' && (
        <FormField label={t('deal.lostReason')} error={problemText(t, editor, 'lostReasonRequired')}>
          <input maxLength={500} {...field('lostReason')} data-testid="deal-lost-reason" />
        </FormField>
      )}
      <FormField label={t('leads.col.tags')}>
        <input {...field('tags')} />
      </FormField>
    </>
  );
}

/** Values of the deal that lost a merge, so nobody's edit disappears silently. */
export function DealHistory({ history }: { history: LeadDoc['history'] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (!history || history.length === 0) return null;
  return (
    <div data-testid="lead-history">
      <h3>{t('contact.history')}</h3>
      <ul className="muted small">
        {history.map((h, i) => (
          <li key={i}>
            {h.field}: {h.value} ({fmt.dateTime(h.replacedAt)})
          </li>
        ))}
      </ul>
    </div>
  );
}
