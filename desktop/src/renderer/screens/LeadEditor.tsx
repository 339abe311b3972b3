// Edit one deal (or create one): title, pipeline and stage, contact and company pickers, owner (the
// team's members), amount in the pipeline's currencies, expected close date, probability (the stage's
// unless set), source, next step, notes, lost reason (required in a lost stage), tags. Shows values
// that lost a merge, so nobody's edit disappears silently, changes agents proposed, the deal's quote and
// commercial proposals (DealQuote), the objections raised and the timeline. A modal dialog (Radix):
// its header shows the stage steps (a click moves the deal), amount, contact and conversation and
// owner; the body scrolls under it and the footer with Save stays in view; Esc or a click outside
// closes it, asking first when there are unsaved changes. The contact is picked by search.
import { DateField } from '../components/ui/DateField';
import { useEffect, useMemo, useRef, useState } from 'react';
import { findPipeline, findStage } from '@app/shared/crm';
import { newId } from '@app/shared/ids';
import { channelSchema, type PipelineDoc } from '@app/shared/schemas';
import { useLiveDoc, useLiveQuery, useWorkspace } from '../data/hooks';
import { currenciesOf, stageLabel, pipelineLabel } from '../data/pipelines';
import { useMembers } from '../data/members';
import { createDeal } from '../data/new-deal';
import { recordStageChange } from '../data/stage-changes';
import { insertDocs, moveLead, updateDoc } from '../data/workspace';
import { useFormat, useI18n } from '../i18n/i18n';
import {
  checkForm,
  emptyForm,
  fieldsOf,
  formOf,
  NEW_CONTACT,
  patchOf,
  type DealForm,
} from '../lib/deal-form';
import { navigate } from '../lib/router';
import { LeadProposals } from './LeadProposals';
import { DealTimeline } from '../components/DealTimeline';
import { DealObjections } from '../components/DealObjections';
import { DealVendors } from '../components/DealVendors';
import { DealSocial } from '../components/DealSocial';
import { DealQuote } from '../components/DealQuote';
import { DealCustomFields } from '../components/DealCustomFields';
import { MiniTasks } from './tasks/MiniTasks';
import { ContactPicker } from '../components/ContactPicker';
import { MemberPicker } from '../components/MemberPicker';
import { ConfirmDialog, Dialog } from '../components/ui/Dialog';
import { personName } from '../lib/board-cards';
import './deals.css';

export function LeadEditor(props: { id: string; pipelines: PipelineDoc[]; defaultPipeline: PipelineDoc }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const ws = useWorkspace();
  const isNew = props.id === 'new';
  const lead = useLiveDoc('leads', isNew ? undefined : props.id);
  const { docs: contacts } = useLiveQuery('contacts', { limit: 2000 });
  const members = useMembers();
  const me = ws.session.userId ?? '';
  // A new deal starts without a contact; one is made only when the rep names it.
  const [blank, setBlank] = useState<DealForm>(() => emptyForm(props.defaultPipeline, me));
  const [form, setForm] = useState<DealForm>(blank);
  const [discarding, setDiscarding] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  // The form as first loaded: only fields the rep changed since are written, so a change that another
  // rep made meanwhile (replicated into `lead`) is never overwritten by a stale form value.
  const [initial, setInitial] = useState<DealForm | null>(null);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (!lead || initial) return;
    const pipeline = findPipeline(props.pipelines, lead.pipelineId ?? 'default') ?? props.defaultPipeline;
    const loaded = formOf(lead, pipeline);
    setInitial(loaded);
    setForm(loaded);
  }, [lead, initial, props.pipelines, props.defaultPipeline]);

  const pipeline = findPipeline(props.pipelines, form.pipelineId) ?? props.defaultPipeline;
  // A new deal is in its pipeline's first currency until the rep picks one: the built-in default
  // pipeline (USD) stands in until the team's own has been read, whose first may be another (RUB).
  const currencyPicked = useRef(false);
  const mainCurrency = pipeline.currencies[0];
  useEffect(() => {
    if (!isNew || currencyPicked.current || !mainCurrency || form.currency === mainCurrency) return;
    setForm((f) => ({ ...f, currency: mainCurrency }));
    setBlank((b) => (b.pipelineId === form.pipelineId ? { ...b, currency: mainCurrency } : b));
  }, [isNew, mainCurrency, form.currency, form.pipelineId]);
  const stage = findStage(pipeline, form.stage);
  const problems = checkForm(form, pipeline);
  // An existing deal is not editable before it has loaded from the local database (it may still be
  // replicating): what a rep typed into the empty form would be replaced when it arrived.
  const loading = !isNew && !initial;
  const companies = useMemo(
    () => [...new Set(contacts.map((c) => c.company).filter((c): c is string => !!c))].sort(),
    [contacts],
  );
  const sortedContacts = useMemo(
    () => [...contacts].sort((a, b) => a.name.localeCompare(b.name)),
    [contacts],
  );

  const close = () => navigate('leads');
  const dirty = isNew
    ? JSON.stringify(form) !== JSON.stringify(blank)
    : !!initial && Object.keys(patchOf(initial, form, '')).length > 0;
  /** Esc, a click outside or Cancel: gone at once without changes, else after asking. */
  const requestClose = () => (dirty ? setDiscarding(true) : close());
  /**
   * A click on a stage step: an existing deal moves at once (and its timeline records it), as on the
   * board; a new deal, a move to a lost stage (it needs the reason) or one after a pipeline change
   * sets the form's stage, saved with the rest.
   */
  const moveTo = async (stageId: string) => {
    if (stageId === form.stage) return;
    const kind = findStage(pipeline, stageId)?.kind;
    if (isNew || !lead || !initial || kind === 'lost' || form.pipelineId !== initial.pipelineId) {
      set('stage', stageId);
      return;
    }
    await moveLead(ws, lead.id, stageId, undefined, 'editor');
    setInitial({ ...initial, stage: stageId });
    setForm((f) => ({ ...f, stage: stageId }));
  };
  const save = async () => {
    setShown(true);
    if (problems.length) return;
    const now = new Date().toISOString();
    if (isNew) {
      let contactId = form.contactId;
      if (contactId === NEW_CONTACT) {
        contactId = newId('contact');
        await insertDocs(ws, 'contacts', [
          {
            id: contactId,
            name: form.contactName.trim(),
            ...(form.company.trim() ? { company: form.company.trim() } : {}),
            identities: [],
            optOut: false,
            agentAccess: 'default',
            twin: { facts: [] },
            createdAt: now,
            updatedAt: now,
          },
        ]);
      }
      const fields = Object.fromEntries(
        Object.entries(fieldsOf({ ...form, contactId })).filter(([, v]) => v !== undefined),
      );
      await createDeal(ws, fields as never, 'editor');
    } else if (lead && initial) {
      const patch = patchOf(initial, form, now);
      if (Object.keys(patch).length) await updateDoc(ws, 'leads', lead.id, patch);
      if (patch.stageChangedAt) await recordStageChange(ws, lead, { ...lead, ...patch } as never, 'editor');
    }
    close();
  };
  const set = (k: keyof DealForm, v: string) => {
    if (k === 'currency') currencyPicked.current = true;
    const next = { ...form, [k]: v };
    // A pipeline change starts the deal in the new pipeline's first open stage.
    if (k === 'pipelineId') {
      const p = findPipeline(props.pipelines, v) ?? props.defaultPipeline;
      next.stage = (p.stages.find((s) => s.kind === 'open') ?? p.stages[0])!.id;
      // And in its currency, unless the deal's is one of the new pipeline's too.
      if (!p.currencies.includes(next.currency)) next.currency = p.currencies[0] ?? next.currency;
    }
    if (k === 'contactId' && !form.company) {
      const c = contacts.find((x) => x.id === v);
      if (c?.company) next.company = c.company;
    }
    setForm(next);
  };
  const field = (k: keyof DealForm) => ({
    name: k,
    value: form[k],
    disabled: loading,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      set(k, e.target.value),
  });
  const contactOptions =
    lead?.contactId && !contacts.some((c) => c.id === lead.contactId)
      ? [{ id: lead.contactId, name: lead.contactId }, ...sortedContacts]
      : sortedContacts;
  const contact = contacts.find((c) => c.id === form.contactId);
  const owner = members.find((m) => m.id === form.ownerId);
  // The owner by name; one no longer in the team is "a former member", never an id.
  const ownerName = owner ? personName(owner) : form.ownerId ? t('members.former') : undefined;
  const amount = Number(form.amount.trim().replace(/\s/g, '').replace(',', '.'));
  const stageAt = pipeline.stages.findIndex((s) => s.id === form.stage);

  return (
    <Dialog
      onClose={requestClose}
      title={isNew ? t('leads.new') : (lead?.title ?? form.title)}
      className="dialog wide deal-dialog"
      testId="lead-editor"
      onSubmit={() => void save()}
      initialFocus={titleRef}
      onEscape={(e) => {
        // Esc in the open contact list closes the list, not the dialog.
        if (e.target instanceof Element && e.target.closest('.combobox[data-open]')) e.preventDefault();
      }}
    >
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
            <a
              href={`#/inbox/${encodeURIComponent(lead.conversationId)}`}
              data-testid="deal-head-conversation"
            >
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
      <div className="deal-scroll">
        {loading && (
          <p className="muted" data-testid="deal-loading">
            {t('deal.loading')}
          </p>
        )}
        {!isNew && <LeadProposals lead={lead} />}
        <label>
          {t('leads.col.title')}
          <input required maxLength={300} {...field('title')} ref={titleRef} data-testid="deal-title" />
        </label>
        <div className="row">
          <label>
            {t('pipeline.label')}
            <select {...field('pipelineId')} data-testid="deal-pipeline">
              {props.pipelines.map((p) => (
                <option key={p.id} value={p.id}>
                  {pipelineLabel(t, p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('leads.col.stage')}
            <select {...field('stage')} data-testid="deal-stage">
              {!stage && <option value={form.stage}>{form.stage}</option>}
              {pipeline.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {stageLabel(t, s)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
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
            <label>
              {t('contact.title')}
              <input maxLength={200} {...field('contactName')} data-testid="deal-contact-name" />
            </label>
          )}
          <label>
            {t('deal.company')}
            <input list="deal-companies" maxLength={200} {...field('company')} />
            <datalist id="deal-companies">
              {companies.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </label>
        </div>
        <div className="row">
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
          <label>
            {t('deal.closeDate')}
            <DateField
              value={form.expectedCloseDate}
              onChange={(v) => set('expectedCloseDate', v)}
              disabled={loading}
              testId="deal-close-date"
            />
          </label>
        </div>
        <div className="row">
          <label>
            {t('deal.amount')}
            <input inputMode="decimal" {...field('amount')} data-testid="deal-amount" />
          </label>
          <label>
            {t('deal.currency')}
            <select {...field('currency')} data-testid="deal-currency">
              {currenciesOf(pipeline, form.currency).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('deal.probability')}
            <input
              inputMode="decimal"
              placeholder={t('deal.probabilityHint', { p: fmt.number(stage?.probability ?? 0) })}
              {...field('probability')}
              data-testid="deal-probability"
            />
          </label>
        </div>
        <div className="row">
          <label>
            {t('deal.source')}
            <select {...field('channel')}>
              {channelSchema.enum.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('deal.campaign')}
            <input maxLength={200} {...field('campaign')} />
          </label>
        </div>
        <label>
          {t('deal.nextStep')}
          <input maxLength={500} {...field('nextStep')} data-testid="deal-next-step" />
        </label>
        <label>
          {t('deal.notes')}
          <textarea maxLength={10_000} rows={3} {...field('notes')} />
        </label>
        {stage?.kind === 'lost' && (
          <label>
            {t('deal.lostReason')}
            <input maxLength={500} {...field('lostReason')} data-testid="deal-lost-reason" />
          </label>
        )}
        <label>
          {t('leads.col.tags')}
          <input {...field('tags')} />
        </label>
        {shown && problems.length > 0 && (
          <p className="error" data-testid="deal-problems">
            {problems.map((p) => t(`deal.${p}`)).join(' ')}
          </p>
        )}
        {!isNew && lead && (
          <section data-testid="deal-tasks">
            <h3>{t('tasks.dealTasks')}</h3>
            <MiniTasks
              of="lead"
              leadId={lead.id}
              contactId={lead.contactId}
              emptyKey="tasks.dealEmpty"
              placeholderKey="tasks.form.titlePlaceholder"
              addKey="tasks.add"
            />
          </section>
        )}
        {lead?.history && lead.history.length > 0 && (
          <div data-testid="lead-history">
            <h3>{t('contact.history')}</h3>
            <ul className="muted small">
              {lead.history.map((h, i) => (
                <li key={i}>
                  {h.field}: {h.value} ({fmt.dateTime(h.replacedAt)})
                </li>
              ))}
            </ul>
          </div>
        )}
        {!isNew && lead && <DealCustomFields lead={lead} pipelines={props.pipelines} />}
        {!isNew && lead && <DealQuote lead={lead} />}
        {!isNew && lead && <DealVendors lead={lead} />}
        {!isNew && lead && <DealSocial lead={lead} />}
        {!isNew && lead && <DealObjections lead={lead} />}
        {!isNew && lead && <DealTimeline lead={lead} />}
      </div>
      <div className="reply-actions deal-footer">
        <button type="button" onClick={requestClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="lead-save" disabled={loading}>
          {t('common.save')}
        </button>
      </div>
      {discarding && (
        <ConfirmDialog
          title={t('deal.discardTitle')}
          description={t('deal.discardText')}
          confirmLabel={t('deal.discard')}
          onCancel={() => setDiscarding(false)}
          onConfirm={close}
          testId="deal-discard"
        />
      )}
    </Dialog>
  );
}
